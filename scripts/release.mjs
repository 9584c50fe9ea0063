#!/usr/bin/env node
// `npm run release`: everything a release publishes, in release/vVERSION/:
//
//   kubectl-smlogs-vVERSION-<os>-<arch>.tar.gz   the single executable + kubectl_complete-smlogs + docs
//   kubectl-smlogs-VERSION.tgz                   the npm package (npm install -g ./kubectl-smlogs-VERSION.tgz)
//   SHA256SUMS                                   sha256 of every file above
//   smlogs.yaml                                  the krew manifest (also written to plugins/smlogs.yaml)
//
// This machine's platform is always built (with this Node.js). Each other platform is built when
// its node binary (the same Node.js version) is provided:
//   SMLOGS_NODE_<OS>_<ARCH>=/path/to/node            e.g. SMLOGS_NODE_LINUX_ARM64, SMLOGS_NODE_WINDOWS_X64 (node.exe)
//   SMLOGS_NODE_BINARIES=/folder                       holding the official archives unpacked:
//       node-vX.Y.Z-linux-arm64/bin/node, node-vX.Y.Z-darwin-arm64/bin/node, node-vX.Y.Z-win-x64/node.exe, ...
//       (or <target>/node, <target>/bin/node, <target>/node.exe)
// Platforms without a node binary are left out of the archives and of the manifest, with a note.
//
//   SMLOGS_RELEASE_URL   where the archives will be downloaded from (the manifest's uri prefix);
//                        default https://github.com/OWNER/kubectl-smlogs/releases/download/vVERSION
//   SMLOGS_RELEASE_HOMEPAGE  the manifest's homepage
//   SOURCE_DATE_EPOCH    fixes the build time and the archives' file times (reproducible archives)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const version = pkg.version;
const args = process.argv.slice(2);
for (const a of args) if (!['--skip-build'].includes(a)) fail(`unknown argument ${a} (usage: node scripts/release.mjs [--skip-build])`);
// SMLOGS_RELEASE_OUT: another folder (tests); plugins/smlogs.yaml is then left alone.
const outDir = path.resolve(process.env.SMLOGS_RELEASE_OUT ?? path.join(root, 'release', `v${version}`));
const updateRepoManifest = !process.env.SMLOGS_RELEASE_OUT;
const host = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;

/** Release targets: our name, Node.js's name for its archives, krew's os/arch labels. */
const TARGETS = [
  { target: 'linux-x64', nodeName: 'linux-x64', os: 'linux', arch: 'amd64' },
  { target: 'linux-arm64', nodeName: 'linux-arm64', os: 'linux', arch: 'arm64' },
  { target: 'darwin-x64', nodeName: 'darwin-x64', os: 'darwin', arch: 'amd64' },
  { target: 'darwin-arm64', nodeName: 'darwin-arm64', os: 'darwin', arch: 'arm64' },
  { target: 'windows-x64', nodeName: 'win-x64', os: 'windows', arch: 'amd64' },
];

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}
const note = (s) => process.stderr.write(`release: ${s}\n`);

function nodeBinaryFor(t) {
  if (t.target === host) return process.execPath;
  const envName = `SMLOGS_NODE_${t.target.replace('-', '_').toUpperCase()}`;
  if (process.env[envName]) {
    if (!existsSync(process.env[envName])) fail(`${envName}=${process.env[envName]} does not exist`);
    return process.env[envName];
  }
  const dir = process.env.SMLOGS_NODE_BINARIES;
  if (!dir) return undefined;
  const exe = t.os === 'windows' ? 'node.exe' : 'node';
  const candidates = [
    path.join(dir, `node-${process.version}-${t.nodeName}`, t.os === 'windows' ? exe : path.join('bin', exe)),
    path.join(dir, t.target, exe),
    path.join(dir, t.target, 'bin', exe),
    path.join(dir, t.nodeName, exe),
    path.join(dir, t.nodeName, 'bin', exe),
  ];
  return candidates.find((c) => existsSync(c));
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) fail(`${path.basename(cmd)} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
  return r;
}

/** A gzip'd tar whose bytes depend only on its files (sorted, fixed owner and times). */
function tarGz(dir, files, out, mtime) {
  execFileSync('tar', ['--sort=name', `--mtime=@${mtime}`, '--owner=0', '--group=0', '--numeric-owner', '--format=gnu', '-cf', out.replace(/\.gz$/, ''), '-C', dir, ...files], { stdio: 'inherit' });
  execFileSync('gzip', ['-n', '-6', '-f', out.replace(/\.gz$/, '')], { stdio: 'inherit' });
}

const COMPLETER_SH = `#!/bin/sh
# kubectl 1.26+ runs this for \`kubectl smlogs <TAB>\`; it must be on PATH next to kubectl-smlogs.
d=$(dirname "$0")
if [ -x "$d/kubectl-smlogs" ]; then exec "$d/kubectl-smlogs" __complete "$@"; fi
exec kubectl-smlogs __complete "$@"
`;
const COMPLETER_CMD = '@echo off\r\nrem kubectl 1.26+ runs this for `kubectl smlogs <TAB>`; it must be on PATH next to kubectl-smlogs.exe.\r\n"%~dp0kubectl-smlogs.exe" __complete %*\r\n';

function platformYaml(t, uri, sum, extraFiles) {
  const exe = t.os === 'windows' ? '.exe' : '';
  const completer = t.os === 'windows' ? 'kubectl_complete-smlogs.cmd' : 'kubectl_complete-smlogs';
  const files = [`kubectl-smlogs${exe}`, completer, ...extraFiles];
  return [
    `  - selector:`,
    `      matchLabels:`,
    `        os: ${t.os}`,
    `        arch: ${t.arch}`,
    `    uri: ${uri}`,
    `    sha256: ${sum}`,
    `    files:`,
    ...files.flatMap((f) => [`    - from: ${f}`, `      to: .`]),
    `    bin: kubectl-smlogs${exe}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
const mtime = process.env.SOURCE_DATE_EPOCH ?? String(Math.floor(Date.now() / 1000));
const baseUrl = (process.env.SMLOGS_RELEASE_URL ?? `https://github.com/OWNER/kubectl-smlogs/releases/download/v${version}`).replace(/\/$/, '');
if (!process.env.SMLOGS_RELEASE_URL) note(`SMLOGS_RELEASE_URL is not set: the manifest's uri fields point at ${baseUrl}/...; set it to where the archives will be published`);
const homepage = process.env.SMLOGS_RELEASE_HOMEPAGE ?? baseUrl.replace(/\/releases\/download\/.*$/, '');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// 1. The bundles (once, for every platform: they are the same JavaScript).
if (!args.includes('--skip-build')) run(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { env: { ...process.env, SOURCE_DATE_EPOCH: mtime } });

// 2. One archive per platform that has a node binary.
const built = [];
const work = mkdtempSync(path.join(os.tmpdir(), 'smlogs-release-'));
try {
  const docs = ['LICENSE', 'README.md'].filter((f) => existsSync(path.join(root, f)));
  for (const t of TARGETS) {
    const node = nodeBinaryFor(t);
    if (!node) {
      note(`${t.target}: skipped (no node binary: set SMLOGS_NODE_${t.target.replace('-', '_').toUpperCase()} or SMLOGS_NODE_BINARIES)`);
      continue;
    }
    const dir = path.join(work, t.target);
    mkdirSync(dir, { recursive: true });
    const exe = t.os === 'windows' ? '.exe' : '';
    run(process.execPath, [path.join(root, 'scripts', 'build-binary.mjs'), '--skip-build', '--quiet', '--target', t.target, '--node', node, '--out', path.join(dir, `kubectl-smlogs${exe}`)]);
    if (t.os === 'windows') writeFileSync(path.join(dir, 'kubectl_complete-smlogs.cmd'), COMPLETER_CMD);
    else {
      writeFileSync(path.join(dir, 'kubectl_complete-smlogs'), COMPLETER_SH);
      chmodSync(path.join(dir, 'kubectl_complete-smlogs'), 0o755);
    }
    for (const d of docs) copyFileSync(path.join(root, d), path.join(dir, d));
    if (existsSync(path.join(root, 'docs', 'install.md'))) copyFileSync(path.join(root, 'docs', 'install.md'), path.join(dir, 'INSTALL.md'));
    const archive = `kubectl-smlogs-v${version}-${t.target}.tar.gz`;
    tarGz(dir, readdirSync(dir), path.join(outDir, archive), mtime);
    const extras = readdirSync(dir).filter((f) => !f.startsWith('kubectl-smlogs') && !f.startsWith('kubectl_complete-smlogs'));
    built.push({ t, archive, sum: sha256(path.join(outDir, archive)), extras });
    note(`${archive} (${(statSync(path.join(outDir, archive)).size / 1048576).toFixed(1)} MB)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (built.length === 0) fail('no platform could be built');

// 3. The npm package.
const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', outDir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
note(`${packed} (npm package)`);

// 4. Checksums and the krew manifest.
const files = readdirSync(outDir).filter((f) => f.endsWith('.tar.gz') || f.endsWith('.tgz')).sort();
writeFileSync(path.join(outDir, 'SHA256SUMS'), files.map((f) => `${sha256(path.join(outDir, f))}  ${f}\n`).join(''));
const template = readFileSync(path.join(root, 'plugins', 'smlogs.template.yaml'), 'utf8');
const manifest = template
  .split('\n')
  .filter((l) => !l.startsWith('#'))
  .join('\n')
  .replaceAll('{{VERSION}}', version)
  .replaceAll('{{HOMEPAGE}}', homepage)
  .replace('{{PLATFORMS}}', built.map((b) => platformYaml(b.t, `${baseUrl}/${b.archive}`, b.sum, b.extras)).join('\n'));
const header = `# Generated by \`npm run release\` from plugins/smlogs.template.yaml (v${version}: ${built.map((b) => b.t.target).join(', ')}).\n`;
writeFileSync(path.join(outDir, 'smlogs.yaml'), header + manifest);
if (updateRepoManifest) writeFileSync(path.join(root, 'plugins', 'smlogs.yaml'), header + manifest);
note(`SHA256SUMS, smlogs.yaml → ${outDir}${updateRepoManifest ? ' (and plugins/smlogs.yaml)' : ''}`);
