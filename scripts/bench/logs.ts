// Log-engine benchmarks against the AWS stand-in (its own process), side by side with the AWS
// CLI v2's `aws logs tail` on the same stand-in and the same window:
//   1. catch-up of a 16-instance job, 20,000 events per stream, 20 ms per call, quotas enforced
//   2. follow latency (ingestion → line on stdout) while 8 instances write 200 events/s in total
//   3. idle follow of a 64-instance job: Logs API calls per second
//   4. 1,000,000 events caught up: peak RSS and lines per second (no latency, no quotas)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStandInProcess, type StandInProcess } from './standin-process';

const root = path.resolve(__dirname, '..', '..');
const plugin = path.join(root, 'bin', 'kubectl-smlogs');
const AWS_CLI = '/usr/bin/aws';
const ARN = (job: string): string => `arn:aws:sagemaker:us-west-2:111122223333:training-job/${job}`;
const GROUP = '/aws/sagemaker/TrainingJobs';

export interface Row {
  readonly measure: string;
  readonly tool: string;
  readonly value: string;
  readonly target?: string;
  readonly ok?: boolean;
  readonly note?: string;
}

interface Exec {
  code: number | null;
  ms: number;
  lines: number;
  stderr: string;
  peakKb?: number;
  received: Array<{ at: number; line: string }>;
}

function baseEnv(home: string, url?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-west-2',
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws-credentials'),
    AWS_PAGER: '',
    PYTHONUNBUFFERED: '1',
  };
  if (url) env.AWS_ENDPOINT_URL = url;
  return env;
}

/** Runs a command, counting stdout lines as they arrive (optionally keeping them with arrival times). */
function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv, o: { keep?: boolean; killAfterMs?: number; timeRss?: boolean } = {}): Promise<Exec> {
  return new Promise((resolve) => {
    const argv = o.timeRss ? ['/usr/bin/time', ['-f', '__PEAK_KB__ %M', cmd, ...args]] : [cmd, args];
    const t0 = performance.now();
    const child = spawn(argv[0] as string, argv[1] as string[], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let partial = '';
    let stderr = '';
    const received: Exec['received'] = [];
    child.stdout!.on('data', (d: Buffer) => {
      const at = Date.now();
      if (o.keep) {
        const text = partial + d.toString('utf8');
        const parts = text.split('\n');
        partial = parts.pop()!;
        for (const line of parts) received.push({ at, line });
        lines += parts.length;
      } else {
        for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
      }
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = o.killAfterMs ? setTimeout(() => child.kill('SIGINT'), o.killAfterMs) : undefined;
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const m = /__PEAK_KB__ (\d+)/.exec(stderr);
      resolve({ code, ms: performance.now() - t0, lines, stderr: stderr.replace(/__PEAK_KB__ \d+\n?/, ''), ...(m ? { peakKb: Number(m[1]) } : {}), received });
    });
  });
}

function trainingJob(name: string, instances: number, extra: object): object {
  return { kind: 'training', name, instanceType: 'ml.g5.2xlarge', instanceCount: instances, ...extra };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const pct = (list: number[], p: number): number => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function withStandIn<T>(scenario: object, args: string[], dir: string, name: string, f: (si: StandInProcess) => Promise<T>): Promise<T> {
  const si = await startStandInProcess(scenario, path.join(dir, `${name}.json`), args);
  try {
    return await f(si);
  } finally {
    await si.stop();
  }
}

async function throttlesBetween(si: StandInProcess, fromSeq: number): Promise<{ calls: number; throttles: number; last: number; byOp: Record<string, number>; firstAt?: number; lastAt?: number }> {
  const reqs = await si.requests(fromSeq);
  const logs = reqs.filter((r) => ['GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams', 'DescribeLogGroups'].includes(r.operation));
  const byOp: Record<string, number> = {};
  for (const r of logs) byOp[r.operation] = (byOp[r.operation] ?? 0) + 1;
  return {
    calls: logs.length,
    throttles: logs.filter((r) => r.errorCode === 'ThrottlingException').length,
    last: reqs.at(-1)?.seq ?? fromSeq,
    byOp,
    ...(logs.length ? { firstAt: logs[0]!.wallTime, lastAt: logs.at(-1)!.wallTime } : {}),
  };
}

/** 1. Catch-up: 16 streams × 20,000 events, 20 ms per call, the stand-in's quotas (GetLogEvents 25/s). */
async function catchUp(dir: string, home: string, log: (s: string) => void): Promise<Row[]> {
  const perStream = 20_000;
  const streams = 16;
  const job = 'bench-catchup';
  const scenario = {
    ingestionDelay: '1s',
    jobs: [
      trainingJob(job, streams, {
        lifecycle: { at: '-50m', starting: '1m', downloading: '1m', training: '40m', uploading: '1m', outcome: 'Completed' },
        logs: { generate: [{ phase: 'Training', count: perStream, template: '[epoch {epoch}] step {step}/{steps} loss={loss}' }] },
      }),
    ],
  };
  return withStandIn(scenario, ['--latency-ms', '20'], dir, 'catchup', async (si) => {
    const env = baseEnv(home, si.url);
    const rows: Row[] = [];
    const total = perStream * streams;
    // Warm the stand-in's lazily built streams so every run is served alike.
    await exec(AWS_CLI, ['logs', 'filter-log-events', '--log-group-name', GROUP, '--log-stream-name-prefix', `${job}/`, '--limit', '1', '--endpoint-url', si.url, '--region', 'us-west-2'], env);

    // The quota-bound ideal: the fewest GetLogEvents calls the API allows (pages of ≤ 10,000 events
    // and ≤ 1 MB, plus the call that returns the same token at each stream's end), spent at the
    // quota with its one-second burst, plus one DescribeLogStreams and each stream's chain of calls.
    const sample = '[epoch 10] step 250/500 loss=0.1234';
    const perPage = Math.min(10_000, Math.floor(1_048_576 / (Buffer.byteLength(sample) + 26)));
    const pages = Math.ceil(perStream / perPage) + 1;
    const calls = streams * pages;
    const quota = 25;
    const idealMs = Math.max(0, calls - quota) / quota * 1000 + (pages + 1) * 20;

    const seq0 = (await throttlesBetween(si, 0)).last;
    const ours = await exec(plugin, ['trainingjob', ARN(job), '--since', '1h', '-o', 'raw', '--api-rate', 'GetLogEvents=24,FilterLogEvents=9,DescribeLogStreams=24'], env);
    const st = await throttlesBetween(si, seq0);
    const apiMs = st.firstAt !== undefined && st.lastAt !== undefined ? st.lastAt - st.firstAt + 20 : Number.NaN;
    log(`catch-up: kubectl-smlogs ${s(ours.ms)} (${ours.lines} lines, exit ${ours.code}), Logs calls ${JSON.stringify(st.byOp)}, throttled ${st.throttles}`);

    const seq1 = st.last;
    const dflt = await exec(plugin, ['trainingjob', ARN(job), '--since', '1h', '-o', 'raw'], env);
    const sd = await throttlesBetween(si, seq1);

    const seq2 = sd.last;
    const cli = await exec(AWS_CLI, ['logs', 'tail', GROUP, '--log-stream-name-prefix', `${job}/`, '--since', '1h', '--format', 'short', '--endpoint-url', si.url, '--region', 'us-west-2'], env);
    const sc = await throttlesBetween(si, seq2);
    log(`catch-up: aws logs tail ${s(cli.ms)} (${cli.lines} lines, exit ${cli.code}), calls ${JSON.stringify(sc.byOp)}`);

    const speedup = cli.ms / ours.ms;
    rows.push({ measure: `catch-up 16 × ${perStream.toLocaleString('en')} events`, tool: 'kubectl-smlogs --api-rate at the quota', value: `${s(ours.ms)} wall, ${s(apiMs)} of Logs calls, ${ours.lines === total ? 'all' : `${ours.lines}/${total}`} lines, ${st.throttles} throttled`, target: '≥ 3x faster than aws logs tail; 0 throttled', ok: speedup >= 3 && st.throttles === 0 && ours.lines === total });
    rows.push({ measure: '', tool: 'kubectl-smlogs (default budget 5/s)', value: `${s(dflt.ms)} wall, ${sd.throttles} throttled`, note: 'what a user gets without --api-rate' });
    rows.push({ measure: '', tool: 'aws logs tail (CLI v2.9.19)', value: `${s(cli.ms)} wall, ${cli.lines === total ? 'all' : `${cli.lines}/${total}`} lines, ${sc.throttles} throttled`, note: `kubectl-smlogs is ${speedup.toFixed(1)}x faster` });
    rows.push({ measure: '', tool: 'quota-bound ideal', value: `${s(idealMs)} (${calls} GetLogEvents at 25/s, burst 25)`, target: 'Logs-call time ≤ 1.5x ideal', ok: apiMs / idealMs <= 1.5, note: `kubectl-smlogs: ${(apiMs / idealMs).toFixed(2)}x of ideal in Logs calls, ${(ours.ms / idealMs).toFixed(2)}x in wall time (incl. start-up and Describe)` });
    return rows;
  });
}

/** 2. Follow latency: 8 instances writing 25 events/s each, ingested 1 s after their timestamp. */
async function followLatency(dir: string, home: string, log: (s: string) => void): Promise<Row[]> {
  const job = 'bench-follow';
  const delayMs = 1000;
  const scenario = {
    jobs: [
      trainingJob(job, 8, {
        lifecycle: { at: '-2m', starting: '30s', downloading: '30s', training: '2h', outcome: 'InProgress' },
        logs: { generate: [{ phase: 'Training', perSecond: 25, delay: `${delayMs}ms`, template: 'step {n} loss={loss}' }] },
      }),
    ],
  };
  const runMs = 20_000;
  const warmupMs = 4_000;
  return withStandIn(scenario, ['--latency-ms', '20'], dir, 'follow', async (si) => {
    const env = baseEnv(home, si.url);
    const rows: Row[] = [];
    const seq0 = (await throttlesBetween(si, 0)).last;
    const t0 = Date.now();
    const ours = await exec(plugin, ['trainingjob', ARN(job), '-f', '--since', '5s', '-o', 'json'], env, { keep: true, killAfterMs: runMs });
    const st = await throttlesBetween(si, seq0);
    const lat = ours.received
      .map((r) => {
        try {
          const j = JSON.parse(r.line) as { ingestionTime: string };
          const ing = Date.parse(j.ingestionTime);
          return ing >= t0 + warmupMs ? r.at - ing : undefined;
        } catch {
          return undefined;
        }
      })
      .filter((x): x is number => x !== undefined);
    log(`follow: kubectl-smlogs ${lat.length} lines measured, calls ${JSON.stringify(st.byOp)}`);

    const t1 = Date.now();
    const cli = await exec(AWS_CLI, ['logs', 'tail', GROUP, '--log-stream-name-prefix', `${job}/`, '--since', '5s', '--follow', '--format', 'detailed', '--endpoint-url', si.url, '--region', 'us-west-2'], env, { keep: true, killAfterMs: runMs });
    const cliLat = cli.received
      .map((r) => {
        const m = /^(\S+)\s/.exec(r.line);
        const ts = m ? Date.parse(m[1]!) : Number.NaN;
        const ing = ts + delayMs;
        return Number.isFinite(ts) && ing >= t1 + warmupMs ? r.at - ing : undefined;
      })
      .filter((x): x is number => x !== undefined);
    const p50 = pct(lat, 50);
    const p99 = pct(lat, 99);
    rows.push({ measure: 'follow latency, 8 instances, 200 events/s', tool: 'kubectl-smlogs -f', value: `p50 ${s(p50)}, p99 ${s(p99)} (${lat.length} lines), ${(st.calls / (runMs / 1000)).toFixed(2)} Logs calls/s`, target: 'p50 ≤ 1.5 s, p99 ≤ 3 s', ok: p50 <= 1500 && p99 <= 3000 && lat.length > 1000 });
    rows.push({ measure: '', tool: 'aws logs tail --follow', value: `p50 ${s(pct(cliLat, 50))}, p99 ${s(pct(cliLat, 99))} (${cliLat.length} lines)` });
    return rows;
  });
}

/** 3. Idle follow of 64 instances: how many Logs calls per second while nothing is written. */
async function idleFollow(dir: string, home: string, log: (s: string) => void): Promise<Row[]> {
  const job = 'bench-idle';
  const scenario = {
    jobs: [
      trainingJob(job, 64, {
        lifecycle: { at: '-20m', starting: '1m', downloading: '1m', training: '3h', outcome: 'InProgress' },
        logs: { generate: [{ phase: 'Downloading', count: 5, preset: 'startup' }] },
      }),
    ],
  };
  const runMs = 40_000;
  const skipMs = 10_000;
  return withStandIn(scenario, [], dir, 'idle', async (si) => {
    const env = baseEnv(home, si.url);
    const seq0 = (await throttlesBetween(si, 0)).last;
    const t0 = Date.now();
    const ours = await exec(plugin, ['trainingjob', ARN(job), '-f'], env, { killAfterMs: runMs });
    const reqs = (await si.requests(seq0)).filter((r) => r.wallTime >= t0 + skipMs && r.wallTime <= t0 + runMs && ['GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams'].includes(r.operation));
    const perOp: Record<string, number> = {};
    for (const r of reqs) perOp[r.operation] = (perOp[r.operation] ?? 0) + 1;
    const rate = reqs.length / ((runMs - skipMs) / 1000);
    log(`idle: ${ours.lines} lines, ${reqs.length} Logs calls in ${(runMs - skipMs) / 1000} s ${JSON.stringify(perOp)}`);
    return [
      { measure: 'idle follow, 64 instances', tool: 'kubectl-smlogs -f', value: `${rate.toFixed(2)} Logs calls/s (${Object.entries(perOp).map(([k, v]) => `${k} ${v}`).join(', ')} in ${(runMs - skipMs) / 1000} s)`, target: '≤ 2 calls/s', ok: rate <= 2 },
      { measure: '', tool: 'SageMaker Python SDK logs_for_job', value: `${(64 / 10).toFixed(1)} calls/s by design (one GetLogEvents per stream every 10 s)`, note: 'from its source, not run here' },
    ];
  });
}

/** 4. A million events caught up, no latency, no quotas: peak memory and throughput. */
async function million(dir: string, home: string, log: (s: string) => void): Promise<Row[]> {
  const job = 'bench-million';
  const streams = 16;
  const total = 1_000_000;
  const scenario = {
    jobs: [
      trainingJob(job, streams, {
        lifecycle: { at: '-2h', starting: '1m', downloading: '1m', training: '1h', uploading: '1m', outcome: 'Completed' },
        logs: { generate: [{ phase: 'Training', count: total / streams, template: '[epoch {epoch}] step {step}/{steps} loss={loss}' }] },
      }),
    ],
  };
  const quotasOff = ['--quota', 'GetLogEvents=off', '--quota', 'FilterLogEvents=off', '--quota', 'DescribeLogStreams=off'];
  return withStandIn(scenario, quotasOff, dir, 'million', async (si) => {
    const env = baseEnv(home, si.url);
    await exec(AWS_CLI, ['logs', 'filter-log-events', '--log-group-name', GROUP, '--log-stream-name-prefix', `${job}/`, '--limit', '1', '--endpoint-url', si.url, '--region', 'us-west-2'], env);
    const run = await exec(plugin, ['trainingjob', ARN(job), '-o', 'raw', '--api-rate', '1000'], env, { timeRss: true });
    const lps = run.lines / (run.ms / 1000);
    const mb = (run.peakKb ?? Number.NaN) / 1024;
    log(`million: ${run.lines} lines in ${s(run.ms)}, peak ${mb.toFixed(0)} MB, exit ${run.code} ${run.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
    return [
      { measure: '1,000,000 events, 16 streams', tool: 'kubectl-smlogs (peak RSS)', value: `${mb.toFixed(0)} MB`, target: '≤ 150 MB', ok: mb <= 150 },
      { measure: '', tool: 'kubectl-smlogs (throughput)', value: `${Math.round(lps).toLocaleString('en')} lines/s (${run.lines === total ? 'all' : run.lines} lines in ${s(run.ms)}, start-up included)`, target: '≥ 200,000 lines/s', ok: lps >= 200_000 && run.lines === total },
    ];
  });
}

export async function benchLogs(o: { only?: string[]; log?: (s: string) => void } = {}): Promise<Row[]> {
  const log = o.log ?? ((t: string) => process.stderr.write(`${t}\n`));
  if (!existsSync(path.join(root, 'dist', 'kubectl-smlogs.cjs'))) throw new Error('run npm run build first');
  if (!existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} (Debian's awscli) is needed for the side-by-side figures`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-bench-'));
  const home = mkdtempSync(path.join(os.tmpdir(), 'smlogs-bench-home-'));
  const parts: Array<[string, (d: string, h: string, l: (s: string) => void) => Promise<Row[]>]> = [
    ['catchup', catchUp],
    ['follow', followLatency],
    ['idle', idleFollow],
    ['million', million],
  ];
  const rows: Row[] = [];
  for (const [name, f] of parts) {
    if (o.only && !o.only.includes(name)) continue;
    rows.push(...(await f(dir, home, log)));
  }
  void readFileSync;
  return rows;
}

export function formatRows(rows: readonly Row[]): string {
  const cols = ['measure', 'tool', 'value', 'target', 'ok'] as const;
  const cells = rows.map((r) => [r.measure, r.tool, r.value + (r.note ? `; ${r.note}` : ''), r.target ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']);
  const head = ['measure', 'tool', 'result', 'target', 'met'];
  void cols;
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...cells.map((c) => `| ${c.join(' | ')} |`)];
  return lines.join('\n');
}

if (require.main === module) {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  void benchLogs(only.length ? { only } : {}).then(
    (rows) => process.stdout.write(`${formatRows(rows)}\n`),
    (e: Error) => {
      process.stderr.write(`bench: ${e.message}\n`);
      process.exit(1);
    },
  );
}
