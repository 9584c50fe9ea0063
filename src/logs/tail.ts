import { HeapGovernor } from '../core/heap-governor';
import { catchUp } from './catchup';
import type { LogsApi } from './cloudwatch';
import { PrintedSet } from './dedupe';
import type { LabeledEvent, LogEvent } from './event';
import { passesFilter, type MessageFilter } from './filters';
import { Follower } from './follow';
import { listStreams, type StreamInfo } from './readers';
import type { LogScope, StreamLabel } from './scope';
import type { FollowTuning } from './tuning';
import type { TimeWindow } from './window';

const CATCH_UP_MARGIN_MS = 1000;

/**
 * Where a catch-up stops: now, by the earlier of this machine's clock and AWS's as the streams'
 * newest ingestion shows it. A local clock running ahead of AWS's would otherwise set the bound
 * in AWS's future, and busy streams would be chased for as long as the skew lasts, with nothing
 * else printed and late lines slipping behind the readers. Only when following (`streams` given):
 * the follower reads on from the bound, whereas a one-off print must still reach events stamped
 * after the last ingestion of an idle stream.
 */
export function catchUpBound(localNow: number, streams: ReadonlyArray<{ readonly lastIngestionTime?: number }>): number {
  let serviceNow: number | undefined;
  for (const s of streams) if (s.lastIngestionTime !== undefined && (serviceNow === undefined || s.lastIngestionTime > serviceNow)) serviceNow = s.lastIngestionTime;
  return Math.min(localNow, serviceNow ?? localNow) + CATCH_UP_MARGIN_MS;
}

export interface TailRequest {
  readonly scope: LogScope;
  readonly window: TimeWindow;
  /** Last N events per stream first (kubectl --tail); undefined = everything in the window. */
  readonly tail?: number;
  /** CloudWatch filter pattern, applied by the service. */
  readonly pattern?: string;
  /** -i / -e, applied here. */
  readonly filter: MessageFilter;
  readonly follow: boolean;
}

export interface TailObserver {
  /** Lines to print, in order. */
  lines(batch: LabeledEvent[]): Promise<void> | void;
  streamOpened(stream: StreamInfo): void;
  /** One line for stderr. */
  notice(text: string): void;
}

export interface TailSummary {
  readonly groupExists: boolean;
  readonly streams: number;
  readonly printed: number;
}

/**
 * The log engine for one request: find the streams, print what is there, and (when following)
 * keep printing until drained. It knows CloudWatch, not jobs: deciding when a job has ended is
 * the caller's, which calls requestDrain().
 */
export class LogTail {
  private follower: Follower | undefined;
  private drain: { endedAt?: number } | undefined;
  private printedCount = 0;
  private readonly labels = new Map<string, StreamLabel | null>();
  private readonly heap = new HeapGovernor();

  constructor(
    private readonly api: LogsApi,
    private readonly req: TailRequest,
    private readonly observer: TailObserver,
    private readonly tuning: FollowTuning,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stops following once CloudWatch has had time to ingest the job's last lines: `endedAt` (epoch
   * ms) is when the job ended, so a job that ended long ago is drained without waiting.
   */
  requestDrain(endedAt?: number): void {
    this.drain = endedAt === undefined ? {} : { endedAt };
    this.follower?.requestDrain(this.graceFor());
  }

  async run(signal?: AbortSignal): Promise<TailSummary> {
    const { scope, window } = this.req;
    const listing = await listStreams(this.api, scope);
    for (const s of listing.streams) this.observer.streamOpened(s);

    const printed = this.req.follow ? new PrintedSet() : undefined;
    const session = printed?.beginRead();
    let maxIngestion: number | undefined;
    // What is there now: a stream written faster than it can be read would never reach its end
    // (the API's only end signal), so the catch-up stops at the current time; following takes
    // over from there, and a window's own end wins.
    const catchUpWindow = { ...window, until: window.until ?? catchUpBound(this.now(), this.req.follow ? listing.streams : []) };
    const result = await catchUp(this.api, { scope, streams: listing.streams, window: catchUpWindow, ...(this.req.tail !== undefined ? { tail: this.req.tail } : {}), ...(this.req.pattern !== undefined ? { pattern: this.req.pattern } : {}) }, async (batch) => {
      if (session && printed) {
        for (const e of batch) {
          session.isNew(e);
          if (maxIngestion === undefined || e.ingestionTime > maxIngestion) maxIngestion = e.ingestionTime;
        }
        // Keep only what following could re-read, so a long backlog does not fill memory.
        if (maxIngestion !== undefined) printed.forgetBefore(maxIngestion - this.tuning.latenessMs - this.tuning.hotLagMs);
      }
      await this.deliver(batch);
    });
    if (!this.req.follow || !printed || !session) {
      return { groupExists: listing.groupExists, streams: listing.streams.length, printed: this.printedCount };
    }
    // Events cut by --tail in the same millisecond as the cut count as seen, not as new.
    for (const e of result.hidden) session.isNew(e);

    const follower = new Follower(
      this.api,
      {
        scope,
        window,
        ...(this.req.pattern !== undefined ? { pattern: this.req.pattern } : {}),
        streams: listing.streams,
        ...(result.maxIngestion !== undefined ? { maxIngestion: result.maxIngestion } : {}),
        floors: result.floors,
      },
      printed,
      {
        events: (batch) => this.deliver(batch),
        streamOpened: (s) => this.observer.streamOpened(s),
        notice: (t) => this.observer.notice(t),
      },
      this.tuning,
      this.now,
    );
    this.follower = follower;
    if (this.drain) follower.requestDrain(this.graceFor());
    await follower.run(signal);
    return { groupExists: true, streams: follower.streamCount, printed: this.printedCount };
  }

  /** Grace left for ingestion: none for a job that ended long ago. */
  private graceFor(): number {
    const full = this.tuning.drainGraceMs;
    const endedAt = this.drain?.endedAt;
    if (endedAt === undefined) return full;
    return Math.max(0, Math.min(full, endedAt + full - this.now()));
  }

  private async deliver(batch: readonly LogEvent[]): Promise<void> {
    const out: LabeledEvent[] = [];
    const filtering = this.req.filter.include.length > 0 || this.req.filter.exclude.length > 0;
    for (const e of batch) {
      let source = this.labels.get(e.stream);
      if (source === undefined) {
        source = this.req.scope.classify(e.stream) ?? null;
        // Tuning scopes learn children over time; only remember streams that are ours.
        if (source) this.labels.set(e.stream, source);
      }
      if (!source || (filtering && !passesFilter(this.req.filter, e))) continue;
      // The engine owns its event objects: label them in place rather than copy a million of them.
      (e as { source?: StreamLabel }).source = source;
      out.push(e as LabeledEvent);
    }
    this.heap.check();
    if (out.length === 0) return;
    this.printedCount += out.length;
    await this.observer.lines(out);
  }
}
