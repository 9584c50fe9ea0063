#!/usr/bin/env node
// Bundles src/ into dist/kubectl-smlogs.cjs, the single file bin/kubectl-smlogs loads.
// CommonJS, because require() of one pre-parsed file is the fastest start Node 20 offers
// and it is what Node's single-executable support can embed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dep = (name) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const meta = {
  version: pkg.version,
  commit: process.env.SMLOGS_COMMIT ?? gitCommit(),
  builtAt: new Date().toISOString(),
  sdk: {
    '@aws-sdk/client-sagemaker': dep('@aws-sdk/client-sagemaker'),
    '@aws-sdk/client-cloudwatch-logs': dep('@aws-sdk/client-cloudwatch-logs'),
    '@kubernetes/client-node': dep('@kubernetes/client-node'),
  },
};

mkdirSync(path.join(root, 'dist'), { recursive: true });
await build({
  entryPoints: [path.join(root, 'src', 'main.ts')],
  outfile: path.join(root, 'dist', 'kubectl-smlogs.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The AWS SDK's ESM builds are smaller and tree-shake better than its CJS ones.
  mainFields: ['module', 'main'],
  // Node's SEA runs the bundle without an ESM loader, so import() must become require().
  supported: { 'dynamic-import': false },
  define: { __SMLOGS_META__: JSON.stringify(meta) },
  legalComments: 'none',
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
});
writeFileSync(path.join(root, 'dist', 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
