// Time values in scenarios. A duration is a number of SECONDS or a string such as "250ms", "90s",
// "1.5m", "1h30m", "2d" (optionally signed). A point in time is a duration relative to the scenario's
// anchor ("-2h" = two hours before it), an RFC 3339 string (absolute), or a Date.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION_RE = /^([+-])?\s*((?:\d+(?:\.\d+)?|\.\d+)\s*(?:ms|s|m|h|d|w)\s*)+$/;
const PART_RE = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d|w)/g;
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds for a duration value, or undefined when it is not one. */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * 1000) : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === '') return undefined;
  if (/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(s)) return Math.round(Number(s) * 1000);
  if (!DURATION_RE.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(PART_RE)) total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  return Math.round(s.startsWith('-') ? -total : total);
}

/** Epoch ms for an absolute RFC 3339 string, or undefined. */
export function parseRfc3339(v: string): number | undefined {
  const s = v.trim();
  if (!RFC3339_RE.test(s)) return undefined;
  const withZone = /([Zz]|[+-]\d{2}:?\d{2})$/.test(s) ? s : s + 'Z';
  const t = Date.parse(withZone.replace(' ', 'T'));
  return Number.isFinite(t) ? t : undefined;
}

/** Epoch ms for a point in time relative to `anchor` (ms), or undefined when the value is not one. */
export function parseTime(v: unknown, anchor: number): number | undefined {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.getTime() : undefined;
  if (typeof v === 'string') {
    const abs = parseRfc3339(v);
    if (abs !== undefined) return abs;
  }
  const d = parseDuration(v);
  return d === undefined ? undefined : anchor + d;
}

/** "1h2m3.5s"-style rendering for messages. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [u, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${u}`);
      rest %= size;
    }
  }
  if (rest) parts.push(rest % 1000 === 0 ? `${rest / 1000}s` : `${rest}ms`);
  return sign + parts.join('');
}

/** SageMaker wire time: epoch seconds with up to 3 decimals. */
export function toEpochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** SageMaker request time (SDK sends epoch seconds as a number; the CLI too; strings are accepted). */
export function fromWireTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 1000);
  if (typeof v === 'string') {
    if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}
