// CloudWatch Logs operations on the wire: validation, token handling and response shapes on top of
// LogsModel's page computations. Token rules (aws-wire.md §4):
//  - GetLogEvents tokens are never null; at the end the reply carries the SAME token that was sent.
//  - A forward token is a position in (timestamp, ingestionTime, seq) order, so an event ingested later
//    with an older timestamp is skipped by it ("pessimistic"); a fresh query finds it.
//  - FilterLogEvents omits nextToken on the last page; DescribeLogStreams/Groups too.
//  - Tokens expire after 24 h of emulator time and are bound to their stream (GetLogEvents) or group.

import { logsErrors } from './errors';
import { KEY_END, KEY_START, type Key } from './event-store';
import type { FaultSettings, PageFault } from './faults';
import { compileFilterPattern } from './filter-pattern';
import { eventId, PAGE_MAX_BYTES, type LogGroup, type LogsModel, type LogStream, type StreamMetadata } from './logs-model';
import type { TokenRegistry } from './tokens';
import { validateInput, type InputSchema } from './validate';

export interface OpContext {
  now: number;
  pageFault?: PageFault;
  faults: FaultSettings;
  randomInt(n: number): number;
}

const GROUP_NAME = { type: 'string', min: 1, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]+' } as const;
const GROUP_ID = { type: 'string', min: 1, max: 2048, pattern: '[\\w#+=/:,.@-]*' } as const;
const STREAM_NAME = { type: 'string', min: 1, max: 512, pattern: '[^:*]*' } as const;
const TOKEN = { type: 'string', min: 1 } as const;
const TIMESTAMP = { type: 'long', min: 0 } as const;

const SCHEMAS: Record<string, InputSchema> = {
  GetLogEvents: {
    logGroupName: GROUP_NAME,
    logGroupIdentifier: GROUP_ID,
    logStreamName: { ...STREAM_NAME, required: true },
    startTime: TIMESTAMP,
    endTime: TIMESTAMP,
    nextToken: TOKEN,
    limit: { type: 'integer', min: 1, max: 10000 },
    startFromHead: { type: 'boolean' },
    unmask: { type: 'boolean' },
  },
  FilterLogEvents: {
    logGroupName: GROUP_NAME,
    logGroupIdentifier: GROUP_ID,
    logStreamNames: { type: 'list', member: STREAM_NAME, min: 1, max: 100 },
    logStreamNamePrefix: STREAM_NAME,
    startTime: TIMESTAMP,
    endTime: TIMESTAMP,
    filterPattern: { type: 'string', min: 0, max: 1024 },
    nextToken: TOKEN,
    limit: { type: 'integer', min: 1, max: 10000 },
    interleaved: { type: 'boolean' },
    startFromHead: { type: 'boolean' },
    unmask: { type: 'boolean' },
  },
  DescribeLogStreams: {
    logGroupName: GROUP_NAME,
    logGroupIdentifier: GROUP_ID,
    logStreamNamePrefix: STREAM_NAME,
    orderBy: { type: 'string', enum: ['LogStreamName', 'LastEventTime'] },
    descending: { type: 'boolean' },
    nextToken: TOKEN,
    limit: { type: 'integer', min: 1, max: 50 },
  },
  DescribeLogGroups: {
    accountIdentifiers: { type: 'list', member: { type: 'string', min: 12, max: 12, pattern: '^\\d{12}$' }, min: 0, max: 20 },
    logGroupNamePrefix: GROUP_NAME,
    logGroupNamePattern: { type: 'string', min: 0, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*' },
    nextToken: TOKEN,
    limit: { type: 'integer', min: 1, max: 50 },
    includeLinkedAccounts: { type: 'boolean' },
    logGroupClass: { type: 'string', enum: ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] },
    logGroupIdentifiers: { type: 'list', member: GROUP_ID, min: 1, max: 50 },
  },
};

export const LOGS_OPERATIONS = ['GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams', 'DescribeLogGroups'] as const;

/** 2024-01-01T00:00:00Z: FilterLogEvents startFromHead=false needs a startTime on or after it. */
const DESCENDING_MIN_START = 1704067200000;

interface GleState {
  dir: 'forward' | 'backward';
  key: Key;
}
interface FleState {
  dir: 'forward' | 'backward';
  key: Key;
}
interface DlsState {
  after: [number, string];
  orderBy: string;
  descending: boolean;
  prefix?: string;
}
interface DlgState {
  after: string;
}

export class LogsApi {
  constructor(
    private readonly model: LogsModel,
    private readonly tokens: TokenRegistry,
  ) {}

  /** The ARN of what a request touches (for AccessDenied messages). */
  resourceOf(body: Record<string, unknown>): string {
    const g = typeof body.logGroupName === 'string' ? body.logGroupName : typeof body.logGroupIdentifier === 'string' ? body.logGroupIdentifier : '*';
    if (g.startsWith('arn:')) return g;
    const s = typeof body.logStreamName === 'string' ? body.logStreamName : '';
    return `${this.model.arnOfGroup(g)}:log-stream:${s}`;
  }

  handle(op: string, body: Record<string, unknown>, ctx: OpContext): Record<string, unknown> {
    const schema = SCHEMAS[op];
    if (schema) validateInput(body, schema, { code: 'InvalidParameterException' });
    switch (op) {
      case 'GetLogEvents':
        return this.getLogEvents(body, ctx);
      case 'FilterLogEvents':
        return this.filterLogEvents(body, ctx);
      case 'DescribeLogStreams':
        return this.describeLogStreams(body, ctx);
      case 'DescribeLogGroups':
        return this.describeLogGroups(body, ctx);
      default:
        throw new Error(`internal: no handler for ${op}`);
    }
  }

  private groupName(body: Record<string, unknown>): string {
    const name = body.logGroupName as string | undefined;
    const id = body.logGroupIdentifier as string | undefined;
    if (name !== undefined && id !== undefined) {
      throw logsErrors.invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    }
    if (name === undefined && id === undefined) {
      throw logsErrors.invalidParameter('Either the log group name or the log group ARN must be specified.');
    }
    if (name !== undefined) return name;
    const m = /^arn:aws[a-z-]*:logs:([^:]*):(\d*):log-group:([^:]+)(:\*)?$/.exec(id!);
    if (id!.startsWith('arn:')) {
      if (!m) throw logsErrors.invalidParameter(`Invalid log group ARN: ${id}`);
      return m[3]!;
    }
    return id!;
  }

  private group(body: Record<string, unknown>, now: number): LogGroup {
    const g = this.model.group(this.groupName(body));
    if (!g || !g.existsAt(now)) throw logsErrors.groupNotFound();
    return g;
  }

  // ---- GetLogEvents ------------------------------------------------------------------------------

  private getLogEvents(body: Record<string, unknown>, ctx: OpContext): Record<string, unknown> {
    const now = ctx.now;
    const group = this.group(body, now);
    const stream = group.streams.get(body.logStreamName as string);
    if (!stream || !stream.visibleAt(now)) throw logsErrors.streamNotFound();
    const binding = `gle:${stream.uid}`;
    const inToken = body.nextToken as string | undefined;
    let dir: 'forward' | 'backward';
    let from: Key;
    if (inToken !== undefined) {
      const st = this.tokens.resolve<GleState>('gle', binding, inToken, now);
      if (!st) throw logsErrors.invalidToken();
      dir = st.dir; // the token's direction wins over startFromHead
      from = st.key;
    } else {
      dir = body.startFromHead === true ? 'forward' : 'backward';
      from = dir === 'forward' ? KEY_START : KEY_END;
    }
    const page = this.model.getPage(stream, {
      now,
      startTime: body.startTime as number | undefined,
      endTime: body.endTime as number | undefined,
      limit: (body.limit as number | undefined) ?? 10000,
      maxBytes: PAGE_MAX_BYTES,
      direction: dir,
      from,
    });
    let indices = page.indices;
    const fault = ctx.pageFault;
    if (fault === 'empty-page') indices = [];
    else if (fault === 'partial-page' && indices.length > 0) {
      const keep = ctx.randomInt(indices.length); // 0 .. n-1
      indices = dir === 'forward' ? indices.slice(0, keep) : indices.slice(indices.length - keep);
    }
    const st = stream.store;
    const events = indices.map((k) => ({ timestamp: st.ts[k]!, message: st.message(k), ingestionTime: st.ing[k]! }));
    const first = indices.length ? st.keyAt(indices[0]!) : undefined;
    const last = indices.length ? st.keyAt(indices[indices.length - 1]!) : undefined;
    const issue = (d: 'forward' | 'backward', key: Key) =>
      this.tokens.issue<GleState>('gle', binding, { dir: d, key }, now, d);

    let fwd: string;
    let bwd: string;
    const emptyForced = fault === 'empty-page' || (fault === 'partial-page' && indices.length === 0);
    if (dir === 'forward') {
      if (last) fwd = issue('forward', last);
      else if (inToken !== undefined && !emptyForced) fwd = inToken; // end of stream: the same token
      else fwd = issue('forward', from);
      bwd = issue('backward', first ?? (from === KEY_START ? KEY_START : from));
    } else {
      if (first) bwd = issue('backward', first);
      else if (inToken !== undefined && !emptyForced) bwd = inToken;
      else bwd = issue('backward', from);
      // The newest page's forward token continues after its last event; an empty newest page, from the start.
      fwd = issue('forward', last ?? (from === KEY_END ? (body.startTime !== undefined ? { ts: (body.startTime as number) - 1, ing: Infinity, seq: Infinity } : KEY_START) : from));
    }
    if (fault === 'repeat-token' && inToken !== undefined) {
      if (dir === 'forward') fwd = inToken;
      else bwd = inToken;
    }
    return { events, nextForwardToken: fwd, nextBackwardToken: bwd };
  }

  // ---- FilterLogEvents ---------------------------------------------------------------------------

  private filterLogEvents(body: Record<string, unknown>, ctx: OpContext): Record<string, unknown> {
    const now = ctx.now;
    if (body.logStreamNames !== undefined && body.logStreamNamePrefix !== undefined) {
      throw logsErrors.invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    }
    const group = this.group(body, now);
    const matches = compileFilterPattern(body.filterPattern as string | undefined);
    let streams: LogStream[];
    if (Array.isArray(body.logStreamNames)) {
      const seen = new Set<string>();
      streams = [];
      for (const n of body.logStreamNames as string[]) {
        if (seen.has(n)) continue;
        seen.add(n);
        const s = group.streams.get(n);
        if (s && s.visibleAt(now)) streams.push(s);
      }
    } else {
      const prefix = body.logStreamNamePrefix as string | undefined;
      streams = prefixed(group.sortedStreams(), prefix).filter((s) => s.visibleAt(now));
    }
    const startTime = body.startTime as number | undefined;
    const endTime = body.endTime as number | undefined;
    const inToken = body.nextToken as string | undefined;
    const binding = `fle:${group.name}`;
    let dir: 'forward' | 'backward';
    let from: Key;
    if (inToken !== undefined) {
      const st = this.tokens.resolve<FleState>('fle', binding, inToken, now);
      if (!st) throw logsErrors.invalidToken();
      dir = st.dir;
      from = st.key;
    } else {
      dir = body.startFromHead === false ? 'backward' : 'forward';
      if (dir === 'backward' && (startTime === undefined || startTime < DESCENDING_MIN_START)) {
        throw logsErrors.invalidParameter('startFromHead=false requires a startTime on or after 2024-01-01T00:00:00Z.');
      }
      from = dir === 'forward' ? KEY_START : KEY_END;
    }
    const page = this.model.filterPage({
      now,
      streams,
      startTime,
      endTime,
      limit: (body.limit as number | undefined) ?? 10000,
      maxBytes: PAGE_MAX_BYTES,
      matches,
      direction: dir,
      from,
    });
    let list = page.events;
    let hasMore = page.hasMore;
    let lastKey = page.last;
    const fault = ctx.pageFault;
    if (fault === 'empty-page') {
      list = [];
      hasMore = true;
      lastKey = undefined;
    } else if (fault === 'partial-page' && list.length > 0) {
      const keep = ctx.randomInt(list.length);
      list = list.slice(0, keep);
      hasMore = true;
      const e = list[list.length - 1];
      lastKey = e ? e.stream.store.keyAt(e.k) : undefined;
    }
    const events = list.map((e) => {
      const st = e.stream.store;
      return { logStreamName: e.stream.name, timestamp: st.ts[e.k]!, message: e.message, ingestionTime: st.ing[e.k]!, eventId: eventId(e.stream, e.k) };
    });
    const out: Record<string, unknown> = { events, searchedLogStreams: [] };
    if (fault === 'repeat-token') {
      out.nextToken = inToken ?? this.tokens.issue<FleState>('fle', binding, { dir, key: from }, now);
    } else if (hasMore) {
      out.nextToken = this.tokens.issue<FleState>('fle', binding, { dir, key: lastKey ?? from }, now);
    }
    return out;
  }

  // ---- DescribeLogStreams ------------------------------------------------------------------------

  private describeLogStreams(body: Record<string, unknown>, ctx: OpContext): Record<string, unknown> {
    const now = ctx.now;
    const orderBy = (body.orderBy as string | undefined) ?? 'LogStreamName';
    const prefix = body.logStreamNamePrefix as string | undefined;
    if (orderBy === 'LastEventTime' && prefix !== undefined) {
      throw logsErrors.invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    }
    const group = this.group(body, now);
    const descending = body.descending === true;
    const limit = (body.limit as number | undefined) ?? 50;
    const at = now - (ctx.faults.staleStreamMetadataMs ?? 0);
    const binding = `dls:${group.name}`;
    const inToken = body.nextToken as string | undefined;
    let after: [number, string] | undefined;
    if (inToken !== undefined) {
      const st = this.tokens.resolve<DlsState>('dls', binding, inToken, now);
      if (!st || st.orderBy !== orderBy || st.descending !== descending || st.prefix !== prefix) throw logsErrors.invalidToken();
      after = st.after;
    }
    const streams = prefixed(group.sortedStreams(), prefix).filter((s) => s.visibleAt(now));
    const byTime = orderBy === 'LastEventTime';
    const metaCache = new Map<LogStream, StreamMetadata>();
    const meta = (s: LogStream) => {
      let m = metaCache.get(s);
      if (!m) {
        m = this.model.metadata(s, at);
        metaCache.set(s, m);
      }
      return m;
    };
    let items: { s: LogStream; key: [number, string] }[] = streams.map((s) => ({ s, key: [byTime ? (meta(s).lastEventTimestamp ?? 0) : 0, s.name] }));
    const cmp = (a: [number, string], b: [number, string]) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    if (byTime) items.sort((a, b) => cmp(a.key, b.key));
    if (descending) items.reverse();
    if (after) {
      const a = after;
      items = items.filter((x) => (descending ? cmp(x.key, a) < 0 : cmp(x.key, a) > 0));
    }
    let pageItems = items.slice(0, limit);
    let more = items.length > limit;
    const fault = ctx.pageFault;
    if (fault === 'empty-page') {
      pageItems = [];
      more = true;
    } else if (fault === 'partial-page' && pageItems.length > 0) {
      pageItems = pageItems.slice(0, ctx.randomInt(pageItems.length));
      more = true;
    }
    const out: Record<string, unknown> = { logStreams: pageItems.map((x) => meta(x.s)) };
    const lastKey = pageItems.length ? pageItems[pageItems.length - 1]!.key : after;
    if (fault === 'repeat-token' && inToken !== undefined) out.nextToken = inToken;
    else if (more) {
      out.nextToken = this.tokens.issue<DlsState>(
        'dls',
        binding,
        { after: lastKey ?? (descending ? [Infinity, '\uffff'] : [-Infinity, '']), orderBy, descending, prefix },
        now,
      );
    }
    return out;
  }

  // ---- DescribeLogGroups -------------------------------------------------------------------------

  private describeLogGroups(body: Record<string, unknown>, ctx: OpContext): Record<string, unknown> {
    const now = ctx.now;
    const prefix = body.logGroupNamePrefix as string | undefined;
    const pattern = body.logGroupNamePattern as string | undefined;
    if (prefix !== undefined && pattern !== undefined) {
      throw logsErrors.invalidParameter('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.');
    }
    const limit = (body.limit as number | undefined) ?? 50;
    const inToken = body.nextToken as string | undefined;
    let after = '';
    if (inToken !== undefined) {
      const st = this.tokens.resolve<DlgState>('dlg', 'dlg', inToken, now);
      if (!st) throw logsErrors.invalidToken();
      after = st.after;
    }
    const ids = body.logGroupIdentifiers as string[] | undefined;
    const idNames = ids?.map((x) => x.replace(/^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:/, '').replace(/:\*$/, ''));
    const names = this.model
      .groupNames()
      .filter((n) => n > after)
      .filter((n) => (prefix === undefined || n.startsWith(prefix)) && (!pattern || n.toLowerCase().includes(pattern.toLowerCase())))
      .filter((n) => !idNames || idNames.includes(n))
      .filter((n) => this.model.group(n)!.existsAt(now));
    const page = names.slice(0, limit);
    const out: Record<string, unknown> = {
      logGroups: page.map((n) => {
        const arn = this.model.arnOfGroup(n);
        return {
          logGroupName: n,
          creationTime: this.model.group(n)!.creationTimeAt(now),
          metricFilterCount: 0,
          arn: `${arn}:*`,
          storedBytes: 0,
          logGroupClass: 'STANDARD',
          logGroupArn: arn,
        };
      }),
    };
    if (names.length > limit) out.nextToken = this.tokens.issue<DlgState>('dlg', 'dlg', { after: page[page.length - 1]! }, now);
    return out;
  }
}

/** Streams (sorted by name) whose names start with `prefix`, found by binary search. */
function prefixed(sorted: LogStream[], prefix: string | undefined): LogStream[] {
  if (!prefix) return sorted;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (sorted[m]!.name < prefix) lo = m + 1;
    else hi = m;
  }
  const out: LogStream[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.name.startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}
