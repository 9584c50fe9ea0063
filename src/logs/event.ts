import type { StreamLabel } from './scope';

/** One CloudWatch log event, from either GetLogEvents (no eventId) or FilterLogEvents. */
export interface LogEvent {
  readonly stream: string;
  /** Event time, epoch ms. */
  readonly timestamp: number;
  /** When CloudWatch ingested it, epoch ms; later than timestamp, sometimes by far. */
  readonly ingestionTime: number;
  readonly message: string;
  readonly eventId?: string;
}

/**
 * The order in which events are printed: by event time, then ingestion time (CloudWatch's own
 * tie-break within a millisecond), then stream name so that interleaving is deterministic.
 * Events of one stream that tie on all three keep their arrival order (sorts are stable).
 */
export function compareEvents(a: LogEvent, b: LogEvent): number {
  return a.timestamp - b.timestamp || a.ingestionTime - b.ingestionTime || (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0);
}

/** An event with the job and host it came from, as the engine hands it to output. */
export interface LabeledEvent extends LogEvent {
  readonly source: StreamLabel;
}
