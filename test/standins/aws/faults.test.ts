import { describe, expect, it } from 'vitest';
import { defaultFaults, FaultEngine, mergeFaults, type FaultDecision, type FaultSettings } from './faults';
import { countByOperation, maxRequestsInWindow, type RecordedRequest } from './request-log';
import { Rng } from './rng';

function engine(settings: Partial<FaultSettings> = {}, seed = 1) {
  const f: FaultSettings = { ...defaultFaults(), quotas: {}, ...settings };
  return new FaultEngine(new Rng(seed), () => f, () => ({ region: 'us-west-2', accountId: '111122223333' }));
}
const kind = (d: FaultDecision) => (d.kind === 'pass' ? `pass${d.pageFault ? ':' + d.pageFault : ''}` : d.fault);

describe('quotas (token bucket on wall time)', () => {
  it('has the documented defaults', () => {
    expect(defaultFaults().quotas).toEqual({ GetLogEvents: 25, FilterLogEvents: 10, DescribeLogStreams: 25 });
  });

  it('lets a burst of `rate` through, throttles the rest with ThrottlingException "Rate exceeded", refills over time', async () => {
    const e = engine({ quotas: { FilterLogEvents: 5 }, retryAfterMs: 300 });
    const burst = Array.from({ length: 8 }, () => e.decide('FilterLogEvents', 'logs', 'arn'));
    expect(burst.map(kind)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'quota', 'quota', 'quota']);
    const t = burst[5]!;
    expect(t.kind === 'error' && [t.error.status, t.error.code, t.error.message, t.retryAfterMs]).toEqual([400, 'ThrottlingException', 'Rate exceeded', 300]);
    expect(kind(e.decide('GetLogEvents', 'logs', 'arn'))).toBe('pass'); // other operations are not limited
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 450)); // 5/s → about 2 tokens back
    const refilled = Math.floor(((performance.now() - t0) / 1000) * 5);
    const after = Array.from({ length: 5 }, () => kind(e.decide('FilterLogEvents', 'logs', 'arn')));
    const passed = after.filter((x) => x === 'pass').length;
    expect(passed).toBeGreaterThanOrEqual(Math.min(5, refilled));
    expect(passed).toBeLessThanOrEqual(Math.min(5, refilled + 1));
    expect(after.at(-1)).toBe(refilled >= 4 ? after.at(-1) : 'quota');
  });
});

describe('scripted faults (failNext)', () => {
  it('applies operation-specific faults first, then wildcard ones, each `count` times', () => {
    const e = engine();
    e.failNext('*', 2, 'internal-error');
    e.failNext('FilterLogEvents', 1, 'throttle');
    e.failNext('FilterLogEvents', 1, { status: 418, code: 'Teapot', message: 'short and stout' });
    expect(e.pending()).toEqual({ '*': 2, FilterLogEvents: 2 });
    const seq = [
      e.decide('FilterLogEvents', 'logs', 'x'),
      e.decide('FilterLogEvents', 'logs', 'x'),
      e.decide('FilterLogEvents', 'logs', 'x'),
      e.decide('DescribeTrainingJob', 'sagemaker', 'x'),
      e.decide('FilterLogEvents', 'logs', 'x'),
    ].map(kind);
    expect(seq).toEqual(['throttle', 'custom:Teapot', 'internal-error', 'internal-error', 'pass']);
    expect(e.pending()).toEqual({});
  });

  it('keeps wildcard page faults for paged operations; maps every named fault', () => {
    const e = engine();
    e.failNext('*', 1, 'empty-page');
    expect(kind(e.decide('DescribeTrainingJob', 'sagemaker', 'x'))).toBe('pass');
    expect(kind(e.decide('GetLogEvents', 'logs', 'x'))).toBe('pass:empty-page');
    const all = ['throttle', 'internal-error', 'unavailable', 'drop-before-response', 'drop-mid-response', 'partial-page', 'repeat-token', 'access-denied', 'unrecognized-client'] as const;
    for (const f of all) e.failNext('FilterLogEvents', 1, f);
    const out = all.map(() => e.decide('FilterLogEvents', 'logs', 'arn:aws:logs:us-west-2:111122223333:log-group:/g:log-stream:'));
    expect(out.map(kind)).toEqual(['throttle', 'internal-error', 'unavailable', 'drop-before-response', 'drop-mid-response', 'pass:partial-page', 'pass:repeat-token', 'access-denied', 'unrecognized-client']);
    const codes = out.map((d) => (d.kind === 'error' ? `${d.error.status} ${d.error.code}` : d.kind));
    expect(codes).toEqual(['400 ThrottlingException', '500 InternalFailure', '503 ServiceUnavailableException', 'drop', 'drop', 'pass', 'pass', '400 AccessDeniedException', '400 UnrecognizedClientException']);
    const denied = out[7]!;
    expect(denied.kind === 'error' && denied.error.message).toBe(
      'User: arn:aws:iam::111122223333:user/smlogs-test is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-west-2:111122223333:log-group:/g:log-stream: because no identity-based policy allows the logs:FilterLogEvents action',
    );
    expect(() => e.failNext('X', 1, 'explode' as never)).toThrow(/unknown fault "explode"/);
  });

  it('denies chosen operations persistently', () => {
    const e = engine({ denied: { StopTrainingJob: 'access-denied' } });
    expect(kind(e.decide('StopTrainingJob', 'sagemaker', 'arn'))).toBe('access-denied');
    expect(kind(e.decide('StopTrainingJob', 'sagemaker', 'arn'))).toBe('access-denied');
    expect(kind(e.decide('DescribeTrainingJob', 'sagemaker', 'arn'))).toBe('pass');
  });
});

describe('probabilistic faults', () => {
  it('are reproducible from the seed and roughly follow the probabilities', () => {
    const run = (seed: number) => {
      const e = engine({ throttleProbability: 0.1, serverErrorProbability: 0.1, dropProbability: 0.1, emptyPageProbability: 0.1 }, seed);
      return Array.from({ length: 2000 }, () => kind(e.decide('FilterLogEvents', 'logs', 'x')));
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    const count = (k: string) => a.filter((x) => x === k).length;
    expect(count('throttle')).toBeGreaterThan(140);
    expect(count('throttle')).toBeLessThan(260);
    expect(count('internal-error') + count('unavailable')).toBeGreaterThan(120);
    expect(count('drop-before-response') + count('drop-mid-response')).toBeGreaterThan(100);
    expect(count('pass:empty-page')).toBeGreaterThan(80);
  });

  it('can be limited to some operations; page faults never hit unpaged operations', () => {
    const e = engine({ throttleProbability: 1, operations: ['GetLogEvents'] });
    expect(kind(e.decide('FilterLogEvents', 'logs', 'x'))).toBe('pass');
    expect(kind(e.decide('GetLogEvents', 'logs', 'x'))).toBe('throttle');
    const p = engine({ emptyPageProbability: 1 });
    expect(kind(p.decide('DescribeTrainingJob', 'sagemaker', 'x'))).toBe('pass');
  });
});

describe('fault settings validation and request-log helpers', () => {
  it('merges partial settings and rejects bad ones with the field path', () => {
    const fail = (p: string, problem: string): never => {
      throw new Error(`${p}: ${problem}`);
    };
    const merged = mergeFaults(defaultFaults(), { quotas: { FilterLogEvents: 'off', DescribeLogGroups: 10 }, latencyMs: 5 }, fail);
    expect(merged.quotas).toEqual({ GetLogEvents: 25, DescribeLogStreams: 25, DescribeLogGroups: 10 });
    expect(merged.latencyMs).toBe(5);
    expect(() => mergeFaults(defaultFaults(), { latencyMs: -1 }, fail)).toThrow('faults.latencyMs: must be a number of milliseconds >= 0, got -1');
    expect(() => mergeFaults(defaultFaults(), { dropProbablity: 0.1 }, fail)).toThrow(/^faults\.dropProbablity: unknown fault setting/);
    expect(() => mergeFaults(defaultFaults(), { denied: { X: 'nope' } }, fail)).toThrow('faults.denied.X: must be "access-denied" or "unrecognized-client", got "nope"');
  });

  it('counts requests and finds the busiest window', () => {
    const r = (op: string, wallTime: number, status = 200) => ({ seq: 0, wallTime, clockTime: 0, service: 'logs', operation: op, body: {}, status }) as RecordedRequest;
    const log = [r('A', 0), r('A', 300), r('B', 500), r('A', 900), r('A', 1300, 400), r('A', 2500)];
    expect(countByOperation(log)).toEqual({ A: 5, B: 1 });
    expect(countByOperation(log, { onlyStatus: 200 })).toEqual({ A: 4, B: 1 });
    expect(maxRequestsInWindow(log, 1000)).toBe(4);
    expect(maxRequestsInWindow(log, 1000, 'A')).toBe(3);
  });
});
