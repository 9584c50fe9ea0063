/** The time range the user asked for, epoch ms, both ends inclusive; absent = unbounded. */
export interface TimeWindow {
  readonly since?: number;
  readonly until?: number;
}

export function inWindow(w: TimeWindow, timestamp: number): boolean {
  return (w.since === undefined || timestamp >= w.since) && (w.until === undefined || timestamp <= w.until);
}

/**
 * startTime/endTime for a CloudWatch query of [low, until]. GetLogEvents' endTime is exclusive
 * and FilterLogEvents' is documented ambiguously, so both get until+1 and the engine drops
 * anything past `until` itself.
 */
export function queryRange(low: number | undefined, w: TimeWindow): { startTime?: number; endTime?: number } {
  const start = low === undefined ? w.since : w.since === undefined ? low : Math.max(low, w.since);
  return {
    ...(start !== undefined ? { startTime: Math.max(0, Math.floor(start)) } : {}),
    ...(w.until !== undefined ? { endTime: Math.floor(w.until) + 1 } : {}),
  };
}

/** Resolves `--since DUR` / `--since-time` / `--until-time` against the current time. */
export function windowFrom(opts: { sinceMs?: number; sinceTime?: number; untilTime?: number }, now: number): TimeWindow {
  const since = opts.sinceTime ?? (opts.sinceMs !== undefined ? now - opts.sinceMs : undefined);
  return { ...(since !== undefined ? { since } : {}), ...(opts.untilTime !== undefined ? { until: opts.untilTime } : {}) };
}
