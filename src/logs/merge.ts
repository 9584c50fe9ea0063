/**
 * k-way merge of sorted page streams. Each source yields pages (arrays already in order); the
 * merge yields batches in global order. An item is released only when every source that could
 * still produce a smaller one has a page at hand, so the output is exactly ordered while memory
 * stays at about one page per source (plus what prefetch() reads ahead).
 */
const MAX_BATCH = 4096;

export async function* mergeSortedPages<T>(
  sources: ReadonlyArray<AsyncIterable<readonly T[]>>,
  compare: (a: T, b: T) => number,
): AsyncGenerator<T[]> {
  interface Cursor {
    readonly it: AsyncIterator<readonly T[]>;
    page: readonly T[];
    index: number;
  }
  const heap: Cursor[] = [];
  const less = (a: Cursor, b: Cursor): boolean => compare(a.page[a.index]!, b.page[b.index]!) < 0;
  const siftUp = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  /** Advances a cursor to its next non-empty page; false when the source is done. */
  const refill = async (c: Cursor): Promise<boolean> => {
    for (;;) {
      const next = await c.it.next();
      if (next.done) return false;
      if (next.value.length > 0) {
        c.page = next.value;
        c.index = 0;
        return true;
      }
    }
  };

  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  try {
    const initial = await Promise.all(
      iterators.map(async (it) => {
        const c: Cursor = { it, page: [], index: 0 };
        return (await refill(c)) ? c : undefined;
      }),
    );
    for (const c of initial) {
      if (c) {
        heap.push(c);
        siftUp(heap.length - 1);
      }
    }
    let batch: T[] = [];
    while (heap.length > 0) {
      const top = heap[0]!;
      batch.push(top.page[top.index]!);
      top.index++;
      if (top.index < top.page.length) {
        siftDown(0);
        // Bounded batches keep what the consumer builds from one batch (its output text) small.
        if (batch.length >= MAX_BATCH) {
          yield batch;
          batch = [];
        }
        continue;
      }
      // This source's page is used up: its next page may hold the next item, so release what
      // is ready before waiting for it.
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      if (await refill(top)) {
        siftDown(0);
      } else {
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          siftDown(0);
        }
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await Promise.allSettled(iterators.map((it) => it.return?.()));
  }
}

/**
 * Reads up to `depth` pages ahead of the consumer, so that a source's next page is usually on
 * hand when the merge needs it. Errors surface when the failed page would have been consumed.
 */
export async function* prefetch<T>(source: AsyncIterable<T>, depth = 1): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const queue: Array<Promise<IteratorResult<T>>> = [];
  let finished = false;
  const pull = (): void => {
    if (finished) return;
    const p = it.next();
    // Mark handled now; the consumer awaits it in order and sees the rejection there.
    p.catch(() => undefined);
    queue.push(p);
  };
  try {
    pull();
    for (;;) {
      const head = queue.shift()!;
      while (queue.length < depth) pull();
      const r = await head;
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
      if (queue.length === 0) pull();
    }
  } finally {
    finished = true;
    await it.return?.();
  }
}
