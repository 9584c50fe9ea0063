import { describe, expect, it } from 'vitest';
import { mergeSortedPages, prefetch } from '../../src/logs/merge';

async function* pages<T>(...ps: T[][]): AsyncGenerator<T[]> {
  for (const p of ps) {
    await new Promise((r) => setTimeout(r, 1));
    yield p;
  }
}

async function collect<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of it) out.push(...b);
  return out;
}

const cmp = (a: number, b: number): number => a - b;

describe('mergeSortedPages', () => {
  it('merges pages of several sources into one order', async () => {
    const merged = await collect(mergeSortedPages([pages([1, 4], [7, 10]), pages([2, 3], [], [11]), pages([5, 6, 8, 9])], cmp));
    expect(merged).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('handles empty and missing sources', async () => {
    expect(await collect(mergeSortedPages([], cmp))).toEqual([]);
    expect(await collect(mergeSortedPages([pages<number>([], []), pages([3])], cmp))).toEqual([3]);
  });

  it('keeps the order of equal items from one source', async () => {
    const merged = await collect(mergeSortedPages([pages([{ k: 1, s: 'a1' }, { k: 1, s: 'a2' }], [{ k: 2, s: 'a3' }]), pages([{ k: 1, s: 'b1' }])], (x, y) => x.k - y.k));
    const fromA = merged.filter((m) => m.s.startsWith('a')).map((m) => m.s);
    expect(fromA).toEqual(['a1', 'a2', 'a3']);
    expect(merged.map((m) => m.k)).toEqual([1, 1, 1, 2]);
  });

  it('never releases an item before a slower source could still produce a smaller one', async () => {
    let slowReleased = false;
    async function* slow(): AsyncGenerator<number[]> {
      yield [1];
      await new Promise((r) => setTimeout(r, 30));
      slowReleased = true;
      yield [2];
    }
    const seen: number[] = [];
    for await (const batch of mergeSortedPages([slow(), pages([3, 4])], cmp)) {
      if (batch.includes(3)) expect(slowReleased).toBe(true);
      seen.push(...batch);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('propagates a source failure', async () => {
    async function* bad(): AsyncGenerator<number[]> {
      yield [1];
      throw new Error('boom');
    }
    await expect(collect(mergeSortedPages([bad(), pages([2])], cmp))).rejects.toThrow('boom');
  });
});

describe('prefetch', () => {
  it('reads ahead without losing or reordering pages', async () => {
    let pulled = 0;
    async function* src(): AsyncGenerator<number> {
      for (let i = 0; i < 5; i++) {
        pulled++;
        yield i;
      }
    }
    const out: number[] = [];
    for await (const x of prefetch(src(), 2)) {
      out.push(x);
      // One ahead of what the consumer has seen, at least.
      expect(pulled).toBeGreaterThanOrEqual(Math.min(5, out.length + 1));
    }
    expect(out).toEqual([0, 1, 2, 3, 4]);
  });

  it('surfaces errors in order', async () => {
    async function* src(): AsyncGenerator<number> {
      yield 1;
      throw new Error('page 2 failed');
    }
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const x of prefetch(src())) out.push(x);
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(out).toEqual([1]);
  });
});
