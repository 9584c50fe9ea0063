import { setTimeout as sleep } from 'node:timers/promises';
import { classifyAwsError } from '../aws/errors';
import type { LogsApi } from './cloudwatch';
import type { PrintedSet } from './dedupe';
import { compareEvents, type LogEvent } from './event';
import { listStreams, readFiltered, readForward, type StreamInfo } from './readers';
import type { LogScope } from './scope';
import { DelayTracker, type FollowTuning } from './tuning';
import { inWindow, type TimeWindow } from './window';

export interface FollowPlan {
  readonly scope: LogScope;
  readonly window: TimeWindow;
  readonly pattern?: string;
  /** Streams already read by the catch-up. */
  readonly streams: readonly StreamInfo[];
  /** Newest ingestion time the catch-up saw. */
  readonly maxIngestion?: number;
  /** Per stream: nothing older than this is shown (set by --tail). */
  readonly floors: ReadonlyMap<string, number>;
}

export interface FollowObserver {
  /** New events, in order within the batch. */
  events(batch: LogEvent[]): Promise<void> | void;
  streamOpened(stream: StreamInfo): void;
  /** A transient problem worth a line on stderr (throttled, retrying). */
  notice(text: string): void;
}

/** Gives up following after CloudWatch has failed for this long without a single success. */
const MAX_OUTAGE_MS = 5 * 60_000;

/**
 * Follows a scope until asked to drain. Every poll re-reads a window reaching back past the
 * ingestion delay, and a periodic sweep reaches back further, so that events CloudWatch ingests
 * late are still printed; PrintedSet keeps each event to one print. New streams (instances that
 * start or restart) are found by periodic discovery and by their events, and read from their
 * beginning.
 */
export class Follower {
  private readonly known = new Map<string, StreamInfo>();
  private readonly needBackfill = new Set<string>();
  private readonly delays = new DelayTracker();
  private maxIngestion: number | undefined;
  /**
   * The service's clock (newest ingestion seen) when the last complete step, and the last
   * complete sweep, began. Reads reach back from these rather than from the newest ingestion
   * seen since: an event ingested while a read was under way may sit behind its position, so
   * the next read must cover everything ingested since the previous one *began*, however long
   * that one took (throttling, a large backfill).
   */
  private stepBase: number | undefined;
  private sweepBase: number | undefined;
  private drainRequested = false;
  private drainGraceMs: number;
  private wake: (() => void) | undefined;
  private failingSince: number | undefined;

  constructor(
    private readonly api: LogsApi,
    private readonly plan: FollowPlan,
    private readonly printed: PrintedSet,
    private readonly observer: FollowObserver,
    private readonly tuning: FollowTuning,
    private readonly now: () => number = Date.now,
  ) {
    for (const s of plan.streams) this.known.set(s.name, s);
    this.maxIngestion = plan.maxIngestion;
    this.stepBase = plan.maxIngestion;
    this.sweepBase = plan.maxIngestion;
    this.drainGraceMs = tuning.drainGraceMs;
  }

  /** Ends following: wait `graceMs` for late ingestion, read once more, then run() returns. */
  requestDrain(graceMs: number = this.tuning.drainGraceMs): void {
    this.drainRequested = true;
    this.drainGraceMs = Math.max(0, graceMs);
    this.wake?.();
  }

  get streamCount(): number {
    return this.known.size;
  }

  async run(signal?: AbortSignal): Promise<void> {
    let interval = this.tuning.pollMinMs;
    let lastSweep = this.now();
    let lastDiscovery = this.now();
    for (;;) {
      if (signal?.aborted) return;
      // Past --until-time (and its ingestion grace) nothing more can belong to the window.
      const untilPassed = this.plan.window.until !== undefined && this.now() > this.plan.window.until + this.tuning.drainGraceMs;
      if (this.drainRequested || untilPassed) {
        await sleep(untilPassed ? 0 : this.drainGraceMs, undefined, { signal }).catch(() => undefined);
        if (signal?.aborted) return;
        // The job has ended: its streams no longer grow, so these last reads go to the end. They
        // are the last chance to print the job's final lines: a failed one (throttled, 5xx after
        // its retries) is tried again, as any step is, until it succeeds or the outage is too long.
        for (;;) {
          const done = await this.attempt(async () => {
            await this.discover();
            await this.backfill(TO_THE_END);
            await this.poll(true, TO_THE_END);
          }, signal);
          if (done || signal?.aborted) return;
          await this.pause(this.tuning.pollMinMs, signal);
        }
      }
      let found = 0;
      await this.attempt(async () => {
        const base = this.maxIngestion;
        // Polling by prefix sees new streams through their events; per-stream polling needs discovery.
        const discoveryEvery = this.perStreamMode() ? this.tuning.discoveryEveryMs : this.tuning.discoveryEveryMs * 3;
        if (this.now() - lastDiscovery >= discoveryEvery) {
          lastDiscovery = this.now();
          await this.discover();
        }
        // Reads stop once past where the service was when this step began; the next step
        // reaches back below that point, so a stream written faster than we read is never chased.
        const stopAt = base === undefined ? undefined : base - this.tuning.hotLagMs;
        found += await this.backfill(stopAt);
        const sweep = this.now() - lastSweep >= this.tuning.sweepEveryMs;
        if (sweep) lastSweep = this.now();
        found += await this.poll(sweep, stopAt);
        this.stepBase = base;
        if (sweep) this.sweepBase = base;
      }, signal);
      interval = found > 0 ? this.tuning.pollMinMs : Math.min(this.tuning.pollMaxMs, Math.round(interval * 1.5));
      await this.pause(interval, signal);
    }
  }

  /** Runs one step; transient failures become a notice and a later retry, others end the run. */
  private async attempt(step: () => Promise<void>, signal?: AbortSignal): Promise<boolean> {
    try {
      await step();
      if (this.failingSince !== undefined) this.observer.notice('CloudWatch Logs reachable again; resuming');
      this.failingSince = undefined;
      return true;
    } catch (e) {
      // Ctrl-C or --timeout cut the request short: that is the caller's business, not an outage.
      if (signal?.aborted) return false;
      const kind = classifyAwsError(e);
      if (kind !== 'throttled' && kind !== 'transient' && kind !== 'invalid-token') throw e;
      const t = this.now();
      if (this.failingSince === undefined) {
        this.failingSince = t;
        this.observer.notice(`CloudWatch Logs ${kind === 'throttled' ? 'is throttling' : 'failed'} (${(e as Error).message?.split('\n')[0] ?? e}); still following, retrying`);
      } else if (t - this.failingSince > MAX_OUTAGE_MS) {
        throw e;
      }
      return false;
    }
  }

  private pause(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  private async discover(): Promise<void> {
    const listing = await listStreams(this.api, this.plan.scope);
    for (const s of listing.streams) this.register(s);
  }

  private register(s: StreamInfo): void {
    if (this.known.has(s.name)) return;
    this.known.set(s.name, s);
    this.needBackfill.add(s.name);
    this.observer.streamOpened(s);
  }

  /**
   * Reads streams that appeared since the last poll from their start. A stream may first write
   * events older than any window we re-read (an instance that buffered before shipping), so
   * anything older than what PrintedSet remembers is new for a stream we never knew.
   */
  private async backfill(stopAt: ReadStop): Promise<number> {
    if (this.needBackfill.size === 0) return 0;
    // All new streams in one batch, so that instances starting together print interleaved.
    const streams = [...this.needBackfill];
    const events: LogEvent[] = [];
    await Promise.all(
      streams.map(async (stream) => {
        for await (const page of upTo(readForward(this.api, this.plan.scope.group, stream, undefined, this.plan.window), stopAt)) events.push(...page);
      }),
    );
    for (const s of streams) this.needBackfill.delete(s);
    return this.accept(events, true);
  }

  /**
   * A few known streams: one GetLogEvents each (the larger quota). None yet, many, or a filter
   * pattern: one FilterLogEvents by prefix, which also finds streams as soon as they write.
   */
  private perStreamMode(): boolean {
    return this.plan.pattern === undefined && this.known.size >= 1 && this.known.size <= this.tuning.perStreamMax;
  }

  private async poll(sweep: boolean, stopAt: ReadStop): Promise<number> {
    const from = sweep ? this.sweepBase : this.stepBase;
    const low = from === undefined ? undefined : from - (sweep ? this.delays.lateWindow(this.tuning) : this.delays.hotWindow(this.tuning));
    const events: LogEvent[] = [];
    const perStream = this.perStreamMode();
    if (perStream) {
      await Promise.all(
        [...this.known.keys()].map(async (stream) => {
          for await (const page of upTo(readForward(this.api, this.plan.scope.group, stream, low, this.plan.window), stopAt)) events.push(...page);
        }),
      );
    } else {
      const q = { group: this.plan.scope.group, ...(this.plan.scope.prefix ? { prefix: this.plan.scope.prefix } : {}), ...(this.plan.pattern ? { pattern: this.plan.pattern } : {}) };
      for await (const page of upTo(readFiltered(this.api, q, low, this.plan.window), stopAt)) events.push(...page);
    }
    return this.accept(events, false);
  }

  /** Keeps what is ours, in the window, past any --tail cut, and not printed before; prints it. */
  private async accept(events: readonly LogEvent[], newStream: boolean): Promise<number> {
    const session = this.printed.beginRead();
    const fresh: LogEvent[] = [];
    for (const e of events) {
      this.delays.observe(e.timestamp, e.ingestionTime);
      if (this.maxIngestion === undefined || e.ingestionTime > this.maxIngestion) this.maxIngestion = e.ingestionTime;
      const label = this.plan.scope.classify(e.stream);
      if (!label) continue;
      if (!this.known.has(e.stream)) this.register({ name: e.stream, label });
      const floor = this.plan.floors.get(e.stream);
      if (floor !== undefined && e.timestamp < floor) continue;
      if (!inWindow(this.plan.window, e.timestamp)) continue;
      const isNew = newStream && e.timestamp < this.printed.lowestRemembered ? true : session.isNew(e);
      if (isNew) fresh.push(e);
    }
    // The next sweep reaches back to sweepBase - lateWindow; nothing below it is read again.
    if (this.sweepBase !== undefined) {
      this.printed.forgetBefore(this.sweepBase - this.delays.lateWindow(this.tuning) - this.tuning.hotLagMs);
    }
    if (fresh.length === 0) return 0;
    fresh.sort(compareEvents);
    await this.observer.events(fresh);
    return fresh.length;
  }
}

/** Where a read ends: at a timestamp; at the service's clock as the first page shows it (unknown yet); or at the end. */
type ReadStop = number | undefined | typeof TO_THE_END;
/** The reads after the job ended: its streams no longer grow, so they end where the data does. */
const TO_THE_END = Symbol('to the end');

/**
 * Ends a read after the page that reaches `stopAt` (a timestamp). GetLogEvents' only end signal
 * is the token coming back unchanged, which a stream written between any two calls never gives;
 * without a stop a busy stream is read forever and nothing else is. With no stop yet (nothing
 * seen so far), the first page's newest ingestion time stands in for the service's clock. The
 * final reads (TO_THE_END) take every page: a stop there would leave a job's last lines unread.
 */
async function* upTo(pages: AsyncGenerator<LogEvent[]>, stopAt: ReadStop): AsyncGenerator<LogEvent[]> {
  if (stopAt === TO_THE_END) {
    yield* pages;
    return;
  }
  let stop = stopAt;
  for await (const page of pages) {
    yield page;
    if (stop === undefined) stop = page.reduce((m, e) => Math.max(m, e.ingestionTime), Number.NEGATIVE_INFINITY);
    if (page[page.length - 1]!.timestamp >= stop) return;
  }
}
