#!/usr/bin/env node
// Bundles src/ into two CommonJS scripts: dist/kubectl-smlogs.cjs (the light entry that
// bin/kubectl-smlogs loads: commander, help, version, completion) and dist/verbs.cjs (the verbs,
// with the AWS SDK and client-node), which the entry loads only when a verb runs; then V8 code
// caches for both (dist/*.cache). CommonJS, because one pre-parsed file per half is the fastest
// start Node 20 offers and it is what Node's single-executable support can embed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  // SOURCE_DATE_EPOCH (reproducible builds) fixes the build time.
  builtAt: new Date(process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) * 1000 : Date.now()).toISOString(),
  sdk: {
    '@aws-sdk/client-sagemaker': dep('@aws-sdk/client-sagemaker'),
    '@aws-sdk/client-cloudwatch-logs': dep('@aws-sdk/client-cloudwatch-logs'),
    '@kubernetes/client-node': dep('@kubernetes/client-node'),
  },
};

const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

// Optional modules that the bundled libraries try to require inside try/catch (ws, node-fetch,
// debug, the AWS SDK's CRT signer). They are not installed; inside the single executable require()
// loads built-in modules only, so they become modules that fail the way a missing module does.
const OPTIONAL = ['bufferutil', 'utf-8-validate', 'supports-color', 'encoding', '@aws-sdk/signature-v4-crt'];
const optionalStubs = {
  name: 'optional-stubs',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${OPTIONAL.map((m) => m.replace(/[/.-]/g, '\\$&')).join('|')})$`) }, (a) => ({ path: a.path, namespace: 'optional-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'optional-stub' }, (a) => ({
      contents: `throw Object.assign(new Error("Cannot find module '${a.path}'"), { code: 'MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};

// The light entry must not contain the heavy half: load-verbs.ts imports './verbs' only when run
// from the TypeScript sources; in the bundle it loads dist/verbs.cjs itself.
const verbsExternal = {
  name: 'verbs-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/verbs$/ }, (a) => (a.importer.endsWith(`load-verbs.ts`) ? { path: './verbs.cjs', external: true } : undefined));
  },
};

// commander requires node:child_process at load time for executable subcommands, which the
// plugin has none of; loading it costs ~2.5 ms of every start, so the entry gets it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (a) => (a.importer.includes(`${path.sep}commander${path.sep}`) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};

// @kubernetes/client-node's index re-exports its whole API (generated clients, watch, exec, cp,
// metrics...) from modules esbuild must assume have side effects; the plugin uses KubeConfig
// alone. Declaring the package's modules side-effect free lets esbuild drop what is never used
// (about 450 KB of the verbs bundle, and their start-up time). What is left imports node-fetch
// for one `new Headers()` in KubeConfig.applyToFetchOptions, which the plugin never calls (it
// uses applyToHTTPSOptions); Node 20's own Headers stands in, sparing node-fetch, whatwg-url and
// tr46's 260 KB table.
const clientNodeSideEffectFree = {
  name: 'client-node-side-effect-free',
  setup(b) {
    b.onLoad({ filter: /.*/, namespace: 'client-node-fetch' }, () => ({
      // Lazy: touching globalThis.Headers or fetch loads Node's fetch implementation (undici).
      contents:
        'export class Headers { constructor(init) { return new globalThis.Headers(init); } } export class FetchError extends Error {} export class AbortError extends Error {} export default (...a) => globalThis.fetch(...a);',
      loader: 'js',
    }));
    b.onResolve({ filter: /.*/ }, async (a) => {
      if (a.pluginData?.clientNode || a.kind === 'entry-point') return undefined;
      if (a.path !== '@kubernetes/client-node' && !a.importer.includes(`${path.sep}@kubernetes${path.sep}client-node${path.sep}`)) return undefined;
      if (a.path === 'node-fetch') return { path: 'node-fetch', namespace: 'client-node-fetch', sideEffects: false };
      const r = await b.resolve(a.path, { importer: a.importer, resolveDir: a.resolveDir, kind: a.kind, pluginData: { clientNode: true } });
      if (r.errors.length > 0) return { errors: r.errors };
      return { path: r.path, namespace: r.namespace, external: r.external, sideEffects: false };
    });
  },
};

// Modules both halves use whose identity matters (errors are tested with instanceof): the verbs
// bundle leaves them out and gets the entry's instances from src/cli/load-verbs.ts.
// core/debug holds the run's -v switch and known secrets, which both halves use.
const SHARED = {
  [path.join(root, 'src', 'core', 'errors.ts')]: 'kubectl-smlogs:core/errors',
  [path.join(root, 'src', 'core', 'debug.ts')]: 'kubectl-smlogs:core/debug',
};
const sharedModules = {
  name: 'shared-modules',
  setup(b) {
    b.onResolve({ filter: /(errors|debug)$/ }, (a) => {
      const id = SHARED[path.resolve(a.resolveDir, a.path) + '.ts'];
      return id ? { path: id, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The AWS SDK's ESM builds are smaller and tree-shake better than its CJS ones.
  mainFields: ['module', 'main'],
  // Node's SEA runs the bundle without an ESM loader, so import() must become require().
  supported: { 'dynamic-import': false },
  define: { __SMLOGS_META__: JSON.stringify(meta), __SMLOGS_BUNDLED__: 'true' },
  legalComments: 'none',
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
  plugins: [optionalStubs, verbsExternal],
  write: false,
};
const results = await Promise.all([
  // The first script: runs the entry with its code cache (bin/kubectl-smlogs; the SEA's main script).
  build({ ...common, entryPoints: [path.join(root, 'src', 'boot.ts')], outfile: path.join(dist, 'boot.cjs') }),
  // Light: commander, the command definitions, help, version, completion. Every start pays for it.
  build({ ...common, entryPoints: [path.join(root, 'src', 'main.ts')], outfile: path.join(dist, 'kubectl-smlogs.cjs'), plugins: [...common.plugins, lazyChildProcess] }),
  // Heavy: the verbs, with the AWS SDK clients and client-node; loaded when a verb runs.
  build({ ...common, entryPoints: [path.join(root, 'src', 'cli', 'verbs.ts')], outfile: path.join(dist, 'verbs.cjs'), plugins: [...common.plugins, sharedModules, clientNodeSideEffectFree] }),
]);
// Every script starts with `/*smlogs:ID*/`, ID a hash of all three, and every code cache with the
// same ID (see src/cli/script-loader.ts): a cache is only ever used with the build it was made
// from, even when a concurrent build rewrote the scripts meanwhile.
const outputs = results.flatMap((r) => r.outputFiles);
const hash = createHash('sha256');
for (const f of outputs) hash.update(f.contents);
const buildId = hash.digest('hex').slice(0, 16);
// Write-then-rename: a plugin started meanwhile (tests run while others rebuild) never reads a
// half-written script.
const atomicWrite = (file, data) => {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
};
for (const f of outputs) atomicWrite(f.path, `/*smlogs:${buildId}*/\n${f.text}`);
atomicWrite(path.join(dist, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');

// V8 code caches for both scripts, made by running representative commands (scripts/code-cache.mjs).
if (process.env.SMLOGS_CODE_CACHE !== '0') {
  const { produceCodeCaches } = await import('./code-cache.mjs');
  await produceCodeCaches(dist, { buildId });
}
