// The events of one log stream, held column-wise in typed arrays sorted by (timestamp, ingestionTime,
// seq). Generated events are not materialised as objects: a segment fills only the numeric columns and
// renders a message when an event is served. Segments are merged in lazily (on the first read after
// they were added), so loading a scenario with a million events costs nothing until a stream is read.

/** Renders the message of event `i` of a source (timestamp given for time placeholders). */
export interface MessageSource {
  message(i: number, ts: number): string;
}

/** A run of events sorted by (timestamp, ingestionTime); event i has seq `seqBase + i`. */
export interface Segment {
  readonly count: number;
  readonly seqBase: number;
  readonly source: MessageSource;
  /** Earliest timestamp and ingestion time, known without filling (for stream creation times). */
  readonly minTs: number;
  readonly minIng: number;
  /** Writes the timestamps and ingestion times of events 0..count-1 (sorted ascending). */
  fill(ts: Float64Array, ing: Float64Array): void;
}

/** Position in a stream's order; sentinels use ±Infinity. */
export interface Key {
  ts: number;
  ing: number;
  seq: number;
}

export const KEY_START: Key = Object.freeze({ ts: -Infinity, ing: -Infinity, seq: -Infinity });
export const KEY_END: Key = Object.freeze({ ts: Infinity, ing: Infinity, seq: Infinity });

export function compareKeys(a: Key, b: Key): number {
  return a.ts - b.ts || a.ing - b.ing || a.seq - b.seq || 0;
}

/** Explicit events (strings held in memory), e.g. scenario `events:` lists and runtime puts. */
export class StringSource implements MessageSource {
  readonly strings: string[] = [];
  message(i: number): string {
    return this.strings[i]!;
  }
}

/** A segment of explicit events; sorted here (stable) by (timestamp, ingestionTime). */
export function explicitSegment(
  events: readonly { ts: number; ing: number; message: string }[],
  seqBase: number,
): Segment {
  const sorted = events.map((e, i) => ({ ...e, i })).sort((a, b) => a.ts - b.ts || a.ing - b.ing || a.i - b.i);
  const source = new StringSource();
  for (const e of sorted) source.strings.push(e.message);
  let minTs = Infinity;
  let minIng = Infinity;
  for (const e of sorted) {
    if (e.ts < minTs) minTs = e.ts;
    if (e.ing < minIng) minIng = e.ing;
  }
  return {
    count: sorted.length,
    seqBase,
    source,
    minTs,
    minIng,
    fill(ts, ing) {
      for (let i = 0; i < sorted.length; i++) {
        ts[i] = sorted[i]!.ts;
        ing[i] = sorted[i]!.ing;
      }
    },
  };
}

interface Run {
  n: number;
  ts: Float64Array;
  ing: Float64Array;
  seq: (i: number) => number;
  src: (i: number) => number;
  idx: (i: number) => number;
}

export class EventStore {
  private pending: Segment[] = [];
  private sources: MessageSource[] = [];
  private _n = 0;
  private _ts = new Float64Array(0);
  private _ing = new Float64Array(0);
  private _seq = new Float64Array(0);
  private _src = new Uint16Array(0);
  private _idx = new Uint32Array(0);
  private _ingSorted: Float64Array | null = null;
  private _byIng: Uint32Array | null = null;
  private _maxLead = -Infinity;
  private pendingCount = 0;
  private pendingMinTs = Infinity;
  private pendingMinIng = Infinity;
  private builtMinTs = Infinity;
  private builtMinIng = Infinity;

  add(segment: Segment): void {
    if (segment.count <= 0) return;
    this.pending.push(segment);
    this.pendingCount += segment.count;
    this.pendingMinTs = Math.min(this.pendingMinTs, segment.minTs);
    this.pendingMinIng = Math.min(this.pendingMinIng, segment.minIng);
  }

  /** Number of events, built or not. */
  get size(): number {
    return this._n + this.pendingCount;
  }

  /** Earliest timestamp / ingestion time over all events (without building). */
  get minTs(): number {
    return Math.min(this.builtMinTs, this.pendingMinTs);
  }
  get minIng(): number {
    return Math.min(this.builtMinIng, this.pendingMinIng);
  }

  get built(): boolean {
    return this.pending.length === 0;
  }

  /** Merges pending segments into the columns. Called by every accessor below. */
  ensure(): void {
    if (this.pending.length === 0) return;
    const segs = this.pending;
    this.pending = [];
    this.pendingCount = 0;
    this.pendingMinTs = Infinity;
    this.pendingMinIng = Infinity;

    const runs: Run[] = [];
    if (this._n > 0) {
      const seq = this._seq;
      const src = this._src;
      const idx = this._idx;
      runs.push({ n: this._n, ts: this._ts, ing: this._ing, seq: (i) => seq[i]!, src: (i) => src[i]!, idx: (i) => idx[i]! });
    }
    for (const seg of segs) {
      let sid = this.sources.indexOf(seg.source);
      if (sid < 0) {
        sid = this.sources.length;
        if (sid > 0xffff) throw new Error('too many message sources in one log stream (max 65536)');
        this.sources.push(seg.source);
      }
      const ts = new Float64Array(seg.count);
      const ing = new Float64Array(seg.count);
      seg.fill(ts, ing);
      const base = seg.seqBase;
      const id = sid;
      let sorted = true;
      for (let i = 1; i < seg.count && sorted; i++) {
        if (ts[i]! < ts[i - 1]! || (ts[i] === ts[i - 1] && ing[i]! < ing[i - 1]!)) sorted = false;
      }
      if (!sorted) throw new Error('internal: a log segment is not sorted by (timestamp, ingestionTime)');
      runs.push({ n: seg.count, ts, ing, seq: (i) => base + i, src: () => id, idx: (i) => i });
    }

    const total = runs.reduce((a, r) => a + r.n, 0);
    const ts = new Float64Array(total);
    const ing = new Float64Array(total);
    const seq = new Float64Array(total);
    const src = new Uint16Array(total);
    const idx = new Uint32Array(total);
    if (runs.length === 1) {
      const r = runs[0]!;
      ts.set(r.ts);
      ing.set(r.ing);
      for (let i = 0; i < r.n; i++) {
        seq[i] = r.seq(i);
        src[i] = r.src(i);
        idx[i] = r.idx(i);
      }
    } else {
      // k-way merge with a binary heap of run indices.
      const pos = new Int32Array(runs.length);
      const heap: number[] = [];
      const less = (a: number, b: number): boolean => {
        const ra = runs[a]!;
        const rb = runs[b]!;
        const ia = pos[a]!;
        const ib = pos[b]!;
        const d = ra.ts[ia]! - rb.ts[ib]! || ra.ing[ia]! - rb.ing[ib]! || ra.seq(ia) - rb.seq(ib);
        return d < 0;
      };
      const push = (r: number) => {
        heap.push(r);
        let c = heap.length - 1;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (!less(heap[c]!, heap[p]!)) break;
          [heap[c], heap[p]] = [heap[p]!, heap[c]!];
          c = p;
        }
      };
      const popFix = () => {
        const last = heap.pop()!;
        if (heap.length === 0) return;
        heap[0] = last;
        let c = 0;
        for (;;) {
          const l = 2 * c + 1;
          const r = l + 1;
          let m = c;
          if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
          if (m === c) break;
          [heap[c], heap[m]] = [heap[m]!, heap[c]!];
          c = m;
        }
      };
      runs.forEach((r, i) => r.n > 0 && push(i));
      let o = 0;
      while (heap.length > 0) {
        const ri = heap[0]!;
        const r = runs[ri]!;
        const i = pos[ri]!;
        ts[o] = r.ts[i]!;
        ing[o] = r.ing[i]!;
        seq[o] = r.seq(i);
        src[o] = r.src(i);
        idx[o] = r.idx(i);
        o++;
        pos[ri] = i + 1;
        if (i + 1 < r.n) {
          // Re-sift the top in place.
          const last = heap.length;
          let c = 0;
          for (;;) {
            const l = 2 * c + 1;
            const rr = l + 1;
            let m = c;
            if (l < last && less(heap[l]!, heap[m]!)) m = l;
            if (rr < last && less(heap[rr]!, heap[m]!)) m = rr;
            if (m === c) break;
            [heap[c], heap[m]] = [heap[m]!, heap[c]!];
            c = m;
          }
        } else popFix();
      }
    }
    this._n = total;
    this._ts = ts;
    this._ing = ing;
    this._seq = seq;
    this._src = src;
    this._idx = idx;
    this._ingSorted = null;
    this._byIng = null;
    let lead = -Infinity;
    let minIng = Infinity;
    for (let i = 0; i < total; i++) {
      const d = ts[i]! - ing[i]!;
      if (d > lead) lead = d;
      if (ing[i]! < minIng) minIng = ing[i]!;
    }
    this._maxLead = lead;
    this.builtMinTs = total > 0 ? ts[0]! : Infinity;
    this.builtMinIng = minIng;
  }

  get n(): number {
    this.ensure();
    return this._n;
  }
  /** Columns (call ensure() first, or use `n`). */
  get ts(): Float64Array {
    this.ensure();
    return this._ts;
  }
  get ing(): Float64Array {
    this.ensure();
    return this._ing;
  }
  get seq(): Float64Array {
    this.ensure();
    return this._seq;
  }
  /** max(timestamp - ingestionTime): an event ingested by `now` has timestamp <= now + maxLead. */
  get maxLead(): number {
    this.ensure();
    return this._maxLead;
  }

  message(k: number): string {
    this.ensure();
    return this.sources[this._src[k]!]!.message(this._idx[k]!, this._ts[k]!);
  }

  keyAt(k: number): Key {
    this.ensure();
    return { ts: this._ts[k]!, ing: this._ing[k]!, seq: this._seq[k]! };
  }

  /** First index with timestamp >= t. */
  lowerBoundTs(t: number): number {
    this.ensure();
    const a = this._ts;
    let lo = 0;
    let hi = this._n;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (a[m]! < t) lo = m + 1;
      else hi = m;
    }
    return lo;
  }

  /** First index with timestamp > t. */
  upperBoundTs(t: number): number {
    this.ensure();
    const a = this._ts;
    let lo = 0;
    let hi = this._n;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (a[m]! <= t) lo = m + 1;
      else hi = m;
    }
    return lo;
  }

  /** First index whose key is > key (strict) or, with `inclusive`, >= key. */
  boundKey(key: Key, inclusive: boolean): number {
    this.ensure();
    const ts = this._ts;
    const ing = this._ing;
    const seq = this._seq;
    let lo = 0;
    let hi = this._n;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      const d = ts[m]! - key.ts || ing[m]! - key.ing || seq[m]! - key.seq || 0;
      if (d < 0 || (!inclusive && d === 0)) lo = m + 1;
      else hi = m;
    }
    return lo;
  }

  /** Event indices in ingestion order (ingestionTime, then timestamp, then seq); built lazily. */
  byIngestion(): Uint32Array {
    this.ensure();
    if (!this._byIng) {
      const ing = this._ing;
      const ts = this._ts;
      const seq = this._seq;
      const idx = new Uint32Array(this._n);
      for (let i = 0; i < idx.length; i++) idx[i] = i;
      let sorted = true;
      for (let i = 1; i < idx.length && sorted; i++) if (ing[i]! < ing[i - 1]!) sorted = false;
      if (!sorted) idx.sort((a, b) => ing[a]! - ing[b]! || ts[a]! - ts[b]! || seq[a]! - seq[b]!);
      this._byIng = idx;
    }
    return this._byIng;
  }

  /** Indices of the events ingested in (after, upTo], in ingestion order. */
  ingestedBetween(after: number, upTo: number): number[] {
    const order = this.byIngestion();
    const ing = this._ing;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (ing[order[m]!]! <= after) lo = m + 1;
      else hi = m;
    }
    const out: number[] = [];
    for (let i = lo; i < order.length && ing[order[i]!]! <= upTo; i++) out.push(order[i]!);
    return out;
  }

  /** Largest ingestion time <= t over all events (ignores any cutoff), or undefined. */
  lastIngestionAtOrBefore(t: number): number | undefined {
    this.ensure();
    if (!this._ingSorted) this._ingSorted = Float64Array.from(this._ing).sort();
    const a = this._ingSorted;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (a[m]! <= t) lo = m + 1;
      else hi = m;
    }
    return lo > 0 ? a[lo - 1] : undefined;
  }
}
