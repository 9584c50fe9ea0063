// StartLiveTail: a binary event stream (application/vnd.amazon.eventstream) with a sessionStart event,
// then a sessionUpdate every `liveTailUpdateMs` of wall time carrying the events ingested (emulator time)
// since the previous update, ≤ 500 per update (sampled above that), no backfill; a slow reader gets a
// buffer of 10 updates / 5,000 events, then the oldest are dropped; SessionTimeoutException after 3 h of
// emulator time; LimitExceededException above 15 concurrent sessions.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import type { Clock } from './clock';
import { ApiError, logsErrors } from './errors';
import { compileFilterPattern } from './filter-pattern';
import type { LogGroup, LogsModel, LogStream } from './logs-model';
import { validateInput, type InputSchema } from './validate';

export const LIVE_TAIL_MAX_SESSIONS = 15;
export const LIVE_TAIL_SESSION_MS = 3 * 3600 * 1000;
export const LIVE_TAIL_MAX_EVENTS_PER_UPDATE = 500;
const BUFFER_UPDATES = 10;
const BUFFER_EVENTS = 5000;

const SCHEMA: InputSchema = {
  logGroupIdentifiers: { type: 'list', member: { type: 'string', min: 1, max: 2048, pattern: '[\\w#+=/:,.@-]*' }, min: 1, max: 10, required: true },
  logStreamNames: { type: 'list', member: { type: 'string', min: 1, max: 512, pattern: '[^:*]*' }, min: 1, max: 100 },
  logStreamNamePrefixes: { type: 'list', member: { type: 'string', min: 1, max: 512, pattern: '[^:*]*' }, min: 1, max: 100 },
  logEventFilterPattern: { type: 'string', min: 0, max: 1024 },
};

/** One event-stream message with string headers (AWS event stream encoding, CRC32 checked). */
export function encodeEventStreamMessage(headers: Record<string, string>, body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const h = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
    h.writeUInt8(n.length, 0);
    n.copy(h, 1);
    h.writeUInt8(7, 1 + n.length); // string
    h.writeUInt16BE(v.length, 2 + n.length);
    v.copy(h, 4 + n.length);
    parts.push(h);
  }
  const headerBytes = Buffer.concat(parts);
  const total = 12 + headerBytes.length + body.length + 4;
  const msg = Buffer.alloc(total);
  msg.writeUInt32BE(total, 0);
  msg.writeUInt32BE(headerBytes.length, 4);
  msg.writeUInt32BE(crc32(msg.subarray(0, 8)), 8);
  headerBytes.copy(msg, 12);
  body.copy(msg, 12 + headerBytes.length);
  msg.writeUInt32BE(crc32(msg.subarray(0, total - 4)), total - 4);
  return msg;
}

function eventFrame(type: string, payload: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':message-type': 'event', ':event-type': type, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(payload), 'utf8'),
  );
}

function exceptionFrame(type: string, message: string): Buffer {
  return encodeEventStreamMessage(
    { ':message-type': 'exception', ':exception-type': type, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}

interface Session {
  id: string;
  res: ServerResponse;
  timer: NodeJS.Timeout;
  startedAt: number;
  last: number;
  groups: { group: LogGroup; identifier: string }[];
  names?: Set<string>;
  prefixes?: string[];
  matches: (m: string) => boolean;
  queue: { frame: Buffer; events: number }[];
  waiting: boolean;
  ended: boolean;
}

export class LiveTail {
  private readonly sessions = new Set<Session>();

  constructor(
    private readonly logs: LogsModel,
    private readonly clock: Clock,
    private readonly updateMs: () => number,
  ) {}

  get activeSessions(): number {
    return this.sessions.size;
  }

  /** Validates the request; throws ApiError (answered as JSON) before any byte of the stream is sent. */
  prepare(body: Record<string, unknown>, now: number): Omit<Session, 'res' | 'timer' | 'queue' | 'waiting' | 'ended'> {
    validateInput(body, SCHEMA, { code: 'InvalidParameterException' });
    const ids = body.logGroupIdentifiers as string[];
    const names = body.logStreamNames as string[] | undefined;
    const prefixes = body.logStreamNamePrefixes as string[] | undefined;
    if (names && prefixes) throw logsErrors.invalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
    if ((names || prefixes) && ids.length > 1) {
      throw logsErrors.invalidParameter('logStreamNames and logStreamNamePrefixes can only be used with a single log group.');
    }
    const groups = ids.map((id) => {
      if (id.endsWith('*')) throw logsErrors.invalidParameter(`Log group identifiers must not end with an asterisk: ${id}`);
      const m = /^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:([^:]+)$/.exec(id);
      if (!m) throw logsErrors.invalidParameter(`Log group identifiers must be log group ARNs: ${id}`);
      const group = this.logs.group(m[1]!);
      if (!group || !group.existsAt(now)) throw logsErrors.groupNotFound();
      return { group, identifier: id };
    });
    if (this.sessions.size >= LIVE_TAIL_MAX_SESSIONS) {
      throw new ApiError(400, 'LimitExceededException', `You have exceeded the maximum number of concurrent Live Tail sessions (${LIVE_TAIL_MAX_SESSIONS}).`);
    }
    return {
      id: randomUUID(),
      startedAt: now,
      last: now,
      groups,
      names: names ? new Set(names) : undefined,
      prefixes,
      matches: compileFilterPattern(body.logEventFilterPattern as string | undefined),
    };
  }

  /** Starts streaming on `res` (after prepare() succeeded). */
  start(prepared: ReturnType<LiveTail['prepare']>, body: Record<string, unknown>, res: ServerResponse): void {
    const requestId = randomUUID();
    res.writeHead(200, { 'Content-Type': 'application/vnd.amazon.eventstream', 'x-amzn-RequestId': requestId, Date: new Date().toUTCString() });
    const session: Session = {
      ...prepared,
      res,
      queue: [],
      waiting: false,
      ended: false,
      timer: setInterval(() => this.update(session), Math.max(10, this.updateMs())),
    };
    this.sessions.add(session);
    res.on('close', () => this.end(session));
    res.on('drain', () => {
      session.waiting = false;
      this.flush(session);
    });
    const start: Record<string, unknown> = {
      requestId,
      sessionId: session.id,
      logGroupIdentifiers: body.logGroupIdentifiers,
    };
    if (body.logStreamNames) start.logStreamNames = body.logStreamNames;
    if (body.logStreamNamePrefixes) start.logStreamNamePrefixes = body.logStreamNamePrefixes;
    if (body.logEventFilterPattern !== undefined) start.logEventFilterPattern = body.logEventFilterPattern;
    this.write(session, eventFrame('sessionStart', start), 0);
  }

  private streamsOf(s: Session, group: LogGroup, now: number): LogStream[] {
    const out: LogStream[] = [];
    for (const st of group.sortedStreams()) {
      if (!st.visibleAt(now)) continue;
      if (s.names && !s.names.has(st.name)) continue;
      if (s.prefixes && !s.prefixes.some((p) => st.name.startsWith(p))) continue;
      out.push(st);
    }
    return out;
  }

  private update(s: Session): void {
    if (s.ended) return;
    const now = this.clock.now();
    if (now - s.startedAt >= LIVE_TAIL_SESSION_MS) {
      s.res.write(exceptionFrame('SessionTimeoutException', 'Session timed out after 3 hours.'));
      s.res.end();
      this.end(s);
      return;
    }
    const after = s.last;
    if (now <= after) {
      this.write(s, eventFrame('sessionUpdate', { sessionMetadata: { sampled: false }, sessionResults: [] }), 0);
      return;
    }
    s.last = now;
    const found: { ing: number; ts: number; seq: number; ev: Record<string, unknown> }[] = [];
    for (const { group, identifier } of s.groups) {
      for (const st of this.streamsOf(s, group, now)) {
        const store = st.store;
        const cutoff = st.cutoff();
        for (const k of store.ingestedBetween(after, now)) {
          const ts = store.ts[k]!;
          if (ts > cutoff) continue;
          const message = store.message(k);
          if (!s.matches(message)) continue;
          const ing = store.ing[k]!;
          found.push({ ing, ts, seq: store.seq[k]!, ev: { logStreamName: st.name, logGroupIdentifier: identifier, message, timestamp: ts, ingestionTime: ing } });
        }
      }
    }
    found.sort((a, b) => a.ing - b.ing || a.ts - b.ts || a.seq - b.seq);
    let results = found;
    let sampled = false;
    if (found.length > LIVE_TAIL_MAX_EVENTS_PER_UPDATE) {
      sampled = true;
      const step = found.length / LIVE_TAIL_MAX_EVENTS_PER_UPDATE;
      results = Array.from({ length: LIVE_TAIL_MAX_EVENTS_PER_UPDATE }, (_, i) => found[Math.floor(i * step)]!);
    }
    this.write(s, eventFrame('sessionUpdate', { sessionMetadata: { sampled }, sessionResults: results.map((r) => r.ev) }), results.length);
  }

  private write(s: Session, frame: Buffer, events: number): void {
    if (s.ended) return;
    if (s.waiting) {
      s.queue.push({ frame, events });
      // A slow reader keeps 10 updates / 5,000 events; older ones are dropped.
      while (s.queue.length > BUFFER_UPDATES || (s.queue.length > 1 && s.queue.reduce((a, q) => a + q.events, 0) > BUFFER_EVENTS)) s.queue.shift();
      return;
    }
    if (!s.res.write(frame)) s.waiting = true;
  }

  private flush(s: Session): void {
    while (!s.waiting && s.queue.length > 0) {
      const q = s.queue.shift()!;
      if (!s.res.write(q.frame)) s.waiting = true;
    }
  }

  private end(s: Session): void {
    if (s.ended) return;
    s.ended = true;
    clearInterval(s.timer);
    this.sessions.delete(s);
  }

  closeAll(): void {
    for (const s of [...this.sessions]) {
      this.end(s);
      s.res.end();
    }
  }
}
