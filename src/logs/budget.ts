import { setTimeout as sleep } from 'node:timers/promises';

/** The CloudWatch Logs operations the engine calls; each has its own account-wide quota. */
export const LOGS_OPERATIONS = ['GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams'] as const;
export type LogsOperation = (typeof LOGS_OPERATIONS)[number];
export type Rates = Readonly<Record<LogsOperation, number>>;

/**
 * Calls per second per operation, by default. The quotas are per account and Region and shared
 * with every console, CI runner and teammate; the smallest regional ones are GetLogEvents 10,
 * FilterLogEvents 5 and DescribeLogStreams 25 (5 until 2025). A tail should use a fraction.
 */
export const DEFAULT_RATES: Rates = { GetLogEvents: 5, FilterLogEvents: 3, DescribeLogStreams: 3 };

// After a ThrottlingException the operation's rate is halved (not below MIN_RATE), then climbs
// back linearly, by RECOVERY_PER_SECOND of its configured rate each second.
const MIN_RATE = 0.2;
const RECOVERY_PER_SECOND = 0.05;

interface BucketState {
  configured: number;
  /** Rate right after the last throttle, and when that was. */
  reduced: number;
  reducedAt: number;
  /** GCRA "theoretical arrival time": when the bucket would be full again. */
  tat: number;
  calls: number;
  throttles: number;
  /** Rate reductions so far; see throttled(). */
  generation: number;
}

/**
 * One budget for every CloudWatch call of a run: a token bucket per operation (burst of one
 * second's worth), halved on throttling and recovering over time. It is the product's own
 * policy, so it is written here; the clock is injected so the arithmetic is testable.
 */
export class CallBudget {
  private readonly state = new Map<LogsOperation, BucketState>();

  constructor(
    rates: Rates,
    private readonly now: () => number = Date.now,
  ) {
    const t = now();
    for (const op of LOGS_OPERATIONS) {
      const configured = rates[op];
      if (!(configured > 0)) throw new Error(`rate for ${op} must be positive`);
      // Start with a full bucket: one second's worth of calls may go at once.
      this.state.set(op, { configured, reduced: configured, reducedAt: t, tat: t, calls: 0, throttles: 0, generation: 0 });
    }
  }

  /** The rate the operation may use now, in calls per second. */
  rate(op: LogsOperation): number {
    const s = this.get(op);
    const elapsed = Math.max(0, this.now() - s.reducedAt) / 1000;
    return Math.min(s.configured, s.reduced + elapsed * RECOVERY_PER_SECOND * s.configured);
  }

  /**
   * Reserves one call and returns how long to wait before making it (0 = now). Reservations are
   * first come, first served, like Go's rate.Limiter.Reserve.
   */
  reserve(op: LogsOperation): number {
    const s = this.get(op);
    const t = this.now();
    const rate = this.rate(op);
    const interval = 1000 / rate;
    // A token bucket in GCRA form: up to max(1, rate) calls at once, then `rate` per second.
    const tolerance = (Math.max(1, rate) - 1) * interval;
    const tat = Math.max(s.tat, t);
    const start = Math.max(t, tat - tolerance);
    s.tat = tat + interval;
    s.calls++;
    return start - t;
  }

  /** Waits for a reservation. */
  async acquire(op: LogsOperation, signal?: AbortSignal): Promise<void> {
    const wait = this.reserve(op);
    if (wait > 0) await sleep(wait, undefined, { signal });
  }

  /** Which reduction of the rate a call sent now goes out under (pass it back to throttled()). */
  generation(op: LogsOperation): number {
    return this.get(op).generation;
  }

  /**
   * Called when the service throttled an operation: halve its rate. Calls in flight together
   * are throttled together; all of them answer one excess, so only a call sent under the
   * current rate (`sentInGeneration`) halves it again. Counting each would take a burst of six
   * parallel calls from 25/s to the floor, where a 16-instance backfill takes minutes.
   */
  throttled(op: LogsOperation, sentInGeneration?: number): void {
    const s = this.get(op);
    if (sentInGeneration !== undefined && sentInGeneration !== s.generation) {
      s.throttles++;
      return;
    }
    s.generation++;
    const current = this.rate(op);
    s.reduced = Math.max(MIN_RATE, current / 2);
    s.reducedAt = this.now();
    s.throttles++;
    // Drain the bucket: the next call waits a full interval at the new rate.
    s.tat = Math.max(s.tat, this.now() + (Math.max(1, s.reduced) * 1000) / s.reduced);
  }

  stats(): Record<LogsOperation, { calls: number; throttles: number }> {
    const out = {} as Record<LogsOperation, { calls: number; throttles: number }>;
    for (const op of LOGS_OPERATIONS) {
      const s = this.get(op);
      out[op] = { calls: s.calls, throttles: s.throttles };
    }
    return out;
  }

  private get(op: LogsOperation): BucketState {
    const s = this.state.get(op);
    if (!s) throw new Error(`unknown operation ${op}`);
    return s;
  }
}

/**
 * Parses `--api-rate`: one number for every operation (`4`), or per operation
 * (`GetLogEvents=10,FilterLogEvents=5`), on top of the defaults.
 */
export function parseRates(text: string, base: Rates = DEFAULT_RATES): Rates | string {
  const out: Record<LogsOperation, number> = { ...base };
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    if (!(n > 0)) return 'rates must be positive';
    for (const op of LOGS_OPERATIONS) out[op] = n;
    return out;
  }
  for (const part of trimmed.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    const op = LOGS_OPERATIONS.find((o) => o.toLowerCase() === m?.[1]?.toLowerCase());
    if (!m || !op) return `expected N or OPERATION=N[,...] with OPERATION one of ${LOGS_OPERATIONS.join(', ')}`;
    const n = Number(m[2]);
    if (!(n > 0)) return 'rates must be positive';
    out[op] = n;
  }
  return out;
}
