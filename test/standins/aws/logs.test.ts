import { describe, expect, it } from 'vitest';
import { trainingJob } from './builders';
import { apiError, models, T0 } from './test-support';

const G = '/aws/sagemaker/TrainingJobs';
const TOKEN_F = /^f\/\d{56}\/s$/;
const TOKEN_B = /^b\/\d{56}\/s$/;

/** A stand-in with one stream `s` of n events, 1 s apart from T0, ingested 1 s later. */
function oneStream(n: number, msg = (i: number) => `line ${i}`) {
  const m = models();
  m.logs.putLogEvents(G, 'job/algo-1-1', Array.from({ length: n }, (_, i) => ({ timestamp: T0 + i * 1000, message: msg(i), ingestionTime: T0 + i * 1000 + 1000 })));
  m.clock.set(T0 + n * 1000 + 10_000);
  const get = (b: Record<string, unknown> = {}) => m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'job/algo-1-1', ...b });
  return { m, get };
}

describe('GetLogEvents', () => {
  it('returns the newest page by default and the oldest with startFromHead; tokens are f/… and b/…', () => {
    const { get } = oneStream(10);
    const newest = get({ limit: 3 });
    expect(newest.events.map((e: { message: string }) => e.message)).toEqual(['line 7', 'line 8', 'line 9']);
    expect(newest.events[0]).toEqual({ timestamp: T0 + 7000, message: 'line 7', ingestionTime: T0 + 8000 });
    expect(newest.nextForwardToken).toMatch(TOKEN_F);
    expect(newest.nextBackwardToken).toMatch(TOKEN_B);
    const oldest = get({ limit: 3, startFromHead: true });
    expect(oldest.events.map((e: { message: string }) => e.message)).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('pages forward to the end, where it returns the same token it was sent', () => {
    const { get } = oneStream(10);
    let r = get({ limit: 4, startFromHead: true });
    const seen = r.events.map((e: { message: string }) => e.message);
    let token = r.nextForwardToken;
    for (let i = 0; i < 10; i++) {
      r = get({ nextToken: token, startFromHead: true, limit: 4 });
      seen.push(...r.events.map((e: { message: string }) => e.message));
      if (r.nextForwardToken === token) break;
      token = r.nextForwardToken;
    }
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i}`));
    expect(r.events).toEqual([]);
    expect(r.nextForwardToken).toBe(token);
    expect(r.nextBackwardToken).toMatch(TOKEN_B);
  });

  it('pages backward from the newest page to the beginning, where the backward token repeats', () => {
    const { get } = oneStream(10);
    let r = get({ limit: 4 });
    const pages = [r.events.map((e: { message: string }) => e.message)];
    for (;;) {
      const next = get({ nextToken: r.nextBackwardToken, limit: 4 });
      if (next.nextBackwardToken === r.nextBackwardToken) {
        expect(next.events).toEqual([]);
        break;
      }
      pages.unshift(next.events.map((e: { message: string }) => e.message));
      r = next;
    }
    expect(pages.flat()).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i}`));
  });

  it('never returns null tokens, even on an empty stream; a forward token later yields new events', () => {
    const m = models();
    m.logs.createLogStream(G, 'empty', { createdAt: T0 });
    m.clock.set(T0 + 1);
    const r = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'empty' });
    expect(r).toEqual({ events: [], nextForwardToken: expect.stringMatching(TOKEN_F), nextBackwardToken: expect.stringMatching(TOKEN_B) });
    const again = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'empty', nextToken: r.nextForwardToken, startFromHead: true });
    expect(again.nextForwardToken).toBe(r.nextForwardToken);
    m.logs.putLogEvents(G, 'empty', [{ timestamp: T0 + 5, message: 'hello', ingestionTime: T0 + 10 }]);
    m.clock.set(T0 + 10);
    const later = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'empty', nextToken: r.nextForwardToken, startFromHead: true });
    expect(later.events.map((e: { message: string }) => e.message)).toEqual(['hello']);
    expect(later.nextForwardToken).not.toBe(r.nextForwardToken);
  });

  it('treats startTime as inclusive and endTime as exclusive', () => {
    const { get } = oneStream(10);
    const r = get({ startFromHead: true, startTime: T0 + 2000, endTime: T0 + 5000 });
    expect(r.events.map((e: { timestamp: number }) => e.timestamp - T0)).toEqual([2000, 3000, 4000]);
  });

  it('caps a page at 1 MB (UTF-8 bytes + 26 per event) and at 10,000 events', () => {
    const { get } = oneStream(2000, (i) => `${'é'.repeat(499)}${i % 10}`); // 999 bytes
    const r = get({ startFromHead: true });
    expect(r.events).toHaveLength(Math.floor(1_048_576 / (999 + 26)));
    const small = oneStream(12_000);
    expect(small.get({ startFromHead: true }).events).toHaveLength(10_000);
  });

  it('orders by (timestamp, ingestion order) and hides events until ingested', () => {
    const m = models();
    m.logs.putLogEvents(G, 's', [
      { timestamp: T0 + 100, message: 'b', ingestionTime: T0 + 300 },
      { timestamp: T0 + 100, message: 'a', ingestionTime: T0 + 200 },
      { timestamp: T0 + 50, message: 'z', ingestionTime: T0 + 5000 },
      { timestamp: T0 + 100, message: 'c', ingestionTime: T0 + 300 },
    ]);
    m.clock.set(T0 + 300);
    const get = () => m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 's', startFromHead: true }).events.map((e: { message: string }) => e.message);
    expect(get()).toEqual(['a', 'b', 'c']);
    m.clock.set(T0 + 5000);
    expect(get()).toEqual(['z', 'a', 'b', 'c']);
  });

  it('pessimistic tokens: an older event ingested later is skipped by the forward token, found by a fresh query', () => {
    const m = models();
    m.logs.putLogEvents(G, 's', [
      { timestamp: T0 + 1000, message: 'one', ingestionTime: T0 + 1100 },
      { timestamp: T0 + 3000, message: 'three', ingestionTime: T0 + 3100 },
      { timestamp: T0 + 2000, message: 'two (late)', ingestionTime: T0 + 60_000 },
      { timestamp: T0 + 4000, message: 'four', ingestionTime: T0 + 61_000 },
    ]);
    m.clock.set(T0 + 10_000);
    const first = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 's', startFromHead: true });
    expect(first.events.map((e: { message: string }) => e.message)).toEqual(['one', 'three']);
    m.clock.set(T0 + 70_000);
    const next = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 's', startFromHead: true, nextToken: first.nextForwardToken });
    expect(next.events.map((e: { message: string }) => e.message)).toEqual(['four']);
    const fresh = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 's', startFromHead: true });
    expect(fresh.events.map((e: { message: string }) => e.message)).toEqual(['one', 'two (late)', 'three', 'four']);
  });

  it('rejects expired, foreign and made-up tokens', () => {
    const m = models();
    m.logs.putLogEvents(G, 'a', [{ timestamp: T0, message: 'x', ingestionTime: T0 }]);
    m.logs.putLogEvents(G, 'b', [{ timestamp: T0, message: 'y', ingestionTime: T0 }]);
    m.clock.set(T0 + 1000);
    const r = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'a' });
    const bad = (b: Record<string, unknown>) => apiError(() => m.logsOp('GetLogEvents', { logGroupName: G, ...b }));
    for (const e of [bad({ logStreamName: 'b', nextToken: r.nextForwardToken }), bad({ logStreamName: 'a', nextToken: 'f/123/s' })]) {
      expect([e.code, e.message]).toEqual(['InvalidParameterException', 'The specified nextToken is invalid.']);
    }
    m.clock.advance(24 * 3_600_000 - 1000);
    expect(m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'a', nextToken: r.nextForwardToken }).events).toEqual([]);
    m.clock.advance(1001);
    expect(bad({ logStreamName: 'a', nextToken: r.nextForwardToken }).message).toBe('The specified nextToken is invalid.');
  });

  it('answers ResourceNotFoundException for a missing group or stream', () => {
    const m = models({ jobs: [trainingJob({ name: 'j', lifecycle: { at: '1m' }, logs: { generate: [{ count: 3 }] } })] });
    const e1 = apiError(() => m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'x' }));
    expect([e1.status, e1.code, e1.message]).toEqual([400, 'ResourceNotFoundException', 'The specified log group does not exist.']);
    m.clock.set(T0 + 3_600_000);
    const e2 = apiError(() => m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'x' }));
    expect([e2.code, e2.message]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.']);
    const e3 = apiError(() => m.logsOp('FilterLogEvents', { logGroupName: '/aws/sagemaker/Nope' }));
    expect(e3.message).toBe('The specified log group does not exist.');
  });

  it('validates input like the service', () => {
    const { m } = oneStream(1);
    const err = (b: Record<string, unknown>) => apiError(() => m.logsOp('GetLogEvents', b));
    expect(err({ logGroupName: G, logStreamName: 's', limit: 20000 }).message).toBe(
      "1 validation error detected: Value '20000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    expect(err({ logGroupName: G, logStreamName: 's', limit: 0 }).message).toContain("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expect(err({ logGroupName: G }).message).toBe("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
    expect(err({ logGroupName: G, logStreamName: 'a:b*' }).message).toBe(
      "1 validation error detected: Value 'a:b*' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
    );
    expect(err({ logStreamName: 's' }).code).toBe('InvalidParameterException');
    expect(err({ logGroupName: G, logGroupIdentifier: G, logStreamName: 's' }).code).toBe('InvalidParameterException');
    expect(err({ logGroupName: G, logStreamName: 's', startTime: '1' }).code).toBe('SerializationException');
    // A group ARN works as identifier.
    const r = m.logsOp('GetLogEvents', { logGroupIdentifier: `arn:aws:logs:us-west-2:111122223333:log-group:${G}`, logStreamName: 'job/algo-1-1', startFromHead: true });
    expect(r.events).toHaveLength(1);
  });

  it('page faults: an empty page carries a different token at the same position; partial pages; a repeated token', () => {
    const { m, get } = oneStream(10);
    const start = get({ startFromHead: true, limit: 2 });
    const empty = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'job/algo-1-1', startFromHead: true, limit: 2, nextToken: start.nextForwardToken }, 'empty-page');
    expect(empty.events).toEqual([]);
    expect(empty.nextForwardToken).not.toBe(start.nextForwardToken);
    const after = get({ startFromHead: true, limit: 2, nextToken: empty.nextForwardToken });
    expect(after.events.map((e: { message: string }) => e.message)).toEqual(['line 2', 'line 3']);
    const partial = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'job/algo-1-1', startFromHead: true, limit: 6, nextToken: after.nextForwardToken }, 'partial-page', () => 2);
    expect(partial.events.map((e: { message: string }) => e.message)).toEqual(['line 4', 'line 5']);
    expect(get({ startFromHead: true, limit: 1, nextToken: partial.nextForwardToken }).events[0].message).toBe('line 6');
    const repeated = m.logsOp('GetLogEvents', { logGroupName: G, logStreamName: 'job/algo-1-1', startFromHead: true, limit: 2, nextToken: after.nextForwardToken }, 'repeat-token');
    expect(repeated.events).toHaveLength(2);
    expect(repeated.nextForwardToken).toBe(after.nextForwardToken);
  });
});

/** Three streams with interleaved timestamps. */
function threeStreams() {
  const m = models();
  for (let s = 1; s <= 3; s++) {
    m.logs.putLogEvents(G, `job/algo-${s}-1`, Array.from({ length: 20 }, (_, i) => ({ timestamp: T0 + i * 100 + s, message: `s${s} e${i}${i % 5 === 0 ? ' ERROR disk full' : ''}`, ingestionTime: T0 + i * 100 + 500 })));
  }
  m.logs.putLogEvents(G, 'job-v2/algo-1-1', [{ timestamp: T0, message: 'other job', ingestionTime: T0 }]);
  m.clock.set(T0 + 60_000);
  const filter = (b: Record<string, unknown> = {}, fault?: 'empty-page' | 'partial-page' | 'repeat-token') => m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNamePrefix: 'job/', ...b }, fault);
  return { m, filter };
}

describe('FilterLogEvents', () => {
  it('interleaves streams in (timestamp, ingestionTime, seq) order with unique stable 56-digit eventIds', () => {
    const { filter } = threeStreams();
    const r = filter();
    expect(r.searchedLogStreams).toEqual([]);
    expect('nextToken' in r).toBe(false);
    expect(r.events).toHaveLength(60);
    const ts = r.events.map((e: { timestamp: number }) => e.timestamp);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(r.events.slice(0, 3).map((e: { logStreamName: string }) => e.logStreamName)).toEqual(['job/algo-1-1', 'job/algo-2-1', 'job/algo-3-1']);
    const ids = r.events.map((e: { eventId: string }) => e.eventId);
    expect(new Set(ids).size).toBe(60);
    for (const id of ids) expect(id).toMatch(/^\d{56}$/);
    expect(filter().events.map((e: { eventId: string }) => e.eventId)).toEqual(ids);
    expect(Object.keys(r.events[0]).sort()).toEqual(['eventId', 'ingestionTime', 'logStreamName', 'message', 'timestamp']);
  });

  it('pages with nextToken and omits it on the last page; every event exactly once', () => {
    const { filter } = threeStreams();
    const seen: string[] = [];
    let r = filter({ limit: 7 });
    let pages = 1;
    seen.push(...r.events.map((e: { eventId: string }) => e.eventId));
    while (r.nextToken) {
      r = filter({ limit: 7, nextToken: r.nextToken });
      pages++;
      seen.push(...r.events.map((e: { eventId: string }) => e.eventId));
    }
    expect(pages).toBe(9);
    expect(seen).toEqual(filter().events.map((e: { eventId: string }) => e.eventId));
    // A page that ends exactly at the last event has no nextToken.
    expect('nextToken' in filter({ limit: 60 })).toBe(false);
  });

  it('selects streams by prefix (with the slash) or by names, not both', () => {
    const { m, filter } = threeStreams();
    expect(filter().events.some((e: { message: string }) => e.message === 'other job')).toBe(false);
    const byNames = m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNames: ['job/algo-2-1', 'job-v2/algo-1-1', 'missing'] });
    expect(new Set(byNames.events.map((e: { logStreamName: string }) => e.logStreamName))).toEqual(new Set(['job/algo-2-1', 'job-v2/algo-1-1']));
    expect(m.logsOp('FilterLogEvents', { logGroupName: G }).events).toHaveLength(61);
    const both = apiError(() => m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNames: ['a'], logStreamNamePrefix: 'job/' }));
    expect(both.code).toBe('InvalidParameterException');
    const many = apiError(() => m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNames: Array.from({ length: 101 }, (_, i) => `s${i}`) }));
    expect(many.message).toMatch(/^1 validation error detected: Value '\[s0, s1, .*s100\]' at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100$/);
  });

  it('treats startTime and endTime as inclusive, and applies filter patterns', () => {
    const { filter } = threeStreams();
    const r = filter({ startTime: T0 + 101, endTime: T0 + 201 });
    expect(r.events.map((e: { timestamp: number }) => e.timestamp - T0)).toEqual([101, 102, 103, 201]);
    expect(filter({ filterPattern: 'ERROR "disk full"' }).events).toHaveLength(12);
    expect(filter({ filterPattern: 'ERROR -s2' }).events).toHaveLength(8);
  });

  it('pessimistic nextToken: a late event in another stream with an older timestamp is skipped; a fresh query finds it', () => {
    const m = models();
    m.logs.putLogEvents(G, 'job/algo-1-1', [0, 1, 2, 3].map((i) => ({ timestamp: T0 + i * 1000, message: `fast ${i}`, ingestionTime: T0 + i * 1000 + 100 })));
    m.logs.putLogEvents(G, 'job/algo-2-1', [{ timestamp: T0 + 1500, message: 'slow', ingestionTime: T0 + 30_000 }]);
    m.clock.set(T0 + 3200);
    const p1 = m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNamePrefix: 'job/', limit: 3 });
    expect(p1.events.map((e: { message: string }) => e.message)).toEqual(['fast 0', 'fast 1', 'fast 2']);
    expect(p1.nextToken).toBeDefined();
    // 'slow' (timestamp 1500) is ingested at 30 s, after the token was positioned at 'fast 2' (2000).
    m.clock.set(T0 + 40_000);
    const follow = m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNamePrefix: 'job/', nextToken: p1.nextToken });
    expect(follow.events.map((e: { message: string }) => e.message)).toEqual(['fast 3']);
    expect('nextToken' in follow).toBe(false);
    const fresh = m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNamePrefix: 'job/' });
    expect(fresh.events.map((e: { message: string }) => e.message)).toEqual(['fast 0', 'fast 1', 'slow', 'fast 2', 'fast 3']);
  });

  it('startFromHead=false returns newest first (startTime >= 2024 required)', () => {
    const { m, filter } = threeStreams();
    const r = filter({ startFromHead: false, startTime: T0, limit: 4 });
    expect(r.events.map((e: { timestamp: number }) => e.timestamp - T0)).toEqual([1903, 1902, 1901, 1803]);
    const r2 = filter({ startFromHead: false, startTime: T0, limit: 2, nextToken: r.nextToken });
    expect(r2.events.map((e: { timestamp: number }) => e.timestamp - T0)).toEqual([1802, 1801]);
    expect(apiError(() => m.logsOp('FilterLogEvents', { logGroupName: G, startFromHead: false })).code).toBe('InvalidParameterException');
  });

  it('page faults: empty pages with a token, partial pages, a repeated nextToken', () => {
    const { filter } = threeStreams();
    const empty = filter({ limit: 10 }, 'empty-page');
    expect(empty.events).toEqual([]);
    expect(typeof empty.nextToken).toBe('string');
    const cont = filter({ limit: 10, nextToken: empty.nextToken });
    expect(cont.events[0].message).toBe('s1 e0 ERROR disk full');
    const partial = filter({ limit: 10, nextToken: cont.nextToken }, 'partial-page');
    expect(partial.events).toHaveLength(5);
    const afterPartial = filter({ limit: 1, nextToken: partial.nextToken });
    expect(afterPartial.events[0].eventId).toBe(filter().events[15].eventId);
    const last = filter({ limit: 100 }, 'repeat-token');
    expect(last.events).toHaveLength(60);
    const again = filter({ limit: 100, nextToken: last.nextToken }, 'repeat-token');
    expect(again.nextToken).toBe(last.nextToken);
    expect(again.events).toHaveLength(60);
  });
});

describe('DescribeLogStreams and DescribeLogGroups', () => {
  function streams() {
    const m = models();
    const put = (name: string, ts: number) => m.logs.putLogEvents(G, name, [{ timestamp: T0 + ts, message: 'x', ingestionTime: T0 + ts + 10 }]);
    put('b/algo-1-1', 5000);
    put('a/algo-1-1', 1000);
    put('c/algo-1-1', 3000);
    m.logs.createLogStream(G, 'd/empty', { createdAt: T0 });
    m.clock.set(T0 + 10_000);
    const dls = (b: Record<string, unknown> = {}) => m.logsOp('DescribeLogStreams', { logGroupName: G, ...b });
    return { m, dls };
  }

  it('orders by name (default) or LastEventTime, ascending or descending, and pages', () => {
    const { dls } = streams();
    const names = (r: { logStreams: { logStreamName: string }[] }) => r.logStreams.map((s) => s.logStreamName);
    expect(names(dls())).toEqual(['a/algo-1-1', 'b/algo-1-1', 'c/algo-1-1', 'd/empty']);
    expect(names(dls({ descending: true }))).toEqual(['d/empty', 'c/algo-1-1', 'b/algo-1-1', 'a/algo-1-1']);
    expect(names(dls({ orderBy: 'LastEventTime', descending: true }))).toEqual(['b/algo-1-1', 'c/algo-1-1', 'a/algo-1-1', 'd/empty']);
    const p1 = dls({ limit: 3 });
    expect(names(p1)).toEqual(['a/algo-1-1', 'b/algo-1-1', 'c/algo-1-1']);
    const p2 = dls({ limit: 3, nextToken: p1.nextToken });
    expect(names(p2)).toEqual(['d/empty']);
    expect('nextToken' in p2).toBe(false);
    expect(names(dls({ logStreamNamePrefix: 'b/' }))).toEqual(['b/algo-1-1']);
  });

  it('shows the stream fields, omitting event fields for a stream without visible events', () => {
    const { dls } = streams();
    const [a] = dls({ logStreamNamePrefix: 'a/' }).logStreams;
    expect(a).toEqual({
      logStreamName: 'a/algo-1-1',
      creationTime: T0 + 1000,
      firstEventTimestamp: T0 + 1000,
      lastEventTimestamp: T0 + 1000,
      lastIngestionTime: T0 + 1010,
      uploadSequenceToken: expect.stringMatching(/^\d{56}$/),
      arn: `arn:aws:logs:us-west-2:111122223333:log-group:${G}:log-stream:a/algo-1-1`,
      storedBytes: 0,
    });
    const [d] = dls({ logStreamNamePrefix: 'd/' }).logStreams;
    expect(Object.keys(d).sort()).toEqual(['arn', 'creationTime', 'logStreamName', 'storedBytes']);
  });

  it('rejects LastEventTime with a prefix and a limit above 50', () => {
    const { dls } = streams();
    const e = apiError(() => dls({ orderBy: 'LastEventTime', logStreamNamePrefix: 'a' }));
    expect([e.code, e.message]).toEqual(['InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.']);
    expect(apiError(() => dls({ limit: 51 })).message).toContain('Member must have value less than or equal to 50');
  });

  it('can show stale lastEventTimestamp / lastIngestionTime', () => {
    const { m, dls } = streams();
    m.faults.staleStreamMetadataMs = 6000;
    const [b] = dls({ logStreamNamePrefix: 'b/' }).logStreams;
    expect(b.lastEventTimestamp).toBeUndefined();
    const [a] = dls({ logStreamNamePrefix: 'a/' }).logStreams;
    expect(a.lastEventTimestamp).toBe(T0 + 1000);
  });

  it('DescribeLogGroups lists the groups that exist now', () => {
    const m = models({ jobs: [trainingJob({ name: 'j', lifecycle: { at: '1m' }, logs: { generate: [{ count: 1 }] } })], logGroups: [{ name: '/aws/sagemaker/Endpoints/old' }] });
    const names = () => m.logsOp('DescribeLogGroups', { logGroupNamePrefix: '/aws/sagemaker/' }).logGroups.map((g: { logGroupName: string }) => g.logGroupName);
    expect(names()).toEqual(['/aws/sagemaker/Endpoints/old']);
    m.clock.set(T0 + 3_600_000);
    expect(names()).toEqual(['/aws/sagemaker/Endpoints/old', G]);
    const [g] = m.logsOp('DescribeLogGroups', { logGroupNamePrefix: G }).logGroups;
    expect(g).toMatchObject({ logGroupName: G, arn: `arn:aws:logs:us-west-2:111122223333:log-group:${G}:*`, storedBytes: 0 });
  });
});
