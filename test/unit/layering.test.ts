// The folder tree is the architecture: imports go one way, from the command line at the edge down
// to the core. This test fails when a module reaches up or sideways.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '..', '..', 'src');

// What each layer may import besides itself.
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  aws: ['core'],
  sagemaker: ['core', 'aws'],
  kube: ['core', 'aws', 'sagemaker'],
  logs: ['core', 'aws', 'sagemaker'],
  render: ['core', 'aws', 'sagemaker', 'kube', 'logs'],
  cli: ['core', 'aws', 'sagemaker', 'kube', 'logs', 'render'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(file: string): string {
  return path.relative(src, file).split(path.sep)[0]!;
}

describe('layering', () => {
  it('every import inside src goes to the same layer or one below it', () => {
    const violations: string[] = [];
    let checked = 0;
    for (const file of files(src)) {
      const layer = layerOf(file);
      if (!(layer in ALLOWED)) continue; // entry points (main.ts, boot.ts) may import anything
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2]!;
        const target = layerOf(path.resolve(path.dirname(file), spec));
        checked++;
        if (target !== layer && !ALLOWED[layer]!.includes(target)) violations.push(`${path.relative(src, file)} imports ${spec} (${layer} → ${target})`);
      }
    }
    expect(violations).toEqual([]);
    // The scan itself works: a codebase this size has hundreds of relative imports.
    expect(checked).toBeGreaterThan(200);
  });
});
