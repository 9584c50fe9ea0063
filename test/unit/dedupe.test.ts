import { describe, expect, it } from 'vitest';
import { PrintedSet } from '../../src/logs/dedupe';
import type { LogEvent } from '../../src/logs/event';

const ev = (stream: string, timestamp: number, message: string, ingestionTime = timestamp + 100): LogEvent => ({ stream, timestamp, ingestionTime, message });

function read(set: PrintedSet, events: LogEvent[]): LogEvent[] {
  const s = set.beginRead();
  return events.filter((e) => s.isNew(e));
}

describe('PrintedSet', () => {
  it('prints each event once across overlapping reads', () => {
    const set = new PrintedSet();
    const a = ev('s1', 1, 'a');
    const b = ev('s1', 2, 'b');
    const c = ev('s2', 2, 'c');
    expect(read(set, [a, b])).toEqual([a, b]);
    expect(read(set, [a, b, c])).toEqual([c]);
    expect(read(set, [b, c])).toEqual([]);
  });

  it('keeps identical events of one millisecond as distinct copies', () => {
    const set = new PrintedSet();
    const blank = ev('s1', 5, '');
    expect(read(set, [blank, blank])).toHaveLength(2);
    // The re-read sees the same two copies and a third that arrived late.
    expect(read(set, [blank, blank, blank])).toHaveLength(1);
    expect(read(set, [blank, blank, blank])).toHaveLength(0);
  });

  it('a late event older than everything printed is still new', () => {
    const set = new PrintedSet();
    read(set, [ev('s1', 100, 'x'), ev('s1', 200, 'y')]);
    const late = ev('s2', 50, 'late', 300);
    expect(read(set, [late, ev('s1', 100, 'x'), ev('s1', 200, 'y')])).toEqual([late]);
  });

  it('a partial read never re-prints', () => {
    const set = new PrintedSet();
    const e1 = ev('s', 1, 'same');
    read(set, [e1, e1, e1]);
    expect(read(set, [e1])).toEqual([]);
  });

  it('forgets below a floor and treats older events as printed', () => {
    const set = new PrintedSet();
    read(set, [ev('s', 1, 'a'), ev('s', 2, 'b'), ev('s', 3, 'c')]);
    expect(set.size).toBe(3);
    set.forgetBefore(3);
    expect(set.size).toBe(1);
    expect(set.lowestRemembered).toBe(3);
    expect(read(set, [ev('s', 2, 'b'), ev('s', 2, 'new-but-below-floor')])).toEqual([]);
    set.forgetBefore(2); // never moves back
    expect(set.lowestRemembered).toBe(3);
  });

  it('streams and ingestion times distinguish events', () => {
    const set = new PrintedSet();
    expect(read(set, [ev('s1', 1, 'm', 10), ev('s2', 1, 'm', 10), ev('s1', 1, 'm', 11)])).toHaveLength(3);
  });

  // Found by merge-dedupe.property.test.ts. CloudWatch gives every event of one PutLogEvents batch
  // the same ingestion time, so identical lines (blank ones, progress dots) a millisecond apart
  // share stream, ingestion time and message: only the timestamp tells them apart. The copies
  // counted within one read were keyed without it.
  it('identical lines of neighbouring milliseconds: a wider re-read does not print the first again', () => {
    const set = new PrintedSet();
    const at100 = ev('s', 100, '', 2000);
    const at101 = ev('s', 101, '', 2000);
    expect(read(set, [at101])).toEqual([at101]);
    // The sweep reaches back further: only the line at 100 is new.
    expect(read(set, [at100, at101])).toEqual([at100]);
  });

  it('identical lines of neighbouring milliseconds: a late copy at one of them still prints (the property test\'s counterexample)', () => {
    const set = new PrintedSet();
    const at0 = ev('b', 0, 'x', 1);
    const at1 = ev('b', 1, 'x', 1);
    expect(read(set, [at0, at1])).toEqual([at0, at1]);
    set.forgetBefore(1);
    // A second copy at 1 ms arrives with the same ingestion time: it is new, and printed once.
    expect(read(set, [at0, at1, at1])).toEqual([at1]);
  });
});
