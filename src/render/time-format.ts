export const TIMESTAMP_FORMATS = ['rfc3339', 'short', 'epoch'] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];
export type TimeZoneChoice = 'utc' | 'local';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Minutes east of UTC. */
  offset: number;
}

function partsOf(ms: number, tz: TimeZoneChoice): Parts {
  const t = new Date(ms);
  if (tz === 'utc') {
    return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds(), offset: 0 };
  }
  return { y: t.getFullYear(), mo: t.getMonth() + 1, d: t.getDate(), h: t.getHours(), mi: t.getMinutes(), s: t.getSeconds(), ms: t.getMilliseconds(), offset: -t.getTimezoneOffset() };
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** RFC 3339 with milliseconds: `2026-08-20T10:21:48.123Z`, or with the local offset. */
export function formatRfc3339(ms: number, tz: TimeZoneChoice = 'utc'): string {
  const p = partsOf(ms, tz);
  const zone = tz === 'utc' ? 'Z' : offsetText(p.offset, true);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}.${pad(p.ms, 3)}${zone}`;
}

/** The time prefix of `--timestamps[=FORMAT]`; `short` is stern's `01-02 15:04:05`. */
export function formatEventTime(ms: number, format: TimestampFormat, tz: TimeZoneChoice): string {
  switch (format) {
    case 'rfc3339':
      return formatRfc3339(ms, tz);
    case 'epoch':
      return String(ms);
    case 'short': {
      const p = partsOf(ms, tz);
      return `${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
    }
  }
}

let zoneNames: Intl.DateTimeFormat | undefined;

function zoneAbbreviation(ms: number, tz: TimeZoneChoice): string {
  if (tz === 'utc') return 'UTC';
  zoneNames ??= new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });
  const name = zoneNames.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
  // Go prints "+02" for zones without an abbreviation; Intl says "GMT+2".
  if (!name || name.startsWith('GMT') || name.startsWith('UTC')) {
    const off = partsOf(ms, tz).offset;
    return off === 0 ? 'UTC' : offsetText(off, false).replace(/00$/, '');
  }
  return name;
}

/**
 * Go's time.Time.String(), which the archived plugin printed: `2019-11-26 15:41:13.449 -0800 PST`,
 * fractional seconds without trailing zeros (none at all when zero).
 */
export function formatGoTime(ms: number, tz: TimeZoneChoice = 'local'): string {
  const p = partsOf(ms, tz);
  const frac = p.ms === 0 ? '' : `.${pad(p.ms, 3).replace(/0+$/, '')}`;
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}${frac} ${offsetText(p.offset, false)} ${zoneAbbreviation(ms, tz)}`;
}
