import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationMs, parseTimeMs } from '../../src/core/duration';
import { ExitCode } from '../../src/core/exit-codes';

describe('parseDurationMs', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['0', 0],
  ])('%s = %d ms', (text, ms) => expect(parseDurationMs(text, '--since')).toBe(ms));

  it.each(['10', '5 minutes', '', 'abc', '-5m', '5x'])('refuses %j with a usage error naming the flag', (text) => {
    expect(() => parseDurationMs(text, '--since')).toThrowError(expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringContaining('--since') }));
  });
});

describe('parseTimeMs', () => {
  it('reads RFC 3339 with zone and fraction', () => {
    expect(parseTimeMs('2026-08-20T10:15:00Z', '--since-time')).toBe(Date.UTC(2026, 7, 20, 10, 15));
    expect(parseTimeMs('2026-08-20T12:15:00.250+02:00', '--since-time')).toBe(Date.UTC(2026, 7, 20, 10, 15, 0, 250));
  });
  it.each(['2026-08-20', '2026-08-20T10:15:00', 'yesterday', '1755684900'])('refuses %j', (t) => {
    expect(() => parseTimeMs(t, '--until-time')).toThrow(/--until-time: expected an RFC 3339 time/);
  });
  // Found by duration.property.test.ts: Date.parse rolls these over (1970-09-31 → October 1);
  // Go's time.Parse, kubectl's, refuses them.
  it.each(['1970-09-31T00:00:00Z', '2026-02-30T00:00:00Z', '2027-02-29T00:00:00Z', '2026-08-20T24:00:00Z', '2026-08-20T10:60:00Z', '2026-08-20T10:15:60Z', '2026-08-20T10:15:00+24:00'])(
    'refuses %j, a field out of range',
    (t) => {
      expect(() => parseTimeMs(t, '--since-time')).toThrow(/--since-time: expected an RFC 3339 time/);
    },
  );
  it('accepts the leap day of a leap year', () => {
    expect(parseTimeMs('2028-02-29T23:59:59Z', '--since-time')).toBe(Date.UTC(2028, 1, 29, 23, 59, 59));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59_400, '59s'],
    [61_000, '1m1s'],
    [3_600_000, '1h'],
    [90_061_000, '1d1h1m1s'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  it('shows - for nonsense', () => expect(formatDuration(-1)).toBe('-'));
});
