// Emulator time. Everything the stand-in derives from a scenario (job statuses, which log events are
// ingested, token expiry) is a pure function of `clock.now()`, so tests can drive it with a ManualClock
// and need no timers. Request quotas and latency are on wall time, never on this clock.

/** A source of emulator time, in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  private t: number;

  constructor(startMs: number = Date.now()) {
    if (!Number.isFinite(startMs)) throw new TypeError(`ManualClock: start must be a finite number of ms, got ${startMs}`);
    this.t = Math.floor(startMs);
  }

  now(): number {
    return this.t;
  }

  /** Moves the clock forward (or backward, for a negative value) by `ms`. */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new TypeError(`ManualClock.advance: expected a finite number of ms, got ${ms}`);
    this.t = Math.floor(this.t + ms);
  }

  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new TypeError(`ManualClock.set: expected a finite number of ms, got ${ms}`);
    this.t = Math.floor(ms);
  }
}

/**
 * Wall-clock time, optionally shifted by `offsetMs` and accelerated by `speed` from the moment of
 * construction: now() = t0 + offsetMs + (Date.now() - t0) * speed.
 */
export class RealClock implements Clock {
  readonly offsetMs: number;
  readonly speed: number;
  private readonly t0: number;

  constructor(opts: { offsetMs?: number; speed?: number } = {}) {
    this.offsetMs = opts.offsetMs ?? 0;
    this.speed = opts.speed ?? 1;
    if (!Number.isFinite(this.offsetMs)) throw new TypeError(`RealClock: offsetMs must be finite, got ${opts.offsetMs}`);
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) throw new TypeError(`RealClock: speed must be > 0, got ${opts.speed}`);
    this.t0 = Date.now();
  }

  now(): number {
    const wall = Date.now();
    return Math.floor(this.t0 + this.offsetMs + (wall - this.t0) * this.speed);
  }
}
