import parseDuration from 'parse-duration';
import { UsageError } from './errors';

// kubectl and stern accept Go durations ("90s", "1h30m"); users also write days ("2d").
// The grammar check is ours so that "10" (no unit) and "5 minutes" are refused the way kubectl
// refuses them; the arithmetic is parse-duration's.
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;

/** The longest delay a Node.js timer takes (2^31-1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** For durations that become one timer (poll intervals, request timeouts): longer than a timer can wait is refused. */
export function checkTimerDuration(ms: number, text: string, flag: string): number {
  if (ms > MAX_TIMER_MS) throw new UsageError(`invalid value "${text}" for ${flag}: it must be at most 24d`);
  return ms;
}

/** Parses a duration such as `30s`, `5m`, `2h`, `1d`, `1h30m` into milliseconds. */
export function parseDurationMs(text: string, flag: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (!GO_DURATION.test(trimmed)) {
    throw new UsageError(`invalid value "${text}" for ${flag}: expected a duration such as 30s, 5m, 2h or 1d`);
  }
  const ms = parseDuration(trimmed);
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    throw new UsageError(`invalid value "${text}" for ${flag}: expected a duration such as 30s, 5m, 2h or 1d`);
  }
  return Math.round(ms);
}

// RFC 3339 as kubectl's --since-time takes it: a date, a time and a zone (Z or ±hh:mm).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether the fields of an RFC 3339 match are in range. Date.parse rolls 2026-02-30 over to March 2
 * and 24:00 over to the next day; Go's time.Parse (kubectl's) refuses them, and so do we.
 */
function fieldsInRange(m: RegExpExecArray): boolean {
  const [y, mo, d, h, mi, s, oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number, number, number];
  const daysInMonth = mo >= 1 && mo <= 12 ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 0;
  return d >= 1 && d <= daysInMonth && h <= 23 && mi <= 59 && s <= 59 && oh <= 23 && om <= 59;
}

/** Parses an RFC 3339 time into epoch milliseconds. */
export function parseTimeMs(text: string, flag: string): number {
  const trimmed = text.trim();
  const m = RFC3339.exec(trimmed);
  const ms = m && fieldsInRange(m) ? Date.parse(trimmed.replace(' ', 'T')) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new UsageError(`invalid value "${text}" for ${flag}: expected an RFC 3339 time such as 2026-08-20T10:15:00Z`);
  }
  return ms;
}

/** `1h2m3s` style text for humans (durations of jobs and phases). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  let s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.join('');
}
