#!/usr/bin/env node
// `npm run test:binary`: the end-to-end suite against the single executable that
// `npm run build:binary` just built (the harness runs $SMLOGS_TEST_BIN instead of bin/kubectl-smlogs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const os = process.platform === 'win32' ? 'windows' : process.platform;
const bin = path.join(root, 'dist', `kubectl-smlogs-${os}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
if (!existsSync(bin)) {
  process.stderr.write(`test-binary: ${path.relative(root, bin)} does not exist: run npm run build:binary first\n`);
  process.exit(1);
}
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/e2e', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // build:binary has just built dist/ (the e2e suite also compares the binary with bin/kubectl-smlogs).
  env: { ...process.env, SMLOGS_TEST_BIN: bin, SMLOGS_SKIP_BUILD: '1' },
});
process.exit(r.status ?? 1);
