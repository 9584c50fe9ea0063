import { describe, expect, it } from 'vitest';
import { compareKeys, EventStore, explicitSegment, KEY_END, KEY_START } from './event-store';
import { GeneratorSegment, generatedTs } from './generators';

function gen(from: number, to: number, count: number, seqBase: number, extra: Partial<ConstructorParameters<typeof GeneratorSegment>[0]> = {}) {
  return new GeneratorSegment({ from, to, count, delay: 1000, jitter: 0, batch: 0, seed: 7, render: (i) => `g${seqBase}-${i}`, seqBase, ...extra });
}

describe('EventStore', () => {
  it('merges segments lazily into (timestamp, ingestionTime, seq) order', () => {
    const st = new EventStore();
    st.add(gen(1000, 2000, 10, 100));
    st.add(explicitSegment([
      { ts: 1500, ing: 1400, message: 'early-ingest' },
      { ts: 1500, ing: 9000, message: 'late' },
      { ts: 500, ing: 600, message: 'first' },
    ], 1));
    expect(st.built).toBe(false);
    expect(st.size).toBe(13);
    expect(st.minTs).toBe(500);
    const n = st.n; // builds
    expect(st.built).toBe(true);
    expect(n).toBe(13);
    for (let k = 1; k < n; k++) expect(compareKeys(st.keyAt(k - 1), st.keyAt(k))).toBeLessThan(0);
    expect(st.message(0)).toBe('first');
    // Same timestamp: the earlier ingestion comes first, the generator's event (ing 2500) sits between.
    const at1500 = [...Array(n).keys()].filter((k) => st.ts[k] === 1500).map((k) => st.message(k));
    expect(at1500).toEqual(['early-ingest', 'g100-5', 'late']);
    expect(st.maxLead).toBe(100); // 1500 - 1400
  });

  it('merges runtime additions into an already built store', () => {
    const st = new EventStore();
    st.add(gen(0, 10_000, 10, 1));
    expect(st.n).toBe(10);
    st.add(explicitSegment([{ ts: 2500, ing: 2600, message: 'inserted' }], 50));
    expect(st.n).toBe(11);
    expect(st.message(st.lowerBoundTs(2500))).toBe('inserted');
  });

  it('binary-searches timestamps and keys', () => {
    const st = new EventStore();
    st.add(explicitSegment([1, 2, 2, 2, 5].map((ts, i) => ({ ts, ing: ts + i, message: String(i) })), 1));
    expect(st.lowerBoundTs(2)).toBe(1);
    expect(st.upperBoundTs(2)).toBe(4);
    expect(st.lowerBoundTs(6)).toBe(5);
    expect(st.boundKey(KEY_START, false)).toBe(0);
    expect(st.boundKey(KEY_END, true)).toBe(5);
    const k2 = st.keyAt(2);
    expect(st.boundKey(k2, false)).toBe(3);
    expect(st.boundKey(k2, true)).toBe(2);
    expect(st.lastIngestionAtOrBefore(4)).toBe(4);
    expect(st.lastIngestionAtOrBefore(0)).toBeUndefined();
  });

  it('generates evenly spread timestamps, several per millisecond when dense, and monotone ingestion', () => {
    expect(generatedTs({ from: 0, to: 1000, count: 4 }, 3)).toBe(750);
    const dense = gen(100, 101, 50, 1, { jitter: 500 });
    const ts = new Float64Array(50);
    const ing = new Float64Array(50);
    dense.fill(ts, ing);
    expect(new Set(ts).size).toBe(1); // 50 events in the same millisecond
    for (let i = 1; i < 50; i++) expect(ing[i]!).toBeGreaterThanOrEqual(ing[i - 1]!);
    const batched = gen(0, 10_000, 10, 1, { batch: 5000, delay: 200 });
    const t2 = new Float64Array(10);
    const i2 = new Float64Array(10);
    batched.fill(t2, i2);
    expect([...i2]).toEqual([5200, 5200, 5200, 5200, 5200, 10200, 10200, 10200, 10200, 10200]);
    const late = gen(0, 1000, 5, 1, { ingestAt: 60_000 });
    const t3 = new Float64Array(5);
    const i3 = new Float64Array(5);
    late.fill(t3, i3);
    expect([...i3]).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('does not materialise messages: a million events cost only the numeric columns', () => {
    const st = new EventStore();
    let rendered = 0;
    st.add(new GeneratorSegment({ from: 0, to: 3_600_000, count: 1_000_000, delay: 1000, jitter: 0, batch: 0, seed: 1, seqBase: 1, render: (i) => (rendered++, `line ${i}`) }));
    const t0 = performance.now();
    expect(st.n).toBe(1_000_000);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(rendered).toBe(0);
    expect(st.message(999_999)).toBe('line 999999');
    expect(rendered).toBe(1);
  });
});
