import parseDuration from 'parse-duration';
import { UsageError } from './errors';

// kubectl and stern accept Go durations ("90s", "1h30m"); users also write days ("2d").
// The grammar check is ours so that "10" (no unit) and "5 minutes" are refused the way kubectl
// refuses them; the arithmetic is parse-duration's.
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;

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
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 time into epoch milliseconds. */
export function parseTimeMs(text: string, flag: string): number {
  const trimmed = text.trim();
  const ms = RFC3339.test(trimmed) ? Date.parse(trimmed.replace(' ', 'T')) : Number.NaN;
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
