// Properties of the log engine's ordering and exactly-once machinery:
// - mergeSortedPages (src/logs/merge.ts): sources yield pages already in order; the merge yields a
//   permutation of everything, in global order, each source's own order kept (ties included),
//   however the sources' pages are cut and however slowly they arrive. prefetch changes nothing.
// - PrintedSet (src/logs/dedupe.ts): reads re-deliver overlapping windows of a growing set of
//   events (late ingestion, identical lines in one millisecond); each distinct event prints once
//   per copy. In model terms: a key's printed count is the most copies any one read held.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrintedSet } from '../../src/logs/dedupe';
import { compareEvents, type LogEvent } from '../../src/logs/event';
import { mergeSortedPages, prefetch } from '../../src/logs/merge';

// ---- merge ----------------------------------------------------------------------------------------

type Pause = 'none' | 'microtask' | 'macrotask';
const pause = fc.constantFrom<Pause>('none', 'microtask', 'macrotask');

async function wait(p: Pause): Promise<void> {
  if (p === 'microtask') await Promise.resolve();
  if (p === 'macrotask') await new Promise((r) => setImmediate(r));
}

/** A source yielding `items` cut at `cuts` into pages (empty pages included), pausing before each. */
async function* paged<T>(items: readonly T[], cuts: readonly number[], pauses: readonly Pause[]): AsyncGenerator<T[]> {
  const bounds = [0, ...[...cuts].map((c) => c % (items.length + 1)).sort((a, b) => a - b), items.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    await wait(pauses[i % Math.max(1, pauses.length)] ?? 'none');
    yield items.slice(bounds[i], bounds[i + 1]);
  }
}

async function collect<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of it) out.push(...batch);
  return out;
}

interface Tagged extends LogEvent {
  readonly source: number;
  readonly seq: number;
}

/** One stream's events in CloudWatch order: (timestamp, ingestionTime), with ties and identical lines. */
const streamEvents = (source: number) =>
  fc
    .array(fc.record({ timestamp: fc.integer({ min: 0, max: 30 }), lag: fc.integer({ min: 0, max: 5 }), message: fc.constantFrom('', 'a', 'b') }), { maxLength: 25 })
    .map((es) =>
      es
        .map((e) => ({ stream: `s${source}`, timestamp: e.timestamp, ingestionTime: e.timestamp + e.lag, message: e.message }))
        .sort((a, b) => compareEvents(a, b))
        .map((e, seq): Tagged => ({ ...e, source, seq })),
    );
const sourceSpec = (source: number) => fc.record({ events: streamEvents(source), cuts: fc.array(fc.nat(), { maxLength: 6 }), pauses: fc.array(pause, { maxLength: 4 }) });
const sources = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sourceSpec(i))));

function checkMerged<T extends { source: number; seq: number }>(inputs: ReadonlyArray<readonly T[]>, merged: readonly T[], compare: (a: T, b: T) => number): void {
  // A permutation of the inputs: the same (source, seq) pairs, each once.
  const key = (x: T): string => `${x.source}:${x.seq}`;
  expect(merged.map(key).sort()).toEqual(inputs.flat().map(key).sort());
  // Globally ordered.
  for (let i = 1; i < merged.length; i++) expect(compare(merged[i - 1]!, merged[i]!)).toBeLessThanOrEqual(0);
  // Each source's order kept, its ties included.
  for (let s = 0; s < inputs.length; s++) expect(merged.filter((x) => x.source === s).map((x) => x.seq)).toEqual(inputs[s]!.map((x) => x.seq));
}

describe('mergeSortedPages properties', () => {
  it('log streams: a permutation of every event, in (timestamp, ingestionTime, stream) order, each stream in its own order', async () => {
    await fc.assert(
      fc.asyncProperty(sources, async (specs) => {
        const merged = await collect(mergeSortedPages(specs.map((s) => paged(s.events, s.cuts, s.pauses)), compareEvents));
        checkMerged(
          specs.map((s) => s.events),
          merged,
          compareEvents,
        );
      }),
    );
  });

  it('any comparator with ties across sources: still ordered, still each source in its order', async () => {
    const items = (source: number) =>
      fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }).map((ks) => ks.sort((a, b) => a - b).map((k, seq) => ({ k, source, seq })));
    const spec = (source: number) => fc.record({ items: items(source), cuts: fc.array(fc.nat(), { maxLength: 5 }), pauses: fc.array(pause, { maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => spec(i)))), async (specs) => {
        const byK = (a: { k: number }, b: { k: number }): number => a.k - b.k;
        const merged = await collect(mergeSortedPages(specs.map((s) => paged(s.items, s.cuts, s.pauses)), byK));
        checkMerged(
          specs.map((s) => s.items),
          merged,
          byK,
        );
      }),
    );
  });

  it('prefetch, at any depth, yields exactly the source\'s pages in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat(), { maxLength: 3 }), { maxLength: 10 }), fc.integer({ min: 1, max: 4 }), fc.array(pause, { maxLength: 4 }), async (pages, depth, pauses) => {
        async function* src(): AsyncGenerator<number[]> {
          for (const [i, p] of pages.entries()) {
            await wait(pauses[i % Math.max(1, pauses.length)] ?? 'none');
            yield p;
          }
        }
        const out: number[][] = [];
        for await (const p of prefetch(src(), depth)) out.push(p);
        expect(out).toEqual(pages);
      }),
    );
  });
});

// ---- PrintedSet -------------------------------------------------------------------------------------

/** Events of a few streams with many exact copies (blank lines in one millisecond) and late arrivals. */
const world = fc.array(
  fc.record({
    stream: fc.constantFrom('a', 'b'),
    timestamp: fc.integer({ min: 0, max: 10 }),
    lag: fc.constantFrom(0, 1, 50),
    message: fc.constantFrom('', 'x'),
    // The read from which on CloudWatch shows it (ingested late: later reads).
    visibleFrom: fc.integer({ min: 0, max: 5 }),
  }),
  { maxLength: 40 },
);

/** A read: a window of timestamps, the order the service returns it in, and maybe cut short by an error. */
const readSpec = fc.record({ from: fc.integer({ min: 0, max: 10 }), span: fc.integer({ min: 0, max: 10 }), order: fc.array(fc.nat(), { maxLength: 40 }), cutAt: fc.option(fc.nat(40)) });

const keyOf = (e: LogEvent): string => JSON.stringify([e.stream, e.timestamp, e.ingestionTime, e.message]);

function shuffle<T>(xs: readonly T[], order: readonly number[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (order[i % Math.max(1, order.length)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('PrintedSet properties', () => {
  it('prints each key exactly as many times as the most copies any one read held; a full final read prints every copy once', () => {
    fc.assert(
      fc.property(world, fc.array(readSpec, { minLength: 1, maxLength: 6 }), (ws, reads) => {
        const events: LogEvent[] = ws.map((w) => ({ stream: w.stream, timestamp: w.timestamp, ingestionTime: w.timestamp + w.lag, message: w.message }));
        const set = new PrintedSet();
        const printed = new Map<string, number>();
        const most = new Map<string, number>();
        const run = (visible: LogEvent[], cutAt: number | null, order: readonly number[]): void => {
          // The service's order is any order; an error may end the read after any event.
          const delivered = shuffle(visible, order).slice(0, cutAt ?? undefined);
          const held = new Map<string, number>();
          const session = set.beginRead();
          for (const e of delivered) {
            const k = keyOf(e);
            held.set(k, (held.get(k) ?? 0) + 1);
            if (session.isNew(e)) printed.set(k, (printed.get(k) ?? 0) + 1);
          }
          for (const [k, n] of held) most.set(k, Math.max(most.get(k) ?? 0, n));
        };
        reads.forEach((r, i) => {
          const visible = events.filter((e, j) => ws[j]!.visibleFrom <= i && e.timestamp >= r.from && e.timestamp <= r.from + r.span);
          run(visible, r.cutAt, r.order);
          // Never more than the most any read held (a re-delivery is never a new copy).
          for (const [k, n] of printed) expect(n).toBe(most.get(k));
        });
        // Everything ingested, one complete read of all time: every copy printed exactly once.
        run(events, null, []);
        const copies = new Map<string, number>();
        for (const e of events) copies.set(keyOf(e), (copies.get(keyOf(e)) ?? 0) + 1);
        expect(Object.fromEntries([...printed].sort())).toEqual(Object.fromEntries([...copies].sort()));
        expect(set.size).toBe(copies.size);
      }),
    );
  });

  it('after forgetBefore(t), nothing older than t prints again, and what is at or after t still dedupes', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 0, max: 11 }), (ws, floor) => {
        const events: LogEvent[] = ws.map((w) => ({ stream: w.stream, timestamp: w.timestamp, ingestionTime: w.timestamp + w.lag, message: w.message }));
        const set = new PrintedSet();
        const first = set.beginRead();
        events.forEach((e) => first.isNew(e));
        set.forgetBefore(floor);
        expect(set.lowestRemembered).toBe(floor);
        const again = set.beginRead();
        // The same events again (plus one new copy of each at or above the floor).
        const extra = events.filter((e) => e.timestamp >= floor);
        const fresh = [...events, ...extra].filter((e) => again.isNew(e));
        expect(fresh.every((e) => e.timestamp >= floor)).toBe(true);
        expect(fresh.length).toBe(extra.length);
      }),
    );
  });
});
