import { describe, expect, it } from 'vitest';
import { ManualClock, RealClock } from './clock';
import { formatDuration, fromWireTime, parseDuration, parseRfc3339, parseTime, toEpochSeconds } from './time';

describe('ManualClock', () => {
  it('moves only when told to', () => {
    const c = new ManualClock(1_000);
    expect(c.now()).toBe(1_000);
    c.advance(250);
    expect(c.now()).toBe(1_250);
    c.set(5);
    expect(c.now()).toBe(5);
    expect(() => c.advance(Number.NaN)).toThrow(TypeError);
  });
});

describe('RealClock', () => {
  it('applies an offset and a speed from construction', async () => {
    const fast = new RealClock({ speed: 50, offsetMs: 10_000 });
    const t0 = Date.now();
    const a = fast.now();
    expect(a - t0).toBeGreaterThanOrEqual(9_990);
    expect(a - t0).toBeLessThan(11_000);
    await new Promise((r) => setTimeout(r, 40));
    // 40 ms of wall time is about 2 s of emulator time at speed 50.
    expect(fast.now() - a).toBeGreaterThanOrEqual(1_500);
    expect(() => new RealClock({ speed: 0 })).toThrow(TypeError);
  });
});

describe('durations and times', () => {
  it('parses durations as seconds or unit strings', () => {
    expect(parseDuration(90)).toBe(90_000);
    expect(parseDuration(0.25)).toBe(250);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('-2h')).toBe(-7_200_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('12')).toBe(12_000);
    expect(parseDuration('ten')).toBeUndefined();
    expect(parseDuration('5 minutes')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(formatDuration(5_400_500)).toBe('1h30m500ms');
  });

  it('parses times relative to an anchor or absolute', () => {
    const anchor = Date.parse('2026-08-20T10:00:00Z');
    expect(parseTime('-2h', anchor)).toBe(anchor - 7_200_000);
    expect(parseTime(30, anchor)).toBe(anchor + 30_000);
    expect(parseTime('2026-08-20T11:00:00Z', anchor)).toBe(anchor + 3_600_000);
    expect(parseTime('2026-08-20T11:00:00.250+01:00', anchor)).toBe(anchor + 250);
    expect(parseTime(new Date(anchor + 5), anchor)).toBe(anchor + 5);
    expect(parseTime('yesterday', anchor)).toBeUndefined();
    expect(parseRfc3339('2026-13-45')).toBeUndefined();
  });

  it('converts SageMaker wire times (epoch seconds with fractions)', () => {
    expect(toEpochSeconds(1634017780493)).toBe(1634017780.493);
    expect(fromWireTime(1634017780.493)).toBe(1634017780493);
    expect(fromWireTime('1634017780')).toBe(1634017780000);
    expect(fromWireTime('2021-10-12T05:49:40Z')).toBe(1634017780000);
  });
});
