// Fast start, as users run the plugin (bin/kubectl-smlogs, or the single executable with
// SMLOGS_TEST_BIN): help, version and completion never load the verbs (the AWS SDK and
// client-node); the verbs load with their V8 code cache; errors from the verbs stay one line; and a
// missing, foreign or damaged code cache costs time only, never correctness.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness';
import { repoRoot } from '../helpers/tools';
import { clockAt, fixtureCluster, fixtureJobs } from './support/world';

let h: Harness;
const binary = process.env.SMLOGS_TEST_BIN !== undefined;
const debug = { SMLOGS_DEBUG_STARTUP: '1' };

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
});
afterAll(() => h?.close());

const entryLine = `kubectl-smlogs: kubectl-smlogs.cjs code cache accepted${binary ? ' (single executable)' : ''}`;
const verbsLine = `kubectl-smlogs: verbs.cjs code cache accepted${binary ? ' (single executable)' : ''}`;

describe('start-up: what loads', () => {
  for (const args of [['--help'], ['-h'], ['version'], ['version', '-o', 'json'], ['logs', '--help'], ['describe', '--help'], ['completion', 'bash'], ['__complete', ''], ['__complete', 'describe', '--output', '']]) {
    it(`${args.join(' ')} loads only the light entry`, async () => {
      const r = await h.run(args, { env: debug });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toBe('');
      expect(r.stderr).toBe(`${entryLine}\n`);
    });
  }

  it('a verb loads the verbs, with their code cache', async () => {
    const r = await h.run(['describe', 'trainingjob', 'churn-xgb', '-o', 'json'], { env: debug });
    expect(r.stderr).toBe(`${entryLine}\n${verbsLine}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toBeTypeOf('object');
  });

  it('completion of names loads the verbs only for the cluster lookup', async () => {
    const r = await h.run(['__complete', 'trainingjob', 'chu'], { env: debug });
    expect(r.stdout).toBe('churn-xgb\tTrainingJob (legacy operator), Completed\n:4\n');
    expect(r.stderr).toBe(`${entryLine}\n${verbsLine}\n`);
  });

  it('errors raised in the verbs are one line, not "unexpected failures"', async () => {
    const r = await h.run(['describe', 'trainingjob', 'no-such-job']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: [^\n]*"no-such-job" not found in namespace "ml-team"[^\n]*\n$/);
    const usage = await h.run(['describe', 'pods', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error: unknown kind "pods"[^\n]*\n$/);
  });

  it('version names the plugin, its commit, Node.js and the SDKs', async () => {
    const r = await h.run(['version']);
    const meta = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'meta.json'), 'utf8')) as { version: string };
    expect(r.stdout).toMatch(new RegExp(`^kubectl-smlogs ${meta.version.replace(/\./g, '\\.')} \\(commit (?:[0-9a-f]{7,}|unknown), built \\d{4}-`));
    expect(r.stdout).toMatch(/^Node\.js 20\.\d+\.\d+ \(\w+-\w+(, single executable)?\)$/m);
    for (const sdk of ['@aws-sdk/client-sagemaker', '@aws-sdk/client-cloudwatch-logs', '@kubernetes/client-node']) expect(r.stdout).toMatch(new RegExp(`^${sdk} \\d+\\.\\d+\\.\\d+$`, 'm'));
    const json = JSON.parse((await h.run(['version', '-o', 'json'])).stdout) as { singleExecutable: boolean; sdk: Record<string, string> };
    expect(json.singleExecutable).toBe(binary);
    expect(Object.keys(json.sdk)).toHaveLength(3);
  });
});

describe.skipIf(binary)('start-up: code cache robustness (the script)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-cache-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of bin/ and dist/ with the caches changed by `change`. */
  function copy(name: string, change: (cache: Buffer) => Buffer | undefined): string {
    const root = path.join(dir, name);
    cpSync(path.join(repoRoot, 'bin'), path.join(root, 'bin'), { recursive: true });
    cpSync(path.join(repoRoot, 'dist'), path.join(root, 'dist'), { recursive: true, filter: (f) => !/kubectl-smlogs-(linux|darwin|windows)/.test(f) });
    for (const c of ['kubectl-smlogs.cache', 'verbs.cache']) {
      const file = path.join(root, 'dist', c);
      const next = change(readFileSync(file));
      if (next) writeFileSync(file, next);
      else rmSync(file);
    }
    return path.join(root, 'bin', 'kubectl-smlogs');
  }

  function runAt(bin: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(bin, args, { env: { ...h.env, ...debug } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  const cases: Array<[string, (b: Buffer) => Buffer | undefined, string]> = [
    ['absent', () => undefined, 'absent'],
    // Another build's cache (a different build ID): never used, even with the same length.
    ['foreign', (b) => Buffer.concat([Buffer.from('0000000000000000'), b.subarray(16)]), 'rejected'],
    // V8's own header damaged (as another Node.js version's cache would be): V8 rejects it.
    ['damaged', (b) => Buffer.concat([b.subarray(0, 20), Buffer.from([b[20]! ^ 0xff, b[21]! ^ 0xff]), b.subarray(22)]), 'rejected'],
  ];
  for (const [name, change, state] of cases) {
    it(`works the same with a ${name} cache (${state})`, async () => {
      const bin = copy(name, change);
      const help = await runAt(bin, ['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: kubectl smlogs');
      expect(help.stderr).toBe(`kubectl-smlogs: kubectl-smlogs.cjs code cache ${state}\n`);
      const r = await runAt(bin, ['describe', 'trainingjob', 'churn-xgb', '-o', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toBeTypeOf('object');
      expect(r.stderr).toBe(`kubectl-smlogs: kubectl-smlogs.cjs code cache ${state}\nkubectl-smlogs: verbs.cjs code cache ${state}\n`);
    });
  }
});
