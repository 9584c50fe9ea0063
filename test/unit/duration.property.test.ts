// Properties of the duration and time parsers (src/core/duration.ts): Go-style durations
// (`90s`, `1h30m`, `1.5h`, `2d`) read to the exact millisecond, anything else refused with a
// UsageError naming the flag (exit 2), never any other exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationMs, parseTimeMs } from '../../src/core/duration';
import { UsageError } from '../../src/core/errors';
import { ExitCode } from '../../src/core/exit-codes';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;
const unit = fc.constantFrom(...(Object.keys(UNIT_MS) as Unit[]));

/** One `<number><unit>` term and its exact value: integers, or up to 3 decimals for s and longer (whole milliseconds). */
const term = fc.oneof(
  fc.tuple(fc.nat(100_000), unit).map(([n, u]) => ({ text: `${n}${u}`, ms: n * UNIT_MS[u] })),
  fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 999 }), fc.constantFrom<Unit>('s', 'm', 'h', 'd', 'w')).map(([n, frac, u]) => {
    const digits = String(frac).padStart(3, '0');
    // Thousandths of a second or longer unit are whole milliseconds: exact in integer arithmetic.
    return { text: `${n}.${digits}${u}`, ms: n * UNIT_MS[u] + (frac * UNIT_MS[u]) / 1000 };
  }),
);
const duration = fc.array(term, { minLength: 1, maxLength: 4 }).map((ts) => ({ text: ts.map((t) => t.text).join(''), ms: ts.reduce((a, t) => a + t.ms, 0) }));

const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;

/** Returns the value, or the error thrown; fails the property on anything but a UsageError. */
function outcome(f: () => number): number | UsageError {
  try {
    return f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
}

describe('parseDurationMs properties', () => {
  it('reads every generated duration to its exact number of milliseconds', () => {
    fc.assert(
      fc.property(duration, ({ text, ms }) => {
        expect(parseDurationMs(text, '--since')).toBe(Math.round(ms));
        // Surrounding blanks (a quoted value in a script) do not matter.
        expect(parseDurationMs(` ${text}\t`, '--since')).toBe(Math.round(ms));
      }),
    );
  });

  it('refuses garbage with a UsageError that names the flag and the value, and never throws anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^-?[0-9.]{0,4}[a-z ]{0,3}[0-9]{0,2}$/)), (text) => {
        const r = outcome(() => parseDurationMs(text, '--timeout'));
        const t = text.trim();
        if (t === '0' || GO_DURATION.test(t)) {
          expect(typeof r).toBe('number');
        } else {
          expect(r).toBeInstanceOf(UsageError);
          const e = r as UsageError;
          expect(e.exitCode).toBe(ExitCode.Usage);
          expect(e.message).toBe(`invalid value "${text}" for --timeout: expected a duration such as 30s, 5m, 2h or 1d`);
        }
      }),
    );
  });

  it('any result is a whole, finite, non-negative number of milliseconds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), duration.map((d) => d.text), fc.stringMatching(/^[0-9]{15,40}(ms|s|w)$/)), (text) => {
        const r = outcome(() => parseDurationMs(text, '--since'));
        if (typeof r === 'number') {
          expect(Number.isInteger(r)).toBe(true);
          expect(r).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('is monotonic: a longer text (one more term, a bigger number) is never shorter', () => {
    fc.assert(
      fc.property(duration, term, fc.nat(1000), unit, (d, extra, n, u) => {
        expect(parseDurationMs(d.text + extra.text, '--since')).toBeGreaterThanOrEqual(parseDurationMs(d.text, '--since'));
        expect(parseDurationMs(`${n + 1}${u}`, '--since')).toBeGreaterThan(parseDurationMs(`${n}${u}`, '--since'));
      }),
    );
  });

  it('reads back what formatDuration writes, to the second', () => {
    fc.assert(
      fc.property(fc.nat(400 * 86_400_000), (ms) => {
        expect(parseDurationMs(formatDuration(ms), '--timeout')).toBe(Math.round(ms / 1000) * 1000);
      }),
    );
  });
});

describe('parseTimeMs properties', () => {
  const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });

  it('reads RFC 3339 in UTC and with any offset back to the same instant', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -14 * 60, max: 14 * 60 }), (d, offsetMin) => {
        expect(parseTimeMs(d.toISOString(), '--since-time')).toBe(d.getTime());
        // The same instant written in another zone: local wall time + "+hh:mm".
        const local = new Date(d.getTime() + offsetMin * 60_000).toISOString().replace('Z', '');
        const sign = offsetMin < 0 ? '-' : '+';
        const abs = Math.abs(offsetMin);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        fc.pre(/^\d{4}-/.test(local));
        expect(parseTimeMs(`${local}${zone}`, '--since-time')).toBe(d.getTime());
      }),
    );
  });

  it('accepts a written time exactly when every field is in range (no rolling 2026-02-30 over to March 2)', () => {
    const two = (n: number): string => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.record({ y: fc.integer({ min: 1970, max: 2200 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }), h: fc.integer({ min: 0, max: 25 }), mi: fc.integer({ min: 0, max: 60 }), s: fc.integer({ min: 0, max: 60 }) }),
        ({ y, mo, d, h, mi, s }) => {
          const text = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}Z`;
          const daysInMonth = mo >= 1 && mo <= 12 ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 0;
          const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth && h <= 23 && mi <= 59 && s <= 59;
          const r = outcome(() => parseTimeMs(text, '--since-time'));
          expect(r).toEqual(valid ? Date.UTC(y, mo - 1, d, h, mi, s) : expect.any(UsageError));
        },
      ),
    );
  });

  it('refuses anything else with a UsageError naming the flag', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)), fc.integer().map(String)), (text) => {
        const r = outcome(() => parseTimeMs(text, '--until-time'));
        if (typeof r !== 'number') expect(r.message).toBe(`invalid value "${text}" for --until-time: expected an RFC 3339 time such as 2026-08-20T10:15:00Z`);
        else expect(Number.isFinite(r)).toBe(true);
      }),
    );
  });
});
