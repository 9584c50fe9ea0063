// Install paths: the npm tarball installed globally (npm pack, then npm install -g into a
// temporary prefix), and the release (npm run release): archives, checksums, the krew manifest,
// and an archive's executable running with no Node.js on PATH.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startHarness, type Harness } from '../helpers/harness';
import { repoRoot } from '../helpers/tools';
import { clockAt, fixtureCluster, fixtureJobs } from './support/world';

const exec = promisify(execFile);
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
let h: Harness;
let dir: string;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-install-'));
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('npm install -g of the packed tarball', () => {
  it('installs kubectl-smlogs and kubectl_complete-smlogs, with no dependencies, and they work', async () => {
    // dist/ is already built (global setup, or build:binary): pack it as it is.
    const packDir = path.join(dir, 'pack');
    mkdirSync(packDir);
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: repoRoot });
    const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path).sort();
    expect(files).toEqual(expect.arrayContaining(['bin/kubectl-smlogs', 'bin/kubectl_complete-smlogs', 'dist/boot.cjs', 'dist/kubectl-smlogs.cjs', 'dist/verbs.cjs', 'dist/kubectl-smlogs.cache', 'dist/verbs.cache', 'package.json']));
    expect(files.filter((f) => /kubectl-smlogs-(linux|darwin|windows)/.test(f) || f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);

    const prefix = path.join(dir, 'prefix');
    await exec('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(packDir, info!.filename)], { env: { ...process.env, npm_config_cache: path.join(dir, 'npm-cache') } });
    const installed = readdirSync(path.join(prefix, 'lib', 'node_modules'));
    expect(installed).toEqual(['kubectl-smlogs']);
    expect(readdirSync(path.join(prefix, 'lib', 'node_modules', 'kubectl-smlogs'))).not.toContain('node_modules');

    // On PATH as users have it: npm's bin folder first.
    const env = { ...h.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${h.env.PATH ?? ''}` };
    const version = await exec('kubectl-smlogs', ['version'], { env });
    expect(version.stdout).toMatch(new RegExp(`^kubectl-smlogs ${pkg.version.replace(/\./g, '\\.')} `));
    const describeOut = await exec('kubectl-smlogs', ['describe', 'trainingjob', 'churn-xgb'], { env });
    expect(describeOut.stdout).toMatch(/^Name: +churn-xgb$/m);
    expect(describeOut.stderr).toBe('');
    const complete = await exec('kubectl_complete-smlogs', ['describe', 'trainingjob', 'chu'], { env });
    expect(complete).toEqual({ stdout: 'churn-xgb\tTrainingJob (legacy operator), Completed\n:4\n', stderr: '' });
  });
});

describe('npm run release', () => {
  it('builds this platform\'s archive, the npm tarball, SHA256SUMS and the krew manifest', async () => {
    const out = path.join(dir, 'release');
    const repoManifest = readFileSync(path.join(repoRoot, 'plugins', 'smlogs.yaml'), 'utf8');
    await exec(process.execPath, [path.join(repoRoot, 'scripts', 'release.mjs'), '--skip-build'], {
      cwd: repoRoot,
      env: { ...process.env, SMLOGS_RELEASE_OUT: out, SMLOGS_RELEASE_URL: 'https://example.test/releases/v9', SOURCE_DATE_EPOCH: '1786000000' },
      maxBuffer: 16 * 1024 * 1024,
    });
    // A test release leaves the repository's manifest alone.
    expect(readFileSync(path.join(repoRoot, 'plugins', 'smlogs.yaml'), 'utf8')).toBe(repoManifest);

    const platform = `${process.platform}-${process.arch}`;
    const archive = `kubectl-smlogs-v${pkg.version}-${platform}.tar.gz`;
    const entries = readdirSync(out).sort();
    expect(entries).toEqual(expect.arrayContaining([archive, `kubectl-smlogs-${pkg.version}.tgz`, 'SHA256SUMS', 'smlogs.yaml']));

    const sums = Object.fromEntries(
      readFileSync(path.join(out, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(/ {2}/).reverse() as [string, string]),
    );
    for (const [file, sum] of Object.entries(sums)) expect(sha256(path.join(out, file)), file).toBe(sum);

    const manifest = parse(readFileSync(path.join(out, 'smlogs.yaml'), 'utf8')) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string };
      spec: { version: string; platforms: Array<{ selector: { matchLabels: Record<string, string> }; uri: string; sha256: string; bin: string; files: Array<{ from: string; to: string }> }> };
    };
    expect(manifest).toMatchObject({ apiVersion: 'krew.googlecontainertools.github.com/v1alpha2', kind: 'Plugin', metadata: { name: 'smlogs' }, spec: { version: `v${pkg.version}` } });
    const p = manifest.spec.platforms.find((x) => x.uri.endsWith(archive))!;
    expect(p).toMatchObject({ selector: { matchLabels: { os: process.platform, arch: process.arch === 'x64' ? 'amd64' : process.arch } }, uri: `https://example.test/releases/v9/${archive}`, sha256: sums[archive], bin: 'kubectl-smlogs' });
    expect(p.files.map((f) => f.from)).toEqual(expect.arrayContaining(['kubectl-smlogs', 'kubectl_complete-smlogs']));

    // The archive's files, as krew or a user unpacks them: they run with no Node.js on PATH.
    const unpacked = path.join(dir, 'unpacked');
    mkdirSync(unpacked);
    await exec('tar', ['xzf', path.join(out, archive), '-C', unpacked]);
    for (const f of p.files) expect(readdirSync(unpacked), f.from).toContain(f.from);
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const v = await exec(path.join(unpacked, 'kubectl-smlogs'), ['version'], { env: { PATH: empty, HOME: empty } });
    expect(v.stdout).toMatch(/single executable/);
    expect(v.stderr).toBe('');
    // kubectl_complete-smlogs runs the executable next to it.
    const c = await exec(path.join(unpacked, 'kubectl_complete-smlogs'), ['desc'], { env: { PATH: `${empty}${path.delimiter}/usr/bin${path.delimiter}/bin`, HOME: empty } });
    expect(c.stdout).toBe('describe\tshow the Kubernetes object and the live SageMaker job side by side\n:4\n');
  }, 180_000);
});
