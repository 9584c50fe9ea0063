// Generated log events: a window, a count, an ingestion model and a message template. Only numbers are
// filled (into the stream's typed arrays); messages are rendered when an event is served.

import type { MessageSource, Segment } from './event-store';
import { unit } from './rng';
import type { Render } from './templates';

export interface GeneratorParams {
  from: number;
  to: number;
  count: number;
  delay: number;
  jitter: number;
  batch: number;
  ingestAt?: number;
  seed: number;
  render: Render;
  seqBase: number;
}

/** Timestamp of event i: `count` events spread evenly over [from, to) (all at `from` when to <= from). */
export function generatedTs(p: { from: number; to: number; count: number }, i: number): number {
  const span = Math.max(0, p.to - p.from);
  return p.from + Math.floor((i * span) / p.count);
}

export class GeneratorSegment implements Segment {
  readonly count: number;
  readonly seqBase: number;
  readonly source: MessageSource;
  readonly minTs: number;
  readonly minIng: number;

  constructor(private readonly p: GeneratorParams) {
    this.count = p.count;
    this.seqBase = p.seqBase;
    const render = p.render;
    this.source = { message: (i, ts) => render(i, ts) };
    this.minTs = p.count > 0 ? p.from : Infinity;
    this.minIng = p.count > 0 ? this.ingOf(0, p.from) : Infinity;
  }

  private ingOf(i: number, ts: number): number {
    const p = this.p;
    if (p.ingestAt !== undefined) return p.ingestAt + (p.jitter > 0 ? Math.floor(unit(p.seed ^ 0x6a09, i) * p.jitter) : 0);
    const base = p.batch > 0 ? Math.ceil((ts + 1) / p.batch) * p.batch : ts;
    return base + p.delay + (p.jitter > 0 ? Math.floor(unit(p.seed ^ 0x6a09, i) * p.jitter) : 0);
  }

  fill(ts: Float64Array, ing: Float64Array): void {
    const p = this.p;
    const span = Math.max(0, p.to - p.from);
    let prevIng = -Infinity;
    for (let i = 0; i < p.count; i++) {
      const t = p.from + Math.floor((i * span) / p.count);
      ts[i] = t;
      let g = this.ingOf(i, t);
      // An agent ships a stream's events in order: ingestion never goes backwards within a generator.
      if (g < prevIng) g = prevIng;
      ing[i] = g;
      prevIng = g;
    }
  }
}
