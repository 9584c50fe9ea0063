import type { OutputLogEvent, FilteredLogEvent, LogStream } from '@aws-sdk/client-cloudwatch-logs';
import { isMissingLogResource, type LogsApi } from './cloudwatch';
import type { LogEvent } from './event';
import type { LogScope, StreamLabel } from './scope';
import { queryRange, type TimeWindow } from './window';

export const MAX_PAGE = 10_000;

export interface StreamInfo {
  readonly name: string;
  readonly label: StreamLabel;
  readonly creationTime?: number;
  readonly lastIngestionTime?: number;
}

export interface StreamListing {
  /** False when the log group does not exist yet (no job of this kind has logged in the Region). */
  readonly groupExists: boolean;
  readonly streams: StreamInfo[];
}

/** All streams of a scope, every page of DescribeLogStreams (50 a page), in name order. */
export async function listStreams(api: LogsApi, scope: LogScope): Promise<StreamListing> {
  const streams: StreamInfo[] = [];
  let nextToken: string | undefined;
  const seenTokens = new Set<string>();
  try {
    do {
      const page = await api.describeLogStreams({
        logGroupName: scope.group,
        ...(scope.prefix ? { logStreamNamePrefix: scope.prefix } : {}),
        ...(nextToken ? { nextToken } : {}),
      });
      for (const s of page.logStreams ?? []) {
        const info = toStreamInfo(scope, s);
        if (info) streams.push(info);
      }
      nextToken = page.nextToken;
      // A token seen twice would loop forever (it happens with FilterLogEvents; be safe here too).
      if (nextToken && seenTokens.has(nextToken)) break;
      if (nextToken) seenTokens.add(nextToken);
    } while (nextToken);
  } catch (e) {
    if (isMissingLogResource(e)) return { groupExists: false, streams: [] };
    throw e;
  }
  return { groupExists: true, streams };
}

function toStreamInfo(scope: LogScope, s: LogStream): StreamInfo | undefined {
  if (!s.logStreamName) return undefined;
  const label = scope.classify(s.logStreamName);
  if (!label) return undefined;
  return {
    name: s.logStreamName,
    label,
    ...(s.creationTime !== undefined ? { creationTime: s.creationTime } : {}),
    ...(s.lastIngestionTime !== undefined ? { lastIngestionTime: s.lastIngestionTime } : {}),
  };
}

/**
 * The page's own objects become LogEvents (named by their stream) instead of being copied: a
 * catch-up holds a page or two per stream, and a copy would double that memory.
 */
function fromOutput(stream: string, events: OutputLogEvent[] | undefined): LogEvent[] {
  const list = (events ?? []) as Array<{ stream?: string; timestamp?: number; ingestionTime?: number; message?: string }>;
  for (const e of list) {
    e.stream = stream;
    e.timestamp ??= 0;
    e.ingestionTime ??= e.timestamp;
    e.message ??= '';
  }
  return list as LogEvent[];
}

function fromFiltered(events: FilteredLogEvent[] | undefined): LogEvent[] {
  const out: LogEvent[] = [];
  for (const e of events ?? []) {
    if (!e.logStreamName) continue;
    out.push({
      stream: e.logStreamName,
      timestamp: e.timestamp ?? 0,
      ingestionTime: e.ingestionTime ?? e.timestamp ?? 0,
      message: e.message ?? '',
      ...(e.eventId ? { eventId: e.eventId } : {}),
    });
  }
  return out;
}

/**
 * One stream from `low` (or the window's start) forwards, page by page, to its current end. The
 * only end signal GetLogEvents gives is the token we sent coming back; pages may be empty before
 * that, so emptiness ends nothing.
 */
export async function* readForward(api: LogsApi, group: string, stream: string, low: number | undefined, window: TimeWindow, limit = MAX_PAGE): AsyncGenerator<LogEvent[]> {
  let token: string | undefined;
  const range = queryRange(low, window);
  for (;;) {
    let page;
    try {
      page = await api.getLogEvents({ logGroupName: group, logStreamName: stream, startFromHead: true, limit, ...range, ...(token ? { nextToken: token } : {}) });
    } catch (e) {
      if (isMissingLogResource(e)) return;
      throw e;
    }
    const events = fromOutput(stream, page.events);
    if (events.length > 0) yield events;
    const next = page.nextForwardToken;
    if (!next || next === token) return;
    token = next;
  }
}

/**
 * The last `n` events of a stream within the window (kubectl's --tail), oldest first. Also
 * returns the events just before the cut that share its millisecond, so that following can
 * treat them as seen rather than print them as new.
 */
export async function readLast(api: LogsApi, group: string, stream: string, n: number, window: TimeWindow): Promise<{ events: LogEvent[]; floor?: number; hiddenAtCut: LogEvent[] }> {
  const want = n + 100;
  const pages: LogEvent[][] = [];
  let have = 0;
  let token: string | undefined;
  const range = queryRange(undefined, window);
  for (;;) {
    let page;
    try {
      page = await api.getLogEvents({
        logGroupName: group,
        logStreamName: stream,
        startFromHead: false,
        limit: Math.min(MAX_PAGE, want - have),
        ...range,
        ...(token ? { nextToken: token } : {}),
      });
    } catch (e) {
      if (isMissingLogResource(e)) break;
      throw e;
    }
    const events = fromOutput(stream, page.events);
    pages.unshift(events);
    have += events.length;
    const back = page.nextBackwardToken;
    if (have >= want || !back || back === token) break;
    token = back;
  }
  const all = pages.flat();
  const events = n === 0 ? [] : all.slice(Math.max(0, all.length - n));
  if (events.length === all.length) return { events, hiddenAtCut: [] };
  // Cut: nothing older than the first shown event belongs to the output, ever.
  const floor = (events[0] ?? all[all.length - 1])!.timestamp;
  const hidden = all.slice(0, all.length - events.length);
  return { events, floor, hiddenAtCut: hidden.filter((e) => e.timestamp === floor) };
}

export interface FilterQuery {
  readonly group: string;
  readonly prefix?: string;
  readonly names?: readonly string[];
  readonly pattern?: string;
}

/**
 * FilterLogEvents over many streams at once, already interleaved by the service, every page until
 * nextToken is absent. A nextToken seen twice (aws-cli#3022) ends the read instead of looping.
 */
export async function* readFiltered(api: LogsApi, q: FilterQuery, low: number | undefined, window: TimeWindow, limit = MAX_PAGE): AsyncGenerator<LogEvent[]> {
  let token: string | undefined;
  const seen = new Set<string>();
  const range = queryRange(low, window);
  for (;;) {
    let page;
    try {
      page = await api.filterLogEvents({
        logGroupName: q.group,
        ...(q.names && q.names.length > 0 ? { logStreamNames: [...q.names] } : q.prefix ? { logStreamNamePrefix: q.prefix } : {}),
        ...(q.pattern ? { filterPattern: q.pattern } : {}),
        limit,
        ...range,
        ...(token ? { nextToken: token } : {}),
      });
    } catch (e) {
      if (isMissingLogResource(e)) return;
      throw e;
    }
    const events = fromFiltered(page.events);
    if (events.length > 0) yield events;
    token = page.nextToken;
    if (!token || seen.has(token)) return;
    seen.add(token);
  }
}
