import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scopeForJob } from '../../src/logs/scope';
import { startAwsStandIn, type AwsStandIn } from '../standins/aws';
import { FAST_FOLLOW, multiset, startTail, until } from './engine-support';

const GROUP = '/aws/sagemaker/TrainingJobs';
const JOB = 'follow-job';
const scope = scopeForJob({ type: 'training', name: JOB, region: 'us-west-2' });
const stream = (i: number, epoch = 1755684000): string => `${JOB}/algo-${i}-${epoch}`;

let aws: AwsStandIn;
beforeAll(async () => {
  aws = await startAwsStandIn();
});
afterAll(() => aws.close());
beforeEach(() => aws.reset());

type Scripted = { stream: string; timestamp: number; message: string };

/** Puts events ingested now (or at `ingestAt`), and remembers them as expected output. */
function put(list: Scripted[], s: string, events: Array<{ ts: number; msg: string; ingestAt?: number }>): void {
  aws.logs.putLogEvents(
    GROUP,
    s,
    events.map((e) => ({ timestamp: e.ts, message: e.msg, ingestionTime: e.ingestAt ?? Date.now() })),
  );
  for (const e of events) list.push({ stream: s, timestamp: e.ts, message: e.msg });
}

describe('following', () => {
  it('prints late events of another instance and of the same instance, once', async () => {
    const want: Scripted[] = [];
    const now = Date.now();
    put(want, stream(1), [{ ts: now - 3000, msg: 'a1' }, { ts: now - 2000, msg: 'a2' }]);
    put(want, stream(2), [{ ts: now - 2500, msg: 'b1' }]);
    const run = startTail(aws, { scope, follow: true });
    await until(() => run.out.lines.length === 3, 5000, 'the backlog');
    // algo-2's agent was late: 20 s old lines arrive now, older than anything printed.
    put(want, stream(2), [{ ts: now - 20_000, msg: 'b-late-1' }, { ts: now - 19_000, msg: 'b-late-2' }]);
    // And algo-1 itself sends one line out of order.
    put(want, stream(1), [{ ts: now - 2500, msg: 'a-late' }, { ts: Date.now(), msg: 'a3' }]);
    await until(() => run.out.lines.length === 7, 5000, 'the late lines');
    run.tail.requestDrain();
    await run.done;
    expect(multiset(run.out.lines)).toEqual(multiset(want));
    expect(run.out.lines.slice(0, 3).map((l) => l.message)).toEqual(['a1', 'b1', 'a2']);
  });

  it('reads an instance that starts (or restarts) mid-follow from its first line, even far in the past', async () => {
    const want: Scripted[] = [];
    const now = Date.now();
    put(want, stream(1), [{ ts: now - 1000, msg: 'first' }]);
    const run = startTail(aws, { scope, follow: true });
    await until(() => run.out.lines.length === 1, 5000, 'the first line');
    // A restart: a new stream whose first lines are ten minutes old (buffered before shipping).
    put(want, stream(1, 1755689999), [{ ts: now - 600_000, msg: 'restart-old' }, { ts: now, msg: 'restart-new' }]);
    put(want, stream(3), [{ ts: now - 300_000, msg: 'algo-3 buffered' }]);
    await until(() => run.out.lines.length === 4, 5000, 'the new streams');
    expect(run.out.opened).toEqual([stream(1), stream(1, 1755689999), stream(3)]);
    run.tail.requestDrain();
    await run.done;
    expect(multiset(run.out.lines)).toEqual(multiset(want));
    // Both streams of algo-1 are one host.
    expect(new Set(run.out.lines.filter((l) => l.stream.includes('algo-1')).map((l) => l.source.label))).toEqual(new Set(['algo-1']));
  });

  it('drains: lines ingested during the grace period after the end are printed, then it returns', async () => {
    const want: Scripted[] = [];
    const now = Date.now();
    put(want, stream(1), [{ ts: now, msg: 'running' }]);
    const run = startTail(aws, { scope, follow: true, tuning: { ...FAST_FOLLOW, drainGraceMs: 600 } });
    await until(() => run.out.lines.length === 1, 5000);
    // The job's last line, ingested 300 ms after the job was seen to end.
    put(want, stream(1), [{ ts: now + 10, msg: 'last line', ingestAt: Date.now() + 300 }]);
    run.tail.requestDrain();
    const t0 = Date.now();
    await run.done;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(run.out.lines.map((l) => l.message)).toEqual(['running', 'last line']);
  });

  it('drains: a final read that fails (5xx beyond its retries) is tried again, never given up on', async () => {
    // Found by the soak: the last read after the job ended ran once; when it failed the follower
    // returned anyway, and the final seconds of every instance were never printed.
    const want: Scripted[] = [];
    const now = Date.now();
    put(want, stream(1), [{ ts: now, msg: 'running' }]);
    const run = startTail(aws, { scope, follow: true, tuning: { ...FAST_FOLLOW, drainGraceMs: 200 } });
    await until(() => run.out.lines.length === 1, 5000);
    put(want, stream(1), [{ ts: now + 10, msg: 'last line', ingestAt: Date.now() + 100 }]);
    // More consecutive failures than one read's retries (FAST_RETRY: 30).
    aws.failNext('GetLogEvents', 40, 'internal-error');
    run.tail.requestDrain();
    await run.done;
    expect(run.out.lines.map((l) => l.message)).toEqual(['running', 'last line']);
    expect(run.out.notices.some((n) => n.includes('still following, retrying'))).toBe(true);
  });

  it('drains: the final read takes every page, however many the last lines fill', async () => {
    // Found by the soak: the final reads were cut after the page reaching the first page's newest
    // ingestion time (the live loop's stop), so when the window re-read at the end filled more
    // than two FilterLogEvents pages, the last lines of every instance were never printed.
    const want: Scripted[] = [];
    const t0 = Date.now();
    // 12,000 lines printed while running (5 instances, so one FilterLogEvents per read)...
    for (let i = 1; i <= 5; i++) put(want, stream(i), Array.from({ length: 2400 }, (_, k) => ({ ts: t0 - 19_200 + k * 8, msg: `run-${i}-${k}` })));
    const run = startTail(aws, { scope, follow: true, tuning: { ...FAST_FOLLOW, drainGraceMs: 100 } });
    await until(() => run.out.lines.length === 12_000, 10_000, 'the lines while running');
    await new Promise((r) => setTimeout(r, 1000));
    // ...and 12,000 last ones, newer than everything so far: 24,000 in the final window, 3 pages.
    for (let i = 1; i <= 5; i++) put(want, stream(i), Array.from({ length: 2400 }, (_, k) => ({ ts: t0 + 1 + Math.floor(k * 0.4), msg: `last-${i}-${k}` })));
    run.tail.requestDrain();
    await run.done;
    expect(run.out.lines.length).toBe(want.length);
    expect(multiset(run.out.lines)).toEqual(multiset(want));
  });

  it('a job that ended long ago drains without waiting', async () => {
    const want: Scripted[] = [];
    put(want, stream(1), [{ ts: Date.now() - 60_000, msg: 'old' }]);
    const run = startTail(aws, { scope, follow: true, tuning: { ...FAST_FOLLOW, drainGraceMs: 5000 } });
    run.tail.requestDrain(Date.now() - 60_000);
    const t0 = Date.now();
    await run.done;
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(run.out.lines.map((l) => l.message)).toEqual(['old']);
  });

  it('--tail N then follow never prints what the tail cut', async () => {
    const want: Scripted[] = [];
    const now = Date.now();
    const old = Array.from({ length: 20 }, (_, k) => ({ ts: now - 5000 + k, msg: `old-${k}` }));
    put(want, stream(1), old);
    const run = startTail(aws, { scope, follow: true, tail: 3 });
    await until(() => run.out.lines.length === 3, 5000);
    put(want, stream(1), [{ ts: Date.now(), msg: 'new' }]);
    await until(() => run.out.lines.length === 4, 5000);
    await new Promise((r) => setTimeout(r, 800)); // a sweep re-reads the whole window
    run.tail.requestDrain();
    await run.done;
    expect(run.out.lines.map((l) => l.message)).toEqual(['old-17', 'old-18', 'old-19', 'new']);
  });

  it('many instances: one FilterLogEvents per poll, late lines still caught, under faults', async () => {
    const want: Scripted[] = [];
    const now = Date.now();
    for (let i = 1; i <= 8; i++) put(want, stream(i), [{ ts: now - 1000 + i, msg: `hello from ${i}` }]);
    aws.setFaults({ serverErrorProbability: 0.15, throttleProbability: 0.1, emptyPageProbability: 0.2 });
    const run = startTail(aws, { scope, follow: true });
    await until(() => run.out.lines.length === 8, 8000, 'the backlog');
    for (let round = 0; round < 5; round++) {
      for (let i = 1; i <= 8; i++) put(want, stream(i), [{ ts: Date.now(), msg: `r${round}-${i}` }]);
      put(want, stream((round % 8) + 1), [{ ts: now - 30_000 - round, msg: `late-${round}` }]);
      await new Promise((r) => setTimeout(r, 150));
    }
    await until(() => run.out.lines.length === want.length, 10_000, 'all lines');
    await new Promise((r) => setTimeout(r, 700));
    run.tail.requestDrain();
    await run.done;
    aws.setFaults({ serverErrorProbability: 0, throttleProbability: 0, emptyPageProbability: 0 });
    expect(multiset(run.out.lines)).toEqual(multiset(want));
    const sinceStart = aws.requests.filter((r) => r.operation === 'FilterLogEvents');
    expect(sinceStart.length).toBeGreaterThan(3);
    expect(sinceStart.every((r) => r.body.logStreamNamePrefix === `${JOB}/`)).toBe(true);
  });

  it('new streams that keep writing are read up to now, not chased: known streams stay live and lose nothing', async () => {
    // Found by the soak (npm run soak): GetLogEvents only says "end" by returning the token it was
    // sent, so reading a busy new stream "to its end" chased it for as long as it was written.
    // Meanwhile no poll ran, and the lines a known stream wrote during the chase fell below the
    // window of the next poll, which had moved on with the chased streams' ingestion times.
    const want: Scripted[] = [];
    const now = Date.now();
    put(want, stream(1), [{ ts: now - 500, msg: 'known' }]);
    aws.setFaults({ latencyMs: 40 });
    const tuning = { ...FAST_FOLLOW, latenessMs: 1500, hotLagMs: 300, sweepEveryMs: 500 };
    const run = startTail(aws, { scope, follow: true, tuning });
    await until(() => run.out.lines.length === 1, 5000, 'the first line');
    let k = 0;
    const writer = setInterval(() => {
      for (let i = 2; i <= 5; i++) put(want, stream(i), [{ ts: Date.now(), msg: `busy-${i}-${k}` }]);
      k++;
    }, 20);
    try {
      await new Promise((r) => setTimeout(r, 400));
      put(want, stream(1), [{ ts: Date.now(), msg: 'known-live' }]);
      // Printed while the new streams are still busy: nothing waits for them to go quiet.
      await until(() => run.out.lines.some((l) => l.message === 'known-live'), 2500, 'the known stream\'s line while others write');
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      clearInterval(writer);
      aws.setFaults({ latencyMs: 0 });
    }
    await new Promise((r) => setTimeout(r, 500));
    run.tail.requestDrain();
    await run.done;
    expect(multiset(run.out.lines)).toEqual(multiset(want));
  });

  it.each([
    ['ahead of', 20_000],
    ['behind', -20_000],
  ])('a local clock 20 s %s AWS\'s: the catch-up does not chase busy streams, and nothing is lost', async (_how, skewMs) => {
    // The catch-up stops at "now": this machine's now, unless the streams' own newest ingestion
    // (AWS's clock) says it is earlier. Bounded by a clock running ahead alone, it read streams
    // still being written until AWS's clock caught up, printing nothing else meanwhile.
    const want: Scripted[] = [];
    const now = Date.now();
    for (let i = 1; i <= 3; i++) put(want, stream(i), [{ ts: now - 2000, msg: `backlog-${i}` }]);
    // Written faster than a 40 ms call can read: no read ever finds a stream's end unchanged.
    aws.setFaults({ latencyMs: 40 });
    let k = 0;
    const writer = setInterval(() => {
      for (let i = 1; i <= 3; i++) put(want, stream(i), [{ ts: Date.now(), msg: `busy-${i}-${k}` }]);
      k++;
    }, 10);
    const run = startTail(aws, { scope, follow: true, now: () => Date.now() + skewMs });
    try {
      await until(() => run.out.lines.length >= 3, 3000, 'the backlog');
      await new Promise((r) => setTimeout(r, 300));
      put(want, stream(2), [{ ts: Date.now() - 5000, msg: 'late' }]);
      await until(() => run.out.lines.some((l) => l.message === 'late'), 4000, 'a late line while the streams are busy');
    } finally {
      clearInterval(writer);
      aws.setFaults({ latencyMs: 0 });
    }
    await new Promise((r) => setTimeout(r, 400));
    run.tail.requestDrain();
    await run.done;
    expect(multiset(run.out.lines)).toEqual(multiset(want));
  });

  it('waits for a log group that does not exist yet', async () => {
    const run = startTail(aws, { scope, follow: true });
    await new Promise((r) => setTimeout(r, 400));
    expect(run.out.lines).toHaveLength(0);
    const want: Scripted[] = [];
    put(want, stream(1), [{ ts: Date.now(), msg: 'finally' }]);
    await until(() => run.out.lines.length === 1, 5000);
    run.tail.requestDrain();
    await run.done;
    expect(run.out.lines[0]!.message).toBe('finally');
  });
});
