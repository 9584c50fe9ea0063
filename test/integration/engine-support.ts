// Drives the log engine in-process with the real CloudWatch Logs SDK client against the AWS
// stand-in over a real socket; only the printing end is replaced, to collect what would be printed.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LOGS_CLIENT_CONFIG } from '../../src/aws/clients';
import { CallBudget, DEFAULT_RATES, type Rates } from '../../src/logs/budget';
import { LogsApi } from '../../src/logs/cloudwatch';
import type { LabeledEvent } from '../../src/logs/event';
import { NO_FILTER, type MessageFilter } from '../../src/logs/filters';
import type { StreamInfo } from '../../src/logs/readers';
import type { LogScope } from '../../src/logs/scope';
import { LogTail, type TailSummary } from '../../src/logs/tail';
import { DEFAULT_FOLLOW_TUNING, type FollowTuning } from '../../src/logs/tuning';
import type { TimeWindow } from '../../src/logs/window';
import type { AwsStandIn } from '../standins/aws';

export const FAST_RETRY = { retries: 30, minDelayMs: 2, maxDelayMs: 40 };
export const FAST_FOLLOW: FollowTuning = { ...DEFAULT_FOLLOW_TUNING, pollMinMs: 100, pollMaxMs: 200, sweepEveryMs: 600, discoveryEveryMs: 300, drainGraceMs: 200, hotLagMs: 1000 };

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export function sdkClient(aws: AwsStandIn): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    endpoint: aws.url,
    region: 'us-west-2',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    ...LOGS_CLIENT_CONFIG,
  });
}

export interface Collected {
  lines: LabeledEvent[];
  opened: string[];
  notices: string[];
}

export interface TailRun {
  tail: LogTail;
  out: Collected;
  budget: CallBudget;
  done: Promise<TailSummary>;
  abort: AbortController;
}

export function startTail(
  aws: AwsStandIn,
  o: { scope: LogScope; window?: TimeWindow; tail?: number; pattern?: string; filter?: MessageFilter; follow?: boolean; rates?: Rates; tuning?: FollowTuning; now?: () => number },
): TailRun {
  const out: Collected = { lines: [], opened: [], notices: [] };
  const budget = new CallBudget(o.rates ?? { ...DEFAULT_RATES, GetLogEvents: 20, FilterLogEvents: 8, DescribeLogStreams: 8 });
  const abort = new AbortController();
  const api = new LogsApi(sdkClient(aws), budget, FAST_RETRY, abort.signal);
  const tail = new LogTail(
    api,
    {
      scope: o.scope,
      window: o.window ?? {},
      ...(o.tail !== undefined ? { tail: o.tail } : {}),
      ...(o.pattern !== undefined ? { pattern: o.pattern } : {}),
      filter: o.filter ?? NO_FILTER,
      follow: o.follow ?? false,
    },
    {
      lines: (b) => void out.lines.push(...b),
      streamOpened: (s: StreamInfo) => void out.opened.push(s.name),
      notice: (t) => void out.notices.push(t),
    },
    o.tuning ?? FAST_FOLLOW,
    o.now ?? Date.now,
  );
  return { tail, out, budget, abort, done: tail.run(abort.signal) };
}

export const key = (e: { stream?: string; logStreamName?: string; timestamp: number; message: string }): string => `${e.stream ?? e.logStreamName}|${e.timestamp}|${e.message}`;

/** Multiset of events as printed vs as scripted. */
export function multiset(list: Array<{ stream?: string; logStreamName?: string; timestamp: number; message: string }>): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of list) m.set(key(e), (m.get(key(e)) ?? 0) + 1);
  return m;
}

export async function until(cond: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Output order: by time across streams, and each stream's events in the service's order. */
export function assertOrdered(lines: readonly LabeledEvent[]): void {
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.timestamp < lines[i - 1]!.timestamp) throw new Error(`out of order at ${i}: ${key(lines[i - 1]!)} then ${key(lines[i]!)}`);
  }
}
