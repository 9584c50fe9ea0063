import type { LogsApi } from './cloudwatch';
import { compareEvents, type LogEvent } from './event';
import { mergeSortedPages, prefetch } from './merge';
import { MAX_PAGE, readFiltered, readForward, readLast, type StreamInfo } from './readers';
import type { LogScope } from './scope';
import type { TimeWindow } from './window';

export interface CatchUpPlan {
  readonly scope: LogScope;
  readonly streams: readonly StreamInfo[];
  readonly window: TimeWindow;
  /** Last N events of each stream (kubectl --tail); undefined = all. */
  readonly tail?: number;
  readonly pattern?: string;
}

export interface CatchUpResult {
  /** Newest ingestion time seen: the service's clock, as far as we can tell. */
  readonly maxIngestion?: number;
  /**
   * Per stream cut by --tail: the oldest timestamp shown. Following must not show older events of
   * that stream (they were cut, not missed).
   */
  readonly floors: ReadonlyMap<string, number>;
  /** Events read but deliberately not shown (same millisecond as a tail cut). */
  readonly hidden: readonly LogEvent[];
}

export type EmitBatch = (batch: LogEvent[]) => Promise<void> | void;

// Events held in memory at once while merging: one page per stream, plus one read ahead. When
// calls are scarce (the account's quota is the limit) big pages save calls; when they are
// plentiful, small pages cost no time and keep the process small.
const MERGE_BUDGET_EVENTS_SCARCE = 320_000;
const MERGE_BUDGET_EVENTS_PLENTIFUL = 40_000;
const PLENTIFUL_CALLS_PER_SECOND = 50;

/** Events per GetLogEvents page when merging `streams` streams at `callsPerSecond`. */
export function mergePageLimit(streams: number, callsPerSecond: number): number {
  const budget = callsPerSecond >= PLENTIFUL_CALLS_PER_SECOND ? MERGE_BUDGET_EVENTS_PLENTIFUL : MERGE_BUDGET_EVENTS_SCARCE;
  return Math.max(500, Math.min(MAX_PAGE, Math.floor(budget / Math.max(1, streams) / 2)));
}
// Past this many streams, one interleaved FilterLogEvents read beats a k-way merge of per-stream
// reads: each stream costs at least two GetLogEvents calls (its events, then the call that returns
// the same token to say it has ended), so 64 quiet instances cost 128 calls one way and 1 the other.
const MAX_MERGED_STREAMS = 16;

/**
 * Prints what is already there: per stream and interleaved exactly by time. Per-stream
 * GetLogEvents reads run in parallel (bounded by the budget, not by a sequential token chain),
 * which is what makes a large backlog fast; FilterLogEvents serves filter patterns and very
 * many streams.
 */
export async function catchUp(api: LogsApi, plan: CatchUpPlan, emit: EmitBatch): Promise<CatchUpResult> {
  let maxIngestion: number | undefined;
  const note = (batch: readonly LogEvent[]): void => {
    for (const e of batch) if (maxIngestion === undefined || e.ingestionTime > maxIngestion) maxIngestion = e.ingestionTime;
  };
  const floors = new Map<string, number>();
  const hidden: LogEvent[] = [];
  const ours = (e: LogEvent): boolean => plan.scope.classify(e.stream) !== undefined;

  if (plan.pattern !== undefined || plan.streams.length > MAX_MERGED_STREAMS) {
    const pages = readFiltered(api, { group: plan.scope.group, ...(plan.scope.prefix ? { prefix: plan.scope.prefix } : {}), ...(plan.pattern ? { pattern: plan.pattern } : {}) }, undefined, plan.window);
    if (plan.tail === undefined) {
      for await (const page of prefetch(pages)) {
        note(page);
        const mine = page.filter(ours);
        if (mine.length > 0) await emit(mine);
      }
    } else {
      // The service cannot give "the last N of each stream" for a pattern: keep a ring per stream.
      const rings = new Map<string, LogEvent[]>();
      for await (const page of prefetch(pages)) {
        note(page);
        for (const e of page) {
          if (!ours(e)) continue;
          let ring = rings.get(e.stream);
          if (!ring) rings.set(e.stream, (ring = []));
          ring.push(e);
          if (ring.length > plan.tail * 2 + 1000) ring.splice(0, ring.length - plan.tail);
        }
      }
      const shown: LogEvent[] = [];
      for (const [stream, ring] of rings) {
        const kept = plan.tail === 0 ? [] : ring.slice(-plan.tail);
        if (kept.length < ring.length) {
          const cut = (kept[0] ?? ring[ring.length - 1])!.timestamp;
          floors.set(stream, cut);
          hidden.push(...ring.slice(0, ring.length - kept.length).filter((e) => e.timestamp === cut));
        }
        shown.push(...kept);
      }
      shown.sort(compareEvents);
      if (shown.length > 0) await emit(shown);
    }
    return { ...(maxIngestion !== undefined ? { maxIngestion } : {}), floors, hidden };
  }

  if (plan.tail !== undefined) {
    const tail = plan.tail;
    const results = await Promise.all(plan.streams.map((s) => readLast(api, plan.scope.group, s.name, tail, plan.window)));
    const shown: LogEvent[] = [];
    results.forEach((r, i) => {
      note(r.events);
      note(r.hiddenAtCut);
      shown.push(...r.events);
      hidden.push(...r.hiddenAtCut);
      // A stream with more than N events was cut: remember where, so following does not reach back.
      if (r.floor !== undefined) floors.set(plan.streams[i]!.name, r.floor);
    });
    shown.sort(compareEvents);
    if (shown.length > 0) await emit(shown);
    return { ...(maxIngestion !== undefined ? { maxIngestion } : {}), floors, hidden };
  }

  const limit = mergePageLimit(plan.streams.length, api.budget.rate('GetLogEvents'));
  const sources = plan.streams.map((s) => prefetch(readForward(api, plan.scope.group, s.name, undefined, plan.window, limit)));
  for await (const batch of mergeSortedPages(sources, compareEvents)) {
    note(batch);
    await emit(batch);
  }
  return { ...(maxIngestion !== undefined ? { maxIngestion } : {}), floors, hidden };
}
