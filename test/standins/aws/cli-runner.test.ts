// The standalone runner (cli.ts), as the benchmark runs it: a separate process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isolatedEnv } from '../../helpers/env';

const CLI = path.join(__dirname, 'cli.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'aws-standin-cli-'));
const env = isolatedEnv();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  env.cleanup();
});

let children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children = [];
});

function run(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null>; line: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: env.env, cwd: path.resolve(__dirname, '../../..') });
  children.push(child);
  let out = '';
  let err = '';
  let resolveLine: (s: string) => void;
  const line = new Promise<string>((r) => (resolveLine = r));
  child.stdout!.on('data', (d) => {
    out += d;
    if (out.includes('\n')) resolveLine(out.split('\n')[0]!);
  });
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => (resolveLine(''), r(code))));
  return { child, stdout: () => out, stderr: () => err, exited, line };
}

function post(url: string, target: string, body: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1' } }, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(b) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('cli.ts', () => {
  it('prints one listening line, serves the scenario with the flags applied, and exits 0 on SIGTERM', async () => {
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, 'jobs:\n  - kind: training\n    name: cli-job\n    lifecycle: { at: -1h }\n');
    const p = run(['--scenario', file, '--latency-ms', '5', '--quota', 'FilterLogEvents=3', '--quota', 'GetLogEvents=off', '--speed', '2', '--seed', '7']);
    const line = await p.line;
    expect(line).toMatch(/^AWS stand-in listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('AWS stand-in listening on ', '');
    const d = await post(url, 'SageMaker.DescribeTrainingJob', { TrainingJobName: 'cli-job' });
    expect([d.status, d.json.TrainingJobStatus]).toEqual([200, 'Completed']);
    const faults = await new Promise<any>((resolve) => http.get(`${url}/__standin/faults`, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve(JSON.parse(b)));
    }));
    expect(faults.faults.latencyMs).toBe(5);
    expect(faults.faults.quotas).toEqual({ FilterLogEvents: 3, DescribeLogStreams: 25 });
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stdout().trim().split('\n')).toHaveLength(1);
  });

  it('reports a bad scenario in one line naming the file and field, and exits 2', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'jobs:\n  - kind: training\n    name: x\n    lifecycle: { training: forever }\n');
    const p = run(['--scenario', file]);
    expect(await p.exited).toBe(2);
    expect(p.stdout()).toBe('');
    expect(p.stderr()).toBe('bad.yaml: jobs[0].lifecycle.training: must be a duration ("250ms", "90s", "5m", "1h30m") or a number of seconds, got "forever"\n');
  });

  it('reports a busy port in one line and exits 2', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const p = run(['--port', String(port)]);
      expect(await p.exited).toBe(2);
      expect(p.stderr()).toBe(`port ${port} on 127.0.0.1 is already in use\n`);
    } finally {
      server.close();
    }
  });

  it('rejects unknown flags with a usage line and exit 2', async () => {
    const p = run(['--quota', 'FilterLogEvents']);
    expect(await p.exited).toBe(2);
    expect(p.stderr().split('\n')[0]).toBe('--quota: expected Operation=RATE (e.g. FilterLogEvents=10, or =off), got "FilterLogEvents"');
  });
});
