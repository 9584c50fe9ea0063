import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scopeForJob } from '../../src/logs/scope';
import { startAwsStandIn, type AwsStandIn } from '../standins/aws';
import { assertOrdered, multiset, startTail } from './engine-support';

const GROUP = '/aws/sagemaker/TrainingJobs';
const JOB = 'catchup-job';
const scope = scopeForJob({ type: 'training', name: JOB, region: 'us-west-2' });
const T0 = Date.UTC(2026, 7, 20, 10, 0, 0);

let aws: AwsStandIn;
beforeAll(async () => {
  aws = await startAwsStandIn();
});
afterAll(() => aws.close());

/**
 * Three instances whose events share milliseconds (bursts of identical lines too), messages long
 * enough that the 1 MB page cap splits streams, and a decoy job named like a prefix of ours.
 */
function script(): Array<{ stream: string; timestamp: number; message: string }> {
  aws.reset();
  const all: Array<{ stream: string; timestamp: number; message: string }> = [];
  for (let i = 1; i <= 3; i++) {
    const stream = `${JOB}/algo-${i}-1755684000`;
    const events = [];
    for (let k = 0; k < 3000; k++) {
      const ts = T0 + Math.floor(k / 4) * 7 + i; // four events per millisecond per stream
      const message = k % 50 === 0 ? '' : `[algo-${i}] step ${k} ${'x'.repeat(420)}`;
      events.push({ timestamp: ts, message, ingestionTime: ts + 500 });
      all.push({ stream, timestamp: ts, message });
    }
    aws.logs.putLogEvents(GROUP, stream, events);
  }
  aws.logs.putLogEvents(GROUP, `${JOB}-v2/algo-1-1755684000`, [{ timestamp: T0 + 5, message: 'not ours', ingestionTime: T0 + 10 }]);
  return all;
}

describe('catch-up prints every event exactly once, in order', () => {
  let scripted: ReturnType<typeof script>;
  beforeEach(() => {
    scripted = script();
  });

  it('clean service', async () => {
    const run = startTail(aws, { scope });
    const summary = await run.done;
    expect(summary.streams).toBe(3);
    expect(run.out.lines).toHaveLength(scripted.length);
    expect(multiset(run.out.lines)).toEqual(multiset(scripted));
    assertOrdered(run.out.lines);
    // Per stream, the service's own order is kept.
    for (let i = 1; i <= 3; i++) {
      const mine = run.out.lines.filter((l) => l.source.instance === `algo-${i}`).map((l) => l.message);
      expect(mine).toEqual(scripted.filter((s) => s.stream.includes(`algo-${i}-`)).map((s) => s.message));
    }
    // Per-stream reads: no FilterLogEvents needed, several GetLogEvents pages per stream (1 MB cap).
    const ops = aws.requests.map((r) => r.operation);
    expect(ops.filter((o) => o === 'FilterLogEvents')).toHaveLength(0);
    expect(ops.filter((o) => o === "GetLogEvents").length).toBeGreaterThanOrEqual(9);
  });

  it.each([
    ['throttling', { throttleProbability: 0.3 }],
    ['5xx', { serverErrorProbability: 0.3 }],
    ['dropped connections', { dropProbability: 0.25 }],
    ['empty pages with tokens', { emptyPageProbability: 0.4 }],
    ['partial pages', { partialPageProbability: 0.5 }],
    ['repeated tokens', { repeatTokenProbability: 0.3 }],
    ['everything at once', { throttleProbability: 0.1, serverErrorProbability: 0.1, dropProbability: 0.1, emptyPageProbability: 0.2, partialPageProbability: 0.2 }],
  ])('under %s', async (_name, faults) => {
    aws.setFaults(faults);
    try {
      const run = startTail(aws, { scope });
      await run.done;
      expect(multiset(run.out.lines)).toEqual(multiset(scripted));
      assertOrdered(run.out.lines);
      const faulted = aws.requests.filter((r) => r.fault !== undefined || r.status >= 400);
      expect(faulted.length).toBeGreaterThan(0);
    } finally {
      aws.setFaults({ throttleProbability: 0, serverErrorProbability: 0, dropProbability: 0, emptyPageProbability: 0, partialPageProbability: 0, repeatTokenProbability: 0 });
    }
  });

  it('the same through FilterLogEvents (filter pattern), under faults', async () => {
    aws.setFaults({ emptyPageProbability: 0.3, serverErrorProbability: 0.2, repeatTokenProbability: 0.1 });
    try {
      const run = startTail(aws, { scope, pattern: 'step' });
      await run.done;
      const want = scripted.filter((s) => s.message.includes('step'));
      expect(multiset(run.out.lines)).toEqual(multiset(want));
      assertOrdered(run.out.lines);
      expect(aws.requests.some((r) => r.operation === 'FilterLogEvents' && r.body.filterPattern === 'step' && r.body.logStreamNamePrefix === `${JOB}/`)).toBe(true);
    } finally {
      aws.setFaults({ emptyPageProbability: 0, serverErrorProbability: 0, repeatTokenProbability: 0 });
    }
  });

  it('--tail N: the last N of each stream, merged by time', async () => {
    const run = startTail(aws, { scope, tail: 5 });
    await run.done;
    const want = [1, 2, 3].flatMap((i) => scripted.filter((s) => s.stream.includes(`algo-${i}-`)).slice(-5));
    expect(multiset(run.out.lines)).toEqual(multiset(want));
    assertOrdered(run.out.lines);
    const gets = aws.requests.filter((r) => r.operation === 'GetLogEvents');
    expect(gets.every((r) => r.body.startFromHead !== true)).toBe(true);
  });

  it('a time window, inclusive at both ends', async () => {
    const since = T0 + 700;
    const until = T0 + 1400;
    const run = startTail(aws, { scope, window: { since, until } });
    await run.done;
    const want = scripted.filter((s) => s.timestamp >= since && s.timestamp <= until);
    expect(want.length).toBeGreaterThan(100);
    expect(multiset(run.out.lines)).toEqual(multiset(want));
  });

  it('a group that does not exist yet is no error', async () => {
    const run = startTail(aws, { scope: scopeForJob({ type: 'processing', name: 'nothing', region: 'us-west-2' }) });
    expect(await run.done).toEqual({ groupExists: false, streams: 0, printed: 0 });
  });
});
