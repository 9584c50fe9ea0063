import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/kube/object';

export const fixturesDir = path.resolve(__dirname, '..', 'fixtures');

/** A custom resource from test/fixtures/crs (copied from the reference fixtures). */
export function crFixture(name: string): KubeObject {
  return parse(readFileSync(path.join(fixturesDir, 'crs', `${name}.yaml`), 'utf8')) as KubeObject;
}
