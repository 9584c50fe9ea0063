import { describe, expect, it } from 'vitest';
import type { LabeledEvent } from '../../src/logs/event';
import { createLineFormatter, type LineOptions } from '../../src/render/log-line';
import { colourIndex, fnv1a32, Palette } from '../../src/render/palette';
import { neutralizeControls, trimTrailingNewline } from '../../src/render/sanitize';
import { formatEventTime, formatGoTime, formatRfc3339 } from '../../src/render/time-format';

const T = Date.UTC(2026, 7, 20, 10, 21, 48, 123);
const event: LabeledEvent = {
  stream: 'xgb/algo-2-1755684904',
  timestamp: T,
  ingestionTime: T + 1500,
  message: 'epoch 3 loss=0.41\n',
  eventId: '3745',
  source: { job: 'xgb', instance: 'algo-2', label: 'algo-2' },
};

const base: LineOptions = { format: 'default', timezone: 'utc', prefix: true, palette: new Palette(false), neutralize: false };

describe('line formats', () => {
  it('default: host prefix, message without its trailing newline', () => {
    expect(createLineFormatter(base)(event)).toBe('algo-2 epoch 3 loss=0.41\n');
  });
  it('default with timestamps and without prefix', () => {
    expect(createLineFormatter({ ...base, timestamps: 'rfc3339' })(event)).toBe('algo-2 2026-08-20T10:21:48.123Z epoch 3 loss=0.41\n');
    expect(createLineFormatter({ ...base, prefix: false, timestamps: 'epoch' })(event)).toBe(`${T} epoch 3 loss=0.41\n`);
    expect(createLineFormatter({ ...base, timestamps: 'short' })(event)).toBe('algo-2 08-20 10:21:48 epoch 3 loss=0.41\n');
  });
  it('raw: the message only', () => {
    expect(createLineFormatter({ ...base, format: 'raw' })(event)).toBe('epoch 3 loss=0.41\n');
  });
  it('json: one object per line with the contract fields', () => {
    const line = createLineFormatter({ ...base, format: 'json' })(event);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      time: '2026-08-20T10:21:48.123Z',
      ingestionTime: '2026-08-20T10:21:49.623Z',
      job: 'xgb',
      stream: 'xgb/algo-2-1755684904',
      instance: 'algo-2',
      message: 'epoch 3 loss=0.41\n',
      eventId: '3745',
    });
    const { eventId: _drop, ...noId } = event;
    expect(JSON.parse(createLineFormatter({ ...base, format: 'json' })(noId)).eventId).toBeNull();
  });
  it("legacy: the archived plugin's <stream> <Go time> <message>", () => {
    expect(createLineFormatter({ ...base, format: 'legacy' })(event)).toBe('xgb/algo-2-1755684904 2026-08-20 10:21:48.123 +0000 UTC epoch 3 loss=0.41\n');
    expect(createLineFormatter({ ...base, format: 'legacy', prefix: false })(event)).toBe('2026-08-20 10:21:48.123 +0000 UTC epoch 3 loss=0.41\n');
  });
  it('neutralises escape sequences only when asked (terminals)', () => {
    const evil = { ...event, message: 'ok \u001b[2J\u001b]0;pwned\u0007 done\r' };
    expect(createLineFormatter({ ...base, neutralize: true })(evil)).toBe('algo-2 ok \\x1b[2J\\x1b]0;pwned\\x07 done\\x0d\n');
    expect(createLineFormatter(base)(evil)).toBe(`algo-2 ${evil.message}\n`);
  });
  it('colours the prefix by host, stably', () => {
    const p = new Palette(true);
    const line = createLineFormatter({ ...base, palette: p })(event);
    expect(line).toMatch(/^\u001b\[\d+malgo-2\u001b\[39m epoch/);
    expect(createLineFormatter({ ...base, palette: new Palette(true) })(event)).toBe(line);
  });
});

describe('sanitize', () => {
  it('keeps tabs, newlines and text; escapes C0, DEL, C1 and bidi overrides', () => {
    expect(neutralizeControls('a\tb\nc')).toBe('a\tb\nc');
    expect(neutralizeControls('\u0000\u007f\u009b\u202e')).toBe('\\x00\\x7f\\x9b\\u202e');
    expect(neutralizeControls('plain ünïcödé ✓')).toBe('plain ünïcödé ✓');
  });
  it('trims one trailing newline', () => {
    expect(trimTrailingNewline('a\r\n')).toBe('a');
    expect(trimTrailingNewline('a\n\n')).toBe('a\n');
    expect(trimTrailingNewline('a')).toBe('a');
  });
});

describe('time formats', () => {
  it('rfc3339 in UTC and with an offset', () => {
    expect(formatRfc3339(T)).toBe('2026-08-20T10:21:48.123Z');
    expect(formatRfc3339(T, 'local')).toMatch(/^2026-08-2\dT\d\d:21:48\.123[+-]\d\d:\d\d$/);
    expect(formatEventTime(T, 'epoch', 'utc')).toBe(String(T));
  });
  it("Go's time.Time.String(): trailing zeros of the fraction trimmed", () => {
    expect(formatGoTime(Date.UTC(2019, 10, 26, 23, 41, 13, 450), 'utc')).toBe('2019-11-26 23:41:13.45 +0000 UTC');
    expect(formatGoTime(Date.UTC(2019, 10, 26, 23, 41, 13, 0), 'utc')).toBe('2019-11-26 23:41:13 +0000 UTC');
  });
});

describe('palette', () => {
  it('FNV-1a 32 matches the reference values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('spreads hosts over the colours', () => {
    const used = new Set(Array.from({ length: 16 }, (_, i) => colourIndex(`algo-${i + 1}`)));
    expect(used.size).toBeGreaterThanOrEqual(6);
  });
  it('is plain when disabled', () => {
    expect(new Palette(false).label('algo-1')).toBe('algo-1');
  });
});

describe('legacy time in a named zone', () => {
  it('prints the local offset and abbreviation, as Go did', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(formatGoTime(Date.UTC(2019, 10, 26, 23, 41, 13, 449), 'local')).toBe('2019-11-26 15:41:13.449 -0800 PST');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('terminal safety of every format', () => {
  // ESC CSI colour, OSC title ended by BEL, OSC 52 (writes the clipboard), CR that would overwrite
  // the line, backspaces, NUL, DEL, the one-character C1 CSI, a right-to-left override.
  const nasty = 'a\u001b[31mred\u001b]0;title\u0007\u001b]52;c;ZXZpbA==\u0007\rover\b\b\u0000\u007f\u009b2J\u202eevil';
  const hostile: LabeledEvent = { ...event, stream: 'xgb/algo-2\u001b[8m-1', message: `${nasty}\n`, source: { ...event.source, label: 'algo-2\u001b[8m' } };
  const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('on a terminal no format lets a control character through', () => {
    for (const format of ['default', 'raw', 'json', 'legacy'] as const) {
      for (const timestamps of [undefined, 'rfc3339'] as const) {
        const line = createLineFormatter({ ...base, format, neutralize: true, ...(timestamps ? { timestamps } : {}) })(hostile);
        expect(line.slice(0, -1), `${format} ${timestamps ?? ''}`).not.toMatch(RAW_CONTROL);
        expect(line.endsWith('\n')).toBe(true);
      }
    }
  });

  it('raw to a pipe keeps the message byte for byte (without its one trailing newline)', () => {
    expect(createLineFormatter({ ...base, format: 'raw' })(hostile)).toBe(`${nasty}\n`);
  });

  it('json keeps the message exact once parsed, with no raw control character in the line', () => {
    const line = createLineFormatter({ ...base, format: 'json' })(hostile);
    expect(line.slice(0, -1)).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(line).message).toBe(`${nasty}\n`);
    expect(JSON.parse(line).stream).toBe(hostile.stream);
  });

  it('shows each control character as a visible escape on a terminal', () => {
    expect(createLineFormatter({ ...base, format: 'raw', neutralize: true })(hostile)).toBe(
      'a\\x1b[31mred\\x1b]0;title\\x07\\x1b]52;c;ZXZpbA==\\x07\\x0dover\\x08\\x08\\x00\\x7f\\x9b2J\\u202eevil\n',
    );
    expect(createLineFormatter({ ...base, neutralize: true })({ ...hostile, message: 'ok' })).toBe('algo-2\\x1b[8m ok\n');
  });
});
