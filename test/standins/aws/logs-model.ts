// CloudWatch Logs state: log groups, log streams and their events, plus the page computations behind
// GetLogEvents, FilterLogEvents, DescribeLogStreams and DescribeLogGroups. Everything is evaluated at a
// given emulator time `now`: an event is visible once now >= its ingestionTime (and it is not past its
// job's log cutoff), a stream once now >= its creation time, a group once it was created explicitly or
// one of its streams is visible.

import type { Clock } from './clock';
import { EventStore, explicitSegment, KEY_END, KEY_START, type Key, type Segment } from './event-store';
import { mix } from './rng';

/** What a stream belongs to: a job whose stop hides later events and never-created instances. */
export interface StreamOwner {
  /** Events with a timestamp after this are hidden; a stream created after it never appears. */
  logCutoff(): number;
}

export interface LogEventInput {
  timestamp: number;
  message: string;
  /** Default: max(timestamp + ingestion delay, now). */
  ingestionTime?: number;
}

export interface LogEventRecord {
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
  seq: number;
  /** Ingested (and not past the owner's cutoff) at the time asked. */
  visible: boolean;
}

export interface StreamMetadata {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken?: string;
  arn: string;
  storedBytes: number;
}

export class LogStream {
  readonly store = new EventStore();
  createdAtExplicit?: number;
  owner?: StreamOwner;
  /** Cached last 20 digits of this stream's event ids. */
  idTail?: string;

  constructor(
    readonly group: LogGroup,
    readonly name: string,
    readonly uid: number,
  ) {}

  /** Explicit creation time, else the earliest timestamp or ingestion time of its events. */
  get createdAt(): number {
    if (this.createdAtExplicit !== undefined) return this.createdAtExplicit;
    return Math.min(this.store.minTs, this.store.minIng);
  }

  cutoff(): number {
    return this.owner ? this.owner.logCutoff() : Infinity;
  }

  visibleAt(t: number): boolean {
    const c = this.createdAt;
    return Number.isFinite(c) && c <= t && c <= this.cutoff();
  }
}

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  createdAtExplicit?: number;
  private sorted: LogStream[] | null = null;

  constructor(readonly name: string) {}

  existsAt(t: number): boolean {
    if (this.createdAtExplicit !== undefined && this.createdAtExplicit <= t) return true;
    for (const s of this.streams.values()) if (s.visibleAt(t)) return true;
    return false;
  }

  /** Creation time as seen at `t` (explicit, else the first visible stream's), or undefined. */
  creationTimeAt(t: number): number | undefined {
    let c = this.createdAtExplicit !== undefined && this.createdAtExplicit <= t ? this.createdAtExplicit : Infinity;
    for (const s of this.streams.values()) if (s.visibleAt(t)) c = Math.min(c, s.createdAt);
    return Number.isFinite(c) ? c : undefined;
  }

  /** Streams sorted by name (cached). */
  sortedStreams(): LogStream[] {
    if (!this.sorted) this.sorted = [...this.streams.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sorted;
  }

  invalidate(): void {
    this.sorted = null;
  }
}

export interface GetPageArgs {
  now: number;
  startTime?: number;
  /** Exclusive. */
  endTime?: number;
  limit: number;
  maxBytes: number;
  direction: 'forward' | 'backward';
  /** forward: events after this key; backward: events before it. */
  from: Key;
}

export interface GetPage {
  /** Indices into the stream's store, ascending. */
  indices: number[];
  first?: Key;
  last?: Key;
}

export interface FilterPageArgs {
  now: number;
  streams: LogStream[];
  startTime?: number;
  /** Inclusive. */
  endTime?: number;
  limit: number;
  maxBytes: number;
  matches: (message: string) => boolean;
  direction: 'forward' | 'backward';
  from: Key;
}

export interface FilterPage {
  events: { stream: LogStream; k: number; message: string }[];
  /** Key of the last event returned, if any. */
  last?: Key;
  /** Another matching, visible event exists beyond this page. */
  hasMore: boolean;
}

/** A page is at most 1 MB: UTF-8 message bytes + 26 per event (PutLogEvents accounting). */
export const PAGE_MAX_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;

export class LogsModel {
  /** Default ingestion delay (ms) for events put without an ingestionTime. */
  ingestionDelayMs = 1000;
  region = 'us-west-2';
  accountId = '111122223333';
  private readonly groups = new Map<string, LogGroup>();
  private nextSeq = 1;
  private nextUid = 1;

  constructor(private readonly clock: Clock) {}

  /** Reserves `n` consecutive sequence numbers (the ingestion-order tie-break) and returns the first. */
  allocSeq(n: number): number {
    const s = this.nextSeq;
    this.nextSeq += Math.max(0, n);
    return s;
  }

  createLogGroup(name: string, opts: { createdAt?: number } = {}): LogGroup {
    let g = this.groups.get(name);
    if (!g) {
      g = new LogGroup(name);
      this.groups.set(name, g);
    }
    if (opts.createdAt !== undefined) g.createdAtExplicit = Math.min(g.createdAtExplicit ?? Infinity, opts.createdAt);
    return g;
  }

  /** Creates (or returns) a stream; its group is created on the fly. */
  createLogStream(group: string, name: string, opts: { createdAt?: number; owner?: StreamOwner } = {}): LogStream {
    const g = this.createLogGroup(group);
    let s = g.streams.get(name);
    if (!s) {
      s = new LogStream(g, name, this.nextUid++);
      g.streams.set(name, s);
      g.invalidate();
    }
    if (opts.createdAt !== undefined) s.createdAtExplicit = opts.createdAt;
    if (opts.owner) s.owner = opts.owner;
    return s;
  }

  /** Adds a lazily filled segment to a stream (creating it). `make` receives the first seq reserved for it. */
  addSegment(group: string, stream: string, count: number, make: (seqBase: number) => Segment, opts: { owner?: StreamOwner } = {}): LogStream {
    const s = this.createLogStream(group, stream, opts);
    s.store.add(make(this.allocSeq(count)));
    return s;
  }

  /**
   * Puts events (any order) into a stream, creating the group and stream if needed. Events without an
   * ingestionTime are ingested at max(timestamp + ingestionDelayMs, now).
   */
  putLogEvents(group: string, stream: string, events: readonly LogEventInput[], opts: { createdAt?: number } = {}): LogStream {
    const now = this.clock.now();
    const list = events.map((e) => {
      if (!Number.isFinite(e.timestamp)) throw new TypeError(`putLogEvents: bad timestamp ${e.timestamp}`);
      if (typeof e.message !== 'string') throw new TypeError('putLogEvents: message must be a string');
      const ts = Math.floor(e.timestamp);
      const ing = e.ingestionTime !== undefined ? Math.floor(e.ingestionTime) : Math.max(ts + this.ingestionDelayMs, now);
      return { ts, ing, message: e.message };
    });
    const s = this.createLogStream(group, stream, opts);
    if (list.length > 0) s.store.add(explicitSegment(list, this.allocSeq(list.length)));
    return s;
  }

  group(name: string): LogGroup | undefined {
    return this.groups.get(name);
  }

  stream(group: string, name: string): LogStream | undefined {
    return this.groups.get(group)?.streams.get(name);
  }

  groupNames(): string[] {
    return [...this.groups.keys()].sort();
  }

  /** Names of the streams of a group visible at `at` (default now), sorted. */
  streamNames(group: string, opts: { at?: number; prefix?: string; all?: boolean } = {}): string[] {
    const g = this.groups.get(group);
    if (!g) return [];
    const at = opts.at ?? this.clock.now();
    return g
      .sortedStreams()
      .filter((s) => (opts.all || s.visibleAt(at)) && (!opts.prefix || s.name.startsWith(opts.prefix)))
      .map((s) => s.name);
  }

  /** Every event of a stream in service order, with its visibility at `at` (default now). For assertions. */
  events(group: string, stream: string, opts: { at?: number } = {}): LogEventRecord[] {
    const s = this.stream(group, stream);
    if (!s) return [];
    const at = opts.at ?? this.clock.now();
    const st = s.store;
    const n = st.n;
    const cutoff = s.cutoff();
    const out: LogEventRecord[] = [];
    for (let k = 0; k < n; k++) {
      out.push({
        logStreamName: s.name,
        timestamp: st.ts[k]!,
        ingestionTime: st.ing[k]!,
        message: st.message(k),
        eventId: eventId(s, k),
        seq: st.seq[k]!,
        visible: st.ing[k]! <= at && st.ts[k]! <= cutoff && s.visibleAt(at),
      });
    }
    return out;
  }

  /** Builds every stream's index now (else each is built on its first read). Returns the event count. */
  prebuild(): number {
    let n = 0;
    for (const g of this.groups.values()) for (const s of g.streams.values()) n += s.store.n;
    return n;
  }

  /** Total number of events held (generated ones included, built or not). */
  totalEvents(): number {
    let n = 0;
    for (const g of this.groups.values()) for (const s of g.streams.values()) n += s.store.size;
    return n;
  }

  reset(): void {
    this.groups.clear();
    this.nextSeq = 1;
    this.nextUid = 1;
  }

  arnOfGroup(group: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${group}`;
  }

  // ---- page computations -------------------------------------------------------------------------

  /** GetLogEvents over one stream. */
  getPage(stream: LogStream, a: GetPageArgs): GetPage {
    const st = stream.store;
    const n = st.n;
    const ing = st.ing;
    const now = a.now;
    const hiTs = Math.min(a.endTime !== undefined ? a.endTime - 1 : Infinity, now + st.maxLead, stream.cutoff());
    const indices: number[] = [];
    let bytes = 0;
    const take = (k: number): boolean => {
      const size = Buffer.byteLength(st.message(k), 'utf8') + EVENT_OVERHEAD_BYTES;
      if (indices.length > 0 && bytes + size > a.maxBytes) return false;
      bytes += size;
      indices.push(k);
      return indices.length < a.limit;
    };
    if (n > 0) {
      if (a.direction === 'forward') {
        const lo = Math.max(st.boundKey(a.from, false), a.startTime !== undefined ? st.lowerBoundTs(a.startTime) : 0);
        const hi = st.upperBoundTs(hiTs);
        for (let k = lo; k < hi; k++) {
          if (ing[k]! > now) continue;
          if (!take(k)) break;
        }
      } else {
        const hi = Math.min(st.boundKey(a.from, true), st.upperBoundTs(hiTs));
        const lo = a.startTime !== undefined ? st.lowerBoundTs(a.startTime) : 0;
        for (let k = hi - 1; k >= lo; k--) {
          if (ing[k]! > now) continue;
          if (!take(k)) break;
        }
        indices.reverse();
      }
    }
    return {
      indices,
      first: indices.length ? st.keyAt(indices[0]!) : undefined,
      last: indices.length ? st.keyAt(indices[indices.length - 1]!) : undefined,
    };
  }

  /** FilterLogEvents: a k-way merge over the streams from binary-searched positions. */
  filterPage(a: FilterPageArgs): FilterPage {
    const now = a.now;
    const fwd = a.direction === 'forward';
    interface Cursor {
      s: LogStream;
      st: EventStore;
      k: number;
      end: number;
      ts: Float64Array;
      ing: Float64Array;
      seq: Float64Array;
    }
    const cursors: Cursor[] = [];
    for (const s of a.streams) {
      const st = s.store;
      if (st.n === 0) continue;
      const hiTs = Math.min(a.endTime ?? Infinity, now + st.maxLead, s.cutoff());
      const lo = a.startTime !== undefined ? st.lowerBoundTs(a.startTime) : 0;
      const hi = st.upperBoundTs(hiTs);
      const c: Cursor = { s, st, k: 0, end: 0, ts: st.ts, ing: st.ing, seq: st.seq };
      if (fwd) {
        c.k = Math.max(lo, st.boundKey(a.from, false));
        c.end = hi;
      } else {
        c.k = Math.min(hi, st.boundKey(a.from, true)) - 1;
        c.end = lo - 1;
      }
      // Skip events not yet ingested.
      if (fwd) while (c.k < c.end && c.ing[c.k]! > now) c.k++;
      else while (c.k > c.end && c.ing[c.k]! > now) c.k--;
      if (c.k !== c.end) cursors.push(c);
    }
    // Binary heap ordered by (ts, ing, seq), ascending (forward) or descending (backward).
    const heap = cursors;
    const sign = fwd ? 1 : -1;
    const before = (x: Cursor, y: Cursor): boolean => {
      const d = x.ts[x.k]! - y.ts[y.k]! || x.ing[x.k]! - y.ing[y.k]! || x.seq[x.k]! - y.seq[y.k]!;
      return d * sign < 0;
    };
    const down = (i: number) => {
      const len = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < len && before(heap[l]!, heap[m]!)) m = l;
        if (r < len && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        const t = heap[i]!;
        heap[i] = heap[m]!;
        heap[m] = t;
        i = m;
      }
    };
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);

    const events: FilterPage['events'] = [];
    let bytes = 0;
    let hasMore = false;
    let last: Key | undefined;
    while (heap.length > 0) {
      const c = heap[0]!;
      const k = c.k;
      const message = c.st.message(k);
      const matched = a.matches(message);
      if (matched) {
        const size = Buffer.byteLength(message, 'utf8') + EVENT_OVERHEAD_BYTES;
        if (events.length >= a.limit || (events.length > 0 && bytes + size > a.maxBytes)) {
          hasMore = true;
          break;
        }
        bytes += size;
        events.push({ stream: c.s, k, message });
        last = { ts: c.ts[k]!, ing: c.ing[k]!, seq: c.seq[k]! };
      }
      // Advance this cursor past events not yet ingested.
      let nk = k + sign;
      if (fwd) while (nk < c.end && c.ing[nk]! > now) nk++;
      else while (nk > c.end && c.ing[nk]! > now) nk--;
      if (nk === c.end) {
        const tail = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = tail;
          down(0);
        }
      } else {
        c.k = nk;
        down(0);
      }
    }
    return { events, last, hasMore };
  }

  /** Metadata of a stream as DescribeLogStreams shows it, evaluated at `at` (now minus staleness). */
  metadata(s: LogStream, at: number): StreamMetadata {
    const st = s.store;
    const md: StreamMetadata = {
      logStreamName: s.name,
      creationTime: s.createdAt,
      arn: `${this.arnOfGroup(s.group.name)}:log-stream:${s.name}`,
      storedBytes: 0,
    };
    const n = st.n;
    if (n === 0) return md;
    const cutoff = s.cutoff();
    const ts = st.ts;
    const ing = st.ing;
    const hi = st.upperBoundTs(Math.min(at + st.maxLead, cutoff));
    let first = -1;
    for (let k = 0; k < hi; k++) {
      if (ing[k]! <= at) {
        first = k;
        break;
      }
    }
    if (first < 0) return md;
    let lastK = first;
    for (let k = hi - 1; k >= first; k--) {
      if (ing[k]! <= at) {
        lastK = k;
        break;
      }
    }
    let lastIng: number | undefined;
    if (cutoff === Infinity) lastIng = st.lastIngestionAtOrBefore(at);
    else {
      let m = -Infinity;
      for (let k = first; k < hi; k++) if (ing[k]! <= at && ing[k]! > m) m = ing[k]!;
      lastIng = m;
    }
    md.firstEventTimestamp = ts[first]!;
    md.lastEventTimestamp = ts[lastK]!;
    if (lastIng !== undefined) md.lastIngestionTime = lastIng;
    md.uploadSequenceToken = sequenceToken(s.uid, first);
    return md;
  }
}

export { KEY_START, KEY_END };

const ZEROS = '00000000000000000000';
function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s.slice(s.length - width) : ZEROS.slice(0, width - s.length) + s;
}

/**
 * A 56-digit event id: timestamp (16) + global seq (20) + a per-stream part (20). Unique (the seq is
 * global) and stable for an event.
 */
export function eventId(s: LogStream, k: number): string {
  const st = s.store;
  let tail = s.idTail;
  if (tail === undefined) tail = s.idTail = pad(s.uid, 12) + pad(mix(s.uid, 0x1d) % 100_000_000, 8);
  return pad(Math.max(0, Math.floor(st.ts[k]!)), 16) + pad(st.seq[k]!, 20) + tail;
}

function sequenceToken(uid: number, salt: number): string {
  let out = '';
  for (let i = 0; out.length < 56; i++) out += String(mix(mix(uid, salt), i) % 1000000000).padStart(9, '0');
  return out.slice(0, 56);
}
