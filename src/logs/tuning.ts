/** Timing of the follow loop. Defaults suit people; tests and benchmarks shorten them. */
export interface FollowTuning {
  /** Poll interval while events flow. */
  readonly pollMinMs: number;
  /** Poll interval reached after idle polls (grows by half each idle poll). */
  readonly pollMaxMs: number;
  /** How often to re-read the late-event window. */
  readonly sweepEveryMs: number;
  /** Minimum look-back of the late-event window (grows with the ingestion delays seen). */
  readonly latenessMs: number;
  /** Extra look-back of every poll beyond the ingestion delay seen. */
  readonly hotLagMs: number;
  /** How often to look for new streams (new instances, restarts). */
  readonly discoveryEveryMs: number;
  /** After the job ends: wait this long for late ingestion, then read once more. */
  readonly drainGraceMs: number;
  /** Up to this many streams, poll each with GetLogEvents; above it, one FilterLogEvents. */
  readonly perStreamMax: number;
}

export const DEFAULT_FOLLOW_TUNING: FollowTuning = {
  pollMinMs: 1000,
  pollMaxMs: 3000,
  sweepEveryMs: 10_000,
  latenessMs: 60_000,
  hotLagMs: 5_000,
  discoveryEveryMs: 5_000,
  drainGraceMs: 5_000,
  perStreamMax: 3,
};

const MAX_LATENESS_MS = 15 * 60_000;

/** Tracks how late CloudWatch ingests events, to size the windows re-read while following. */
export class DelayTracker {
  private maxDelay = 0;
  private samples = 0;

  observe(timestamp: number, ingestionTime: number): void {
    const d = ingestionTime - timestamp;
    // Decay slowly so that one burst of lateness widens the window for a while, not forever.
    if (++this.samples % 1000 === 0) this.maxDelay *= 0.9;
    if (d > this.maxDelay) this.maxDelay = Math.min(d, MAX_LATENESS_MS);
  }

  /** Look-back for ordinary polls. */
  hotWindow(t: FollowTuning): number {
    return Math.min(this.maxDelay + t.hotLagMs, this.lateWindow(t));
  }

  /** Look-back for sweeps: at least the configured lateness, and twice the worst delay seen. */
  lateWindow(t: FollowTuning): number {
    return Math.min(MAX_LATENESS_MS, Math.max(t.latenessMs, 2 * this.maxDelay));
  }
}

/**
 * `SMLOGS_TUNING="pollMinMs=200,drainGraceMs=300"`: shortens the loop for tests and benchmarks.
 * Unknown keys are ignored; this is not a user interface.
 */
export function tuningFromEnv(text: string | undefined, base: FollowTuning = DEFAULT_FOLLOW_TUNING): FollowTuning {
  if (!text) return base;
  const out: Record<string, number> = { ...base };
  for (const part of text.split(',')) {
    const [k, v] = part.split('=').map((x) => x.trim());
    if (k && v && k in out && Number.isFinite(Number(v))) out[k] = Number(v);
  }
  return out as unknown as FollowTuning;
}
