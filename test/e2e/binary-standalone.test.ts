// The single executable (npm run test:binary sets SMLOGS_TEST_BIN): runs with no Node.js on PATH,
// prints nothing extra (no SEA warning), and behaves exactly as bin/kubectl-smlogs does. The rest
// of the e2e suite runs against it too.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness';
import { binDir } from '../helpers/tools';
import { clockAt, fixtureCluster, fixtureJobs } from './support/world';

const binary = process.env.SMLOGS_TEST_BIN;

describe.skipIf(!binary)('the single executable', () => {
  let h: Harness;
  let empty: string;

  beforeAll(async () => {
    h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
    empty = mkdtempSync(path.join(os.tmpdir(), 'smlogs-nonode-'));
  });
  afterAll(async () => {
    await h?.close();
    if (empty) rmSync(empty, { recursive: true, force: true });
  });

  function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(file, args, { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('runs where no Node.js is installed, and prints no SEA warning', async () => {
    // PATH holds only an empty folder: no node, no kubectl, nothing.
    expect(spawnSync('sh', ['-c', 'command -v node'], { env: { PATH: empty } }).status).not.toBe(0);
    const v = await run(binary!, ['version'], { PATH: empty, HOME: empty });
    expect(v).toMatchObject({ code: 0, stderr: '' });
    expect(v.stdout).toMatch(/^Node\.js 20\.\d+\.\d+ \(\w+-\w+, single executable\)$/m);
    const help = await run(binary!, ['--help'], { PATH: empty, HOME: empty });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    const r = await run(binary!, ['describe', 'trainingjob', 'churn-xgb'], { ...h.env, PATH: empty });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name: +churn-xgb$/m);
  });

  it('prints what bin/kubectl-smlogs prints', async () => {
    const script = path.join(binDir, 'kubectl-smlogs');
    for (const args of [['--help'], ['logs', '--help'], ['completion', 'zsh'], ['describe', 'trainingjob', 'churn-xgb', '-o', 'yaml'], ['list', '-A'], ['logs', 'trainingjob', 'churn-xgb', '--timestamps'], ['__complete', 'describe', 'tj', ''], ['stop', 'pods', 'x'], ['--tail=x', 'tj', 'churn-xgb']]) {
      const [a, b] = await Promise.all([run(binary!, args, h.env), run(script, args, h.env)]);
      expect(a, args.join(' ')).toEqual(b);
    }
  });

  it('answers completion when run as kubectl_complete-smlogs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-complete-'));
    try {
      symlinkSync(binary!, path.join(dir, 'kubectl_complete-smlogs'));
      const r = await run(path.join(dir, 'kubectl_complete-smlogs'), ['describe', 'trainingjob', 'chu'], { ...h.env, PATH: empty });
      expect(r).toEqual({ code: 0, stdout: 'churn-xgb\tTrainingJob (legacy operator), Completed\n:4\n', stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
