#!/usr/bin/env node
// Builds the single executable: dist/kubectl-smlogs-<os>-<arch>[.exe], a Node.js binary with the
// plugin injected as a Node single executable application (SEA), so that it runs where no Node.js
// is installed. Offline: it needs only this Node.js (or the target's node binary) and postject.
//
//   node scripts/build-binary.mjs [--target OS-ARCH] [--node PATH] [--out FILE] [--no-strip] [--skip-build]
//
// --target defaults to this machine (linux-x64 here). Another target needs --node: that
// platform's node binary of the same version (from the official Node.js tarball/zip, see
// docs/install.md); the V8 code caches are then left out (they only fit the V8 that made them).
//
// What goes in: dist/boot.cjs as the SEA main script; dist/kubectl-smlogs.cjs, dist/verbs.cjs and
// their code caches as SEA assets, which src/cli/script-loader.ts reads with node:sea's getAsset.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);
const SENTINEL = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'windows-x64'];

function fail(message) {
  process.stderr.write(`build-binary: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const o = { target: `${process.platform}-${process.arch}`, node: undefined, out: undefined, strip: true, build: true, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--target') o.target = value();
    else if (a === '--node') o.node = value();
    else if (a === '--out') o.out = value();
    else if (a === '--no-strip') o.strip = false;
    else if (a === '--skip-build') o.build = false;
    else if (a === '--quiet') o.quiet = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node scripts/build-binary.mjs [--target OS-ARCH] [--node PATH] [--out FILE] [--no-strip] [--skip-build]\n');
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  o.target = o.target.replace(/^windows-/, 'win32-');
  if (!TARGETS.includes(o.target)) fail(`unknown target ${o.target}: use one of linux-x64, linux-arm64, darwin-x64, darwin-arm64, windows-x64`);
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const host = `${process.platform}-${process.arch}`;
const native = opts.target === host;
const [targetOs] = opts.target.split('-');
const log = (s) => opts.quiet || process.stderr.write(`build-binary: ${s}\n`);

if (!native && !opts.node) fail(`building for ${opts.target} on ${host} needs --node PATH: the node binary of Node.js ${process.version} for ${opts.target}`);
const nodeBinary = path.resolve(opts.node ?? process.execPath);
if (!existsSync(nodeBinary)) fail(`no node binary at ${nodeBinary}`);
if (native) {
  const v = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
  if (v !== process.version) fail(`${nodeBinary} is Node.js ${v}; the blob is made by ${process.version} and must be injected into the same version`);
} else if (/v\d+\.\d+\.\d+/.test(nodeBinary) && !nodeBinary.includes(process.version)) {
  fail(`${nodeBinary} looks like another Node.js version than ${process.version}, which makes the blob`);
}
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) fail(`Node.js ${process.version} cannot build it: SEA assets need Node.js 20.12 or later`);

const out = path.resolve(opts.out ?? path.join(dist, `kubectl-smlogs-${opts.target.replace(/^win32-/, 'windows-')}${targetOs === 'win32' ? '.exe' : ''}`));

// 1. The bundles and their code caches.
if (opts.build) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) fail('the bundle build failed');
}
for (const f of ['boot.cjs', 'kubectl-smlogs.cjs', 'verbs.cjs']) if (!existsSync(path.join(dist, f))) fail(`dist/${f} is missing: run npm run build`);

// 2. The SEA preparation blob.
const work = mkdtempSync(path.join(os.tmpdir(), 'smlogs-sea-'));
try {
  const assets = {};
  for (const name of ['kubectl-smlogs', 'verbs']) {
    assets[`${name}.cjs`] = path.join(dist, `${name}.cjs`);
    // A cache made by this V8 is useless (rejected) on another platform's: leave it out there.
    const cache = path.join(dist, `${name}.cache`);
    if (native && existsSync(cache)) assets[`${name}.cache`] = cache;
  }
  const blob = path.join(work, 'sea-prep.blob');
  const config = {
    main: path.join(dist, 'boot.cjs'),
    output: blob,
    // Users must never see "ExperimentalWarning: Single executable application is an experimental feature".
    disableExperimentalSEAWarning: true,
    // The main script is 3 KB; the scripts that matter carry their own caches as assets.
    useCodeCache: false,
    useSnapshot: false,
    assets,
  };
  writeFileSync(path.join(work, 'sea-config.json'), JSON.stringify(config, null, 2));
  const made = spawnSync(process.execPath, ['--experimental-sea-config', path.join(work, 'sea-config.json')], { cwd: work, encoding: 'utf8' });
  if (made.status !== 0 || !existsSync(blob)) fail(`node --experimental-sea-config failed: ${(made.stderr || made.stdout || '').trim()}`);

  // 3. A copy of the node binary, stripped of its symbol table on Linux (~10 MB less).
  rmSync(out, { force: true });
  copyFileSync(nodeBinary, out);
  chmodSync(out, 0o755);
  if (opts.strip && native && targetOs === 'linux') {
    const strip = spawnSync('strip', ['--strip-all', out], { encoding: 'utf8' });
    if (strip.status !== 0) log(`strip failed or is missing (${(strip.stderr || strip.error?.message || '').trim()}); keeping the symbols`);
  }
  if (targetOs === 'darwin' && process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', out]);

  // 4. Inject the blob (postject's CLI in a child: its LIEF prints harmless section warnings).
  const postject = path.join(path.dirname(require.resolve('postject')), 'cli.js');
  const injected = spawnSync(
    process.execPath,
    [postject, out, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SENTINEL, ...(targetOs === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [])],
    { encoding: 'utf8' },
  );
  if (injected.status !== 0) {
    const why = `${injected.stderr}\n${injected.stdout}`.split('\n').filter((l) => l.trim() && !/^warning: Can't find string offset/.test(l));
    fail(`postject failed: ${why.join(' ') || `exit ${injected.status}`}`);
  }
  if (targetOs === 'darwin') {
    if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', out]);
    else log(`${path.basename(out)} must be signed before it runs on macOS: codesign --sign - (or rcodesign sign) on the release machine`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 5. Smoke test where it can run: without Node.js on PATH, it must print its version and nothing else.
if (native) {
  const emptyPath = mkdtempSync(path.join(os.tmpdir(), 'smlogs-nopath-'));
  try {
    const r = spawnSync(out, ['version'], { env: { PATH: emptyPath, HOME: emptyPath }, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0 || !r.stdout.includes('single executable') || r.stderr !== '') {
      fail(`the binary does not run: exit ${r.status}, stdout ${JSON.stringify(r.stdout)}, stderr ${JSON.stringify(r.stderr)}`);
    }
  } finally {
    rmSync(emptyPath, { recursive: true, force: true });
  }
}
log(`${path.relative(process.cwd(), out)} (${(statSync(out).size / 1048576).toFixed(1)} MB, ${opts.target}, Node.js ${process.version})`);
