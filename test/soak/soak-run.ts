// Runs the soak scenario end to end: both stand-ins, the real plugin as a user runs it
// (`kubectl-smlogs trainingjob <resource> -f -o json`), every printed line checked off against
// the multiset of events the AWS stand-in stored, and the figures of the run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pluginPath, startHarness, type Harness } from '../helpers/harness';
import type { RecordedRequest } from '../standins/aws';
import { soakPlan, SOAK_GROUP, type SoakOptions, type SoakPlan } from './soak-scenario';

const TIME = '/usr/bin/time';

export interface SoakEventSample {
  readonly stream: string;
  readonly timestamp: number;
  readonly ingestionTime?: number;
  readonly message: string;
}

export interface SoakResult {
  readonly plan: SoakPlan;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly wallMs: number;
  /** Events the stand-in holds for the job; all of them are ingested before it ends. */
  readonly stored: number;
  /** Stored events not yet ingested when the plugin exited (a scenario error if > 0). */
  readonly notIngested: number;
  readonly printed: number;
  readonly missing: number;
  /** Printed more often than stored. */
  readonly duplicated: number;
  /** Printed but never stored, or not parseable as the -o json line format. */
  readonly unexpected: number;
  readonly missingSample: SoakEventSample[];
  readonly duplicatedSample: string[];
  /** Stored events ingested after a newer event of their own stream, and the worst lateness. */
  readonly outOfOrder: number;
  readonly maxLatenessMs: number;
  readonly peakRssKb: number | undefined;
  readonly rssSource: string;
  /** Logs API requests by operation, every attempt (faulted ones included). */
  readonly logsCalls: Record<string, number>;
  readonly sageMakerCalls: number;
  /** Injected faults by kind, as the stand-in recorded them. */
  readonly faults: Record<string, number>;
  readonly stderrTail: string[];
  /** Every AWS request of the plugin's run, as the stand-in recorded it. */
  readonly requests: RecordedRequest[];
  /** What went wrong; empty = the run kept every promise. */
  readonly problems: string[];
}

export interface RunSoakOptions {
  readonly log?: (line: string) => void;
  /** Kill the plugin after this long (default: three times the expected duration plus a minute). */
  readonly timeoutMs?: number;
}

const keyOf = (stream: string, timestamp: number, message: string): string => `${stream}\u0000${timestamp}\u0000${message}`;

export async function runSoak(o: SoakOptions, r: RunSoakOptions = {}): Promise<SoakResult> {
  const log = r.log ?? (() => undefined);
  const plan = soakPlan(o);
  const h = await startHarness({
    clock: plan.clock,
    aws: { scenario: plan.aws, seed: plan.options.seed },
    kube: { scenario: plan.cluster },
    namespace: 'ml-team',
    tuning: plan.tuning,
  });
  try {
    const expected = expectedEvents(h, plan);
    log(`stand-in holds ${expected.stored.toLocaleString('en')} events in ${expected.streams.length} streams; job ${plan.job} runs ${(plan.durationMs / 60_000).toFixed(1)} min of emulator time at ${plan.options.speed}x`);
    h.aws.setFaults(plan.faults);
    const firstSeq = h.aws.requests.length;
    const run = await runPlugin(h, plan, expected.counts, r.timeoutMs ?? (plan.durationMs / plan.options.speed) * 3 + 60_000, log);
    h.aws.setFaults({ throttleProbability: 0, serverErrorProbability: 0, dropProbability: 0, emptyPageProbability: 0, partialPageProbability: 0, latencyMs: 0, latencyJitterMs: 0 });

    const requests = h.aws.requests.slice(firstSeq);
    const { missing, sample, notIngested, outOfOrder, maxLatenessMs } = leftovers(h, plan, expected.streams, expected.counts);
    const problems: string[] = [];
    if (notIngested > 0) problems.push(`scenario: ${notIngested} events were not ingested when the plugin exited`);
    if (missing > 0) problems.push(`${missing} events never printed`);
    if (run.duplicated > 0) problems.push(`${run.duplicated} events printed more than once`);
    if (run.unexpected > 0) problems.push(`${run.unexpected} lines printed that were never stored`);
    if (run.exitCode !== plan.expectedExit) problems.push(`exit code ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}, expected ${plan.expectedExit}`);
    return {
      plan,
      ...run,
      stored: expected.stored,
      notIngested,
      missing,
      missingSample: sample,
      outOfOrder,
      maxLatenessMs,
      logsCalls: countBy(requests.filter((q) => q.service === 'logs'), (q) => q.operation),
      sageMakerCalls: requests.filter((q) => q.service === 'sagemaker').length,
      faults: countBy(requests.filter((q) => q.fault !== undefined), (q) => q.fault!),
      requests,
      problems,
    };
  } finally {
    await h.close();
  }
}

/** The multiset of the job's events as stored (all of them, ingested or not yet). */
function expectedEvents(h: Harness, plan: SoakPlan): { counts: Map<string, number>; stored: number; streams: string[] } {
  const streams = h.aws.logs.streamNames(SOAK_GROUP, { all: true, prefix: `${plan.job}/` });
  const counts = new Map<string, number>();
  let stored = 0;
  for (const s of streams) {
    for (const e of h.aws.logs.events(SOAK_GROUP, s, { at: Number.POSITIVE_INFINITY })) {
      const k = keyOf(s, e.timestamp, e.message);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      stored++;
    }
  }
  return { counts, stored, streams };
}

/** What was never printed, and how late and out of order the stored events were. */
function leftovers(h: Harness, plan: SoakPlan, streams: readonly string[], counts: Map<string, number>) {
  const now = plan.clock.now();
  let missing = 0;
  let notIngested = 0;
  let outOfOrder = 0;
  let maxLatenessMs = 0;
  const sample: SoakEventSample[] = [];
  for (const s of streams) {
    const events = h.aws.logs.events(SOAK_GROUP, s, { at: now });
    let newest = Number.NEGATIVE_INFINITY;
    for (const e of [...events].sort((a, b) => a.ingestionTime - b.ingestionTime || a.seq - b.seq)) {
      if (e.timestamp < newest) outOfOrder++;
      newest = Math.max(newest, e.timestamp);
      maxLatenessMs = Math.max(maxLatenessMs, e.ingestionTime - e.timestamp);
    }
    for (const e of events) {
      if (!e.visible) notIngested++;
      const k = keyOf(s, e.timestamp, e.message);
      const left = counts.get(k) ?? 0;
      if (left <= 0) continue;
      // Count each leftover key once, with its multiplicity.
      missing += left;
      counts.set(k, 0);
      if (sample.length < (process.env.SOAK_ALL_MISSING ? 1e9 : 10)) sample.push({ stream: s, timestamp: e.timestamp, ingestionTime: e.ingestionTime, message: e.message });
    }
  }
  return { missing, sample, notIngested, outOfOrder, maxLatenessMs };
}

interface PluginRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  printed: number;
  duplicated: number;
  unexpected: number;
  duplicatedSample: string[];
  peakRssKb: number | undefined;
  rssSource: string;
  stderrTail: string[];
}

/**
 * The plugin as a user runs it. Each stdout line is checked off against `counts` as it arrives
 * (nothing of a million lines is kept). Peak RSS comes from GNU time when the machine has it,
 * else from sampling VmHWM, which is the kernel's own high-water mark of the process.
 */
function runPlugin(h: Harness, plan: SoakPlan, counts: Map<string, number>, timeoutMs: number, log: (l: string) => void): Promise<PluginRun> {
  const args = ['trainingjob', plan.resource, '-f', '-o', 'json', '--api-rate', plan.apiRate];
  const env = { ...h.env, SMLOGS_TUNING: plan.tuning };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-soak-'));
  const rssFile = path.join(dir, 'rss');
  const timed = existsSync(TIME);
  const child = timed
    ? spawn(TIME, ['-f', '%M', '-o', rssFile, pluginPath(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(pluginPath(), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const t0 = performance.now();
  let printed = 0;
  let duplicated = 0;
  let unexpected = 0;
  const duplicatedSample: string[] = [];
  let partial = '';
  const take = (line: string): void => {
    if (line === '') return;
    printed++;
    let k: string | undefined;
    try {
      const j = JSON.parse(line) as { time: string; stream: string; message: string };
      k = keyOf(j.stream, Date.parse(j.time), j.message);
    } catch {
      k = undefined;
    }
    const left = k === undefined ? undefined : counts.get(k);
    if (left === undefined) unexpected++;
    else if (left === 0) {
      duplicated++;
      if (duplicatedSample.length < 10) duplicatedSample.push(line);
    } else counts.set(k!, left - 1);
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    const parts = (partial + d).split('\n');
    partial = parts.pop()!;
    for (const l of parts) take(l);
  });
  const stderrLines: string[] = [];
  let errPartial = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    const parts = (errPartial + d).split('\n');
    errPartial = parts.pop()!;
    for (const l of parts) {
      stderrLines.push(l);
      if (stderrLines.length > 200) stderrLines.shift();
    }
  });

  let hwm = 0;
  const sampler = timed
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          // The process has exited.
        }
      }, 100);
  const progress = setInterval(() => log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${printed.toLocaleString('en')} lines, emulator at ${new Date(plan.clock.now()).toISOString()}`), 15_000);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);

  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearInterval(progress);
      clearTimeout(killer);
      if (sampler) clearInterval(sampler);
      take(partial);
      if (errPartial) stderrLines.push(errPartial);
      let peakRssKb: number | undefined = hwm || undefined;
      let exitCode = code;
      if (timed) {
        // GNU time writes "Command exited with non-zero status N" before the format when it does.
        const text = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : [];
        const kb = Number(text.at(-1));
        peakRssKb = Number.isFinite(kb) && kb > 0 ? kb : undefined;
        if (text.some((l) => /terminated by signal/.test(l))) exitCode = null;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode, signal, wallMs, printed, duplicated, unexpected, duplicatedSample, peakRssKb, rssSource: timed ? 'GNU time %M' : '/proc VmHWM, sampled every 100 ms', stderrTail: stderrLines.slice(-30) });
    });
  });
}

function countBy<T>(list: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

/** The figures of a run as a Markdown table. */
export function soakTable(r: SoakResult): string {
  const p = r.plan;
  const n = (x: number): string => x.toLocaleString('en');
  const ops = Object.entries(r.logsCalls).sort().map(([k, v]) => `${k} ${n(v)}`).join(', ');
  const f = r.faults;
  const throttled = (f.throttle ?? 0) + (f.quota ?? 0);
  const rows: Array<[string, string]> = [
    ['events stored / printed', `${n(r.stored)} / ${n(r.printed)}`],
    ['missing / duplicated / unexpected', `${n(r.missing)} / ${n(r.duplicated)} / ${n(r.unexpected)}`],
    ['exit code', `${r.exitCode ?? r.signal} (expected ${p.expectedExit}, job ${p.options.outcome})`],
    ['instances', String(p.options.instances)],
    ['emulator time', `${(p.durationMs / 60_000).toFixed(1)} min at ${p.options.speed}x (training ${(p.lifecycle.training / 60_000).toFixed(1)} min)`],
    ['wall time', `${(r.wallMs / 1000).toFixed(1)} s (plugin start to exit)`],
    ['lines/s', n(Math.round(r.printed / (r.wallMs / 1000)))],
    ['peak RSS of the plugin', r.peakRssKb === undefined ? 'unknown' : `${(r.peakRssKb / 1024).toFixed(0)} MB (${r.rssSource})`],
    ['late / out of order', `${n(r.outOfOrder)} events ingested after newer ones of their own stream; worst lateness ${(r.maxLatenessMs / 1000).toFixed(1)} s`],
    ['Logs API calls', ops || 'none'],
    ['SageMaker calls', n(r.sageMakerCalls)],
    ['throttled', `${n(throttled)} (${n(f.throttle ?? 0)} random, ${n(f.quota ?? 0)} over quota)`],
    ['5xx', `${n((f['internal-error'] ?? 0) + (f.unavailable ?? 0))} (${n(f['internal-error'] ?? 0)} 500, ${n(f.unavailable ?? 0)} 503)`],
    ['dropped connections', `${n((f['drop-mid-response'] ?? 0) + (f['drop-before-response'] ?? 0))} (${n(f['drop-mid-response'] ?? 0)} mid-response, ${n(f['drop-before-response'] ?? 0)} before)`],
    ['empty / partial pages', `${n(f['empty-page'] ?? 0)} / ${n(f['partial-page'] ?? 0)}`],
    ['latency', `${p.faults.latencyMs ?? 0} ms + jitter up to ${p.faults.latencyJitterMs ?? 0} ms per call`],
    ['verdict', r.problems.length === 0 ? 'every event printed exactly once' : r.problems.join('; ')],
  ];
  return ['| measure | result |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

