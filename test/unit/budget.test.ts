import { describe, expect, it } from 'vitest';
import { CallBudget, DEFAULT_RATES, parseRates } from '../../src/logs/budget';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('CallBudget', () => {
  it('allows one second of burst, then the configured rate', () => {
    const c = clock();
    const b = new CallBudget({ GetLogEvents: 5, FilterLogEvents: 2, DescribeLogStreams: 1 }, c.now);
    const waits = Array.from({ length: 8 }, () => b.reserve('GetLogEvents'));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5)).toEqual([200, 400, 600]);
  });

  it('sustains exactly the rate over time', () => {
    const c = clock();
    const b = new CallBudget({ ...DEFAULT_RATES, FilterLogEvents: 4 }, c.now);
    let made = 0;
    // 10 simulated seconds, asking every 10 ms and only calling when allowed now.
    const start = c.now();
    while (c.now() - start < 10_000) {
      c.advance(b.reserve('FilterLogEvents'));
      made++;
    }
    // 4/s for ~10 s plus the initial burst of 4.
    expect(made).toBeGreaterThanOrEqual(40);
    expect(made).toBeLessThanOrEqual(46);
  });

  it('halves the rate on throttling and recovers over time', () => {
    const c = clock();
    const b = new CallBudget({ GetLogEvents: 10, FilterLogEvents: 4, DescribeLogStreams: 4 }, c.now);
    expect(b.rate('GetLogEvents')).toBe(10);
    b.throttled('GetLogEvents');
    expect(b.rate('GetLogEvents')).toBe(5);
    // The next call waits a full interval at the new rate.
    expect(b.reserve('GetLogEvents')).toBeGreaterThanOrEqual(200);
    b.throttled('GetLogEvents');
    expect(b.rate('GetLogEvents')).toBe(2.5);
    c.advance(10_000);
    expect(b.rate('GetLogEvents')).toBeCloseTo(7.5);
    c.advance(60_000);
    expect(b.rate('GetLogEvents')).toBe(10);
    expect(b.stats().GetLogEvents.throttles).toBe(2);
    // Other operations are untouched.
    expect(b.rate('FilterLogEvents')).toBe(4);
  });

  it('halves once for calls throttled together, again only for a call sent after that', () => {
    const c = clock();
    const b = new CallBudget({ GetLogEvents: 24, FilterLogEvents: 4, DescribeLogStreams: 4 }, c.now);
    // Six calls in flight at once, all throttled: one excess, one halving.
    const sent = Array.from({ length: 6 }, () => b.generation('GetLogEvents'));
    for (const g of sent) b.throttled('GetLogEvents', g);
    expect(b.rate('GetLogEvents')).toBe(12);
    expect(b.stats().GetLogEvents.throttles).toBe(6);
    // A call sent at the reduced rate and still throttled: the reduced rate is too high too.
    b.throttled('GetLogEvents', b.generation('GetLogEvents'));
    expect(b.rate('GetLogEvents')).toBe(6);
  });

  it('never goes below a floor', () => {
    const c = clock();
    const b = new CallBudget({ GetLogEvents: 1, FilterLogEvents: 1, DescribeLogStreams: 1 }, c.now);
    for (let i = 0; i < 20; i++) b.throttled('DescribeLogStreams');
    expect(b.rate('DescribeLogStreams')).toBe(0.2);
  });

  it('waits for real in acquire()', async () => {
    const b = new CallBudget({ GetLogEvents: 20, FilterLogEvents: 1, DescribeLogStreams: 1 });
    const t0 = Date.now();
    for (let i = 0; i < 22; i++) await b.acquire('GetLogEvents');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
  });
});

describe('parseRates', () => {
  it('takes one number for all operations', () => {
    expect(parseRates('4')).toEqual({ GetLogEvents: 4, FilterLogEvents: 4, DescribeLogStreams: 4 });
  });
  it('takes per-operation values over the defaults, case-insensitively', () => {
    expect(parseRates('getlogevents=10, FilterLogEvents=2.5')).toEqual({ ...DEFAULT_RATES, GetLogEvents: 10, FilterLogEvents: 2.5 });
  });
  it.each(['0', 'x', 'GetLogEvents=0', 'Foo=1', 'GetLogEvents'])('refuses %j', (t) => expect(typeof parseRates(t)).toBe('string'));
});
