// Start-up benchmark: `--help`, `version` and `describe` (against the stand-ins) for the bundled
// script (bin/kubectl-smlogs) and the single executable, side by side in one run, each as a ratio
// to `node -e 0` on this machine.
//
//   npx tsx scripts/bench-startup.ts [--runs N] [--no-build] [--no-binary] [--before] [--ca-env] [--json FILE] [--check]
//
// --runs N     runs of each command (default 30), interleaved round-robin so that load on the
//              machine hits every command alike; the table shows medians (and 25th percentiles)
// --no-build   use dist/ and the binary as they are (default: build both first)
// --no-binary  the script only
// --before     also the design before issue #6 (one bundle that loads everything, no code cache)
// --ca-env     set NODE_EXTRA_CA_CERTS for every run, baseline included (this environment sets it;
//              it adds ~75 ms to every Node.js start). Default: unset for every run.
// --json FILE  also write the results as JSON
// --check      exit 1 when a target is missed (--help ≤ 1.3x, describe ≤ 2.5x)
//
// Every command runs from a private copy of bin/ and dist/, so builds running meanwhile (other
// test runs rebuild dist/) cannot change what is measured. Importable: benchStartup() returns the
// results (scripts/bench.ts).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../test/helpers/harness';
import { clockAt, fixtureCluster, fixtureJobs } from '../test/e2e/support/world';

const root = path.resolve(__dirname, '..');
const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
const binaryName = `kubectl-smlogs-${platform}${process.platform === 'win32' ? '.exe' : ''}`;

export interface BenchOptions {
  readonly runs?: number;
  readonly build?: boolean;
  readonly binary?: boolean;
  readonly before?: boolean;
  readonly caEnv?: boolean;
  readonly log?: (line: string) => void;
}

export interface Measurement {
  readonly variant: string;
  readonly command: string;
  readonly medianMs: number;
  readonly p25Ms: number;
  readonly minMs: number;
  /** median / median of `node -e 0`. */
  readonly ratio: number;
  readonly target?: number;
}

export interface BenchResult {
  readonly node: string;
  readonly platform: string;
  readonly runs: number;
  readonly caEnv: boolean;
  readonly baselineMs: number;
  readonly measurements: readonly Measurement[];
  readonly binaryBytes?: number;
}

const TARGETS: Record<string, number> = { '--help': 1.3, describe: 2.5 };

/** The commands measured, by label. `describe` reads a legacy TrainingJob fixture and its job. */
const COMMANDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['--help', ['--help']],
  ['version', ['version']],
  ['describe', ['describe', 'trainingjob', 'churn-xgb']],
  ['complete names', ['__complete', 'trainingjob', '']],
];

function build(o: BenchOptions, log: (s: string) => void): void {
  const run = (args: string[]): void => {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  };
  log('building dist/ ...');
  run([path.join(root, 'scripts', 'build.mjs')]);
  if (o.binary !== false) {
    log(`building dist/${binaryName} ...`);
    run([path.join(root, 'scripts', 'build-binary.mjs'), '--skip-build', '--quiet']);
  }
}

/** A private copy of bin/ and dist/ (and the binary): what is measured cannot change meanwhile. */
function snapshot(dir: string, o: BenchOptions): { script: string; binary?: string } {
  cpSync(path.join(root, 'bin'), path.join(dir, 'bin'), { recursive: true });
  mkdirSync(path.join(dir, 'dist'));
  for (const f of readdirSync(path.join(root, 'dist'))) if (/\.(cjs|cache|json)$/.test(f)) cpSync(path.join(root, 'dist', f), path.join(dir, 'dist', f));
  const binary = path.join(root, 'dist', binaryName);
  if (o.binary !== false) {
    if (!existsSync(binary)) throw new Error(`dist/${binaryName} does not exist: run npm run build:binary (or drop --no-build)`);
    cpSync(binary, path.join(dir, binaryName));
  }
  return { script: path.join(dir, 'bin', 'kubectl-smlogs'), ...(o.binary !== false ? { binary: path.join(dir, binaryName) } : {}) };
}

/** The design before #6: one bundle that loads every module at start, no code cache. */
async function buildBefore(dir: string): Promise<string> {
  const { build: esbuild } = await import('esbuild');
  const out = path.join(dir, 'before', 'kubectl-smlogs.cjs');
  await esbuild({
    entryPoints: [path.join(root, 'src', 'main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    supported: { 'dynamic-import': false },
    define: { __SMLOGS_META__: JSON.stringify({ version: 'before', commit: 'before', builtAt: '', sdk: {} }) },
    minifySyntax: true,
    minifyWhitespace: true,
    logLevel: 'error',
    plugins: [
      {
        // load-verbs.ts as it would be with static imports: everything loads at start.
        name: 'static-verbs',
        setup(b) {
          b.onResolve({ filter: /\/load-verbs$/ }, () => ({ path: 'load-verbs', namespace: 'before' }));
          b.onLoad({ filter: /.*/, namespace: 'before' }, () => ({
            contents: "import * as v from './verbs'; export const loadVerbs = async () => v; export const loadedVerbs = () => v;",
            resolveDir: path.join(root, 'src', 'cli'),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  const bin = path.join(dir, 'before', 'kubectl-smlogs');
  writeFileSync(bin, "#!/usr/bin/env node\n'use strict';\nrequire('./kubectl-smlogs.cjs');\n", { mode: 0o755 });
  return bin;
}

/**
 * The floor under `describe`: a script with no library at all that reads the kubeconfig and makes
 * one verified HTTPS request to the cluster with its own CA. On Node 20 a CA makes Node parse its
 * whole bundled root store first (~25 ms), so no plugin can start below this; the table shows it
 * beside the target it bounds.
 */
function writeFloorScript(dir: string): string {
  const file = path.join(dir, 'floor.cjs');
  writeFileSync(
    file,
    `const y = require('fs').readFileSync(process.env.KUBECONFIG, 'utf8');
const ca = Buffer.from(/certificate-authority-data: (\\S+)/.exec(y)[1], 'base64');
const token = /token: (\\S+)/.exec(y)[1];
require('https').get(/server: (\\S+)/.exec(y)[1] + '/apis', { ca, headers: { authorization: 'Bearer ' + token } }, (r) => {
  if (r.statusCode !== 200) process.exit(1);
  r.resume();
  r.on('end', () => process.stdout.write('ok\\n'));
});
`,
  );
  return file;
}

/** One run, timed from spawn to exit. Asynchronous: the stand-ins answer from this process. */
function timed(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, stdout, stderr }));
  });
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))]!;
};

export async function benchStartup(o: BenchOptions = {}): Promise<BenchResult> {
  const log = o.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const runs = o.runs ?? 30;
  if (o.build !== false) build(o, log);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-bench-'));
  let h: Harness | undefined;
  try {
    const snap = snapshot(dir, o);
    const variants: Array<[string, string]> = [['script', snap.script]];
    if (snap.binary) variants.push(['binary', snap.binary]);
    if (o.before) variants.push(['before #6', await buildBefore(dir)]);

    h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
    const env: NodeJS.ProcessEnv = { ...h.env };
    delete env.NODE_EXTRA_CA_CERTS;
    if (o.caEnv) env.NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS ?? '/etc/ssl/certs/ca-certificates.crt';

    const jobs: Array<{ variant: string; label: string; file: string; args: readonly string[]; times: number[] }> = [
      { variant: 'baseline', label: 'node -e 0', file: process.execPath, args: ['-e', '0'], times: [] },
      { variant: 'floor', label: 'https + CA', file: process.execPath, args: [writeFloorScript(dir)], times: [] },
    ];
    for (const [variant, file] of variants) for (const [label, args] of COMMANDS) jobs.push({ variant, label, file, args, times: [] });

    // Each command once, checked: a benchmark of a failing command measures nothing.
    for (const j of jobs) {
      const r = await timed(j.file, j.args, env);
      if (r.code !== 0 || (j.variant !== 'baseline' && r.stdout === '')) throw new Error(`${j.variant}: ${j.label} failed (exit ${r.code}): ${r.stderr.split('\n')[0]}`);
    }
    log(`measuring ${jobs.length} commands × ${runs} runs ...`);
    for (let i = 0; i < runs; i++) for (const j of jobs) j.times.push((await timed(j.file, j.args, env)).ms);

    const baselineMs = quantile(jobs[0]!.times, 0.5);
    const measurements = jobs.map((j): Measurement => {
      const medianMs = quantile(j.times, 0.5);
      const target = j.variant === 'baseline' || j.variant === 'floor' || j.variant === 'before #6' ? undefined : TARGETS[j.label];
      return { variant: j.variant, command: j.label, medianMs, p25Ms: quantile(j.times, 0.25), minMs: Math.min(...j.times), ratio: medianMs / baselineMs, ...(target ? { target } : {}) };
    });
    return {
      node: process.version,
      platform,
      runs,
      caEnv: o.caEnv === true,
      baselineMs,
      measurements,
      ...(snap.binary ? { binaryBytes: statSync(snap.binary).size } : {}),
    };
  } finally {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatTable(r: BenchResult): string {
  const measured = r.measurements.filter((m) => m.variant !== 'baseline' && m.variant !== 'floor');
  const variants = [...new Set(measured.map((m) => m.variant))];
  const commands = [...new Set(measured.map((m) => m.command))];
  const floor = r.measurements.find((m) => m.variant === 'floor');
  const cell = (m: Measurement | undefined): string => (m ? `${m.medianMs.toFixed(1).padStart(7)} ms ${`${m.ratio.toFixed(2)}x`.padStart(6)}` : ''.padEnd(17));
  const label: Record<string, string> = { script: 'script (bin/)', binary: 'single executable', 'before #6': 'before #6' };
  const out: string[] = [];
  out.push(`kubectl-smlogs start-up: Node.js ${r.node} ${r.platform}, median of ${r.runs} interleaved runs, NODE_EXTRA_CA_CERTS ${r.caEnv ? 'set' : 'unset'} for every run`);
  out.push(`baseline: node -e 0 = ${r.baselineMs.toFixed(1)} ms (1.00x)${r.binaryBytes ? `; single executable ${(r.binaryBytes / 1048576).toFixed(1)} MB` : ''}`);
  if (floor) out.push(`floor:    one verified HTTPS GET to the cluster with its CA, no libraries = ${floor.medianMs.toFixed(1)} ms (${floor.ratio.toFixed(2)}x)`);
  out.push('');
  out.push(['command'.padEnd(16), ...variants.map((v) => (label[v] ?? v).padEnd(17)), 'target'].join('  '));
  for (const c of commands) {
    const ms = variants.map((v) => r.measurements.find((m) => m.variant === v && m.command === c));
    const target = TARGETS[c];
    const ok = target === undefined ? '' : ms.filter((m) => m?.target).every((m) => m!.ratio <= target) ? `≤ ${target}x ok` : `≤ ${target}x MISSED`;
    out.push([c.padEnd(16), ...ms.map(cell), ok].join('  '));
  }
  out.push('');
  out.push('describe: `describe trainingjob churn-xgb` (legacy TrainingJob fixture) against the Kubernetes and AWS stand-ins, network round trips included;');
  out.push("complete names: `__complete trainingjob ''`, what `kubectl smlogs trainingjob <TAB>` runs (informational).");
  return out.join('\n');
}

function parseArgs(argv: string[]): BenchOptions & { json?: string; check: boolean } {
  const o: BenchOptions & { json?: string; check: boolean } = { check: false };
  const w = o as { -readonly [K in keyof typeof o]: (typeof o)[K] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--runs') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error('--runs needs a whole number ≥ 1');
      w.runs = n;
    } else if (a === '--no-build') w.build = false;
    else if (a === '--no-binary') w.binary = false;
    else if (a === '--before') w.before = true;
    else if (a === '--ca-env') w.caEnv = true;
    else if (a === '--check') w.check = true;
    else if (a === '--json') {
      const f = argv[++i];
      if (!f) throw new Error('--json needs a file');
      w.json = f;
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

async function main(): Promise<void> {
  let o: ReturnType<typeof parseArgs>;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench-startup: ${(e as Error).message}\n`);
    process.exit(2);
  }
  try {
    const r = await benchStartup(o);
    process.stdout.write(`${formatTable(r)}\n`);
    if (o.json) writeFileSync(o.json, JSON.stringify(r, null, 2) + '\n');
    const missed = r.measurements.filter((m) => m.target !== undefined && m.ratio > m.target);
    process.exit(o.check && missed.length > 0 ? 1 : 0);
  } catch (e) {
    process.stderr.write(`bench-startup: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

// Run as a script (npx tsx scripts/bench-startup.ts), not when imported.
if (require.main === module) void main();
