import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { encodeEventStreamMessage, LiveTail } from './livetail';
import { LogsModel } from './logs-model';
import { T0 } from './test-support';

/** Minimal decoder for assertions: checks both CRCs, returns headers and JSON body. */
function decode(buf: Buffer): { headers: Record<string, string>; body: any }[] {
  const out = [];
  let off = 0;
  while (off < buf.length) {
    const total = buf.readUInt32BE(off);
    const hlen = buf.readUInt32BE(off + 4);
    expect(buf.readUInt32BE(off + 8)).toBe(crc32(buf.subarray(off, off + 8)));
    expect(buf.readUInt32BE(off + total - 4)).toBe(crc32(buf.subarray(off, off + total - 4)));
    const headers: Record<string, string> = {};
    let h = off + 12;
    while (h < off + 12 + hlen) {
      const nl = buf.readUInt8(h);
      const name = buf.toString('utf8', h + 1, h + 1 + nl);
      expect(buf.readUInt8(h + 1 + nl)).toBe(7);
      const vl = buf.readUInt16BE(h + 2 + nl);
      headers[name] = buf.toString('utf8', h + 4 + nl, h + 4 + nl + vl);
      h += 4 + nl + vl;
    }
    out.push({ headers, body: JSON.parse(buf.toString('utf8', off + 12 + hlen, off + total - 4)) });
    off += total;
  }
  return out;
}

class FakeResponse extends EventEmitter {
  chunks: Buffer[] = [];
  accept = Infinity;
  writeHead() {
    return this;
  }
  write(b: Buffer): boolean {
    this.chunks.push(b);
    return this.chunks.length < this.accept;
  }
  end() {
    this.emit('close');
  }
}

describe('event stream encoding', () => {
  it('frames messages with string headers and valid CRCs', () => {
    const msg = encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'sessionUpdate' }, Buffer.from('{"a":1}'));
    expect(decode(msg)).toEqual([{ headers: { ':message-type': 'event', ':event-type': 'sessionUpdate' }, body: { a: 1 } }]);
  });
});

describe('LiveTail slow readers', () => {
  it('keeps the newest 10 updates for a reader that does not drain, then flushes them in order', () => {
    const clock = new ManualClock(T0);
    const logs = new LogsModel(clock);
    logs.createLogStream('/g', 's', { createdAt: T0 - 1 });
    const lt = new LiveTail(logs, clock, () => 3_600_000); // updates driven by hand below
    const res = new FakeResponse();
    res.accept = 1; // the socket buffer is "full" after the sessionStart frame
    const body = { logGroupIdentifiers: ['arn:aws:logs:us-west-2:111122223333:log-group:/g'] };
    lt.start(lt.prepare(body, clock.now()), body, res as unknown as ServerResponse);
    const [session] = (lt as unknown as { sessions: Set<unknown> }).sessions;
    const update = () => (lt as unknown as { update(s: unknown): void }).update(session);
    for (let i = 1; i <= 14; i++) {
      logs.putLogEvents('/g', 's', [{ timestamp: T0 + i * 1000, message: `event ${i}`, ingestionTime: T0 + i * 1000 }]);
      clock.set(T0 + i * 1000);
      update();
    }
    expect(res.chunks).toHaveLength(1);
    res.accept = Infinity;
    res.emit('drain');
    const frames = decode(Buffer.concat(res.chunks));
    expect(frames[0]!.headers[':event-type']).toBe('sessionStart');
    expect(frames.slice(1).map((f) => f.body.sessionResults.map((e: { message: string }) => e.message))).toEqual(
      Array.from({ length: 10 }, (_, i) => [`event ${i + 5}`]),
    );
    lt.closeAll();
    expect(lt.activeSessions).toBe(0);
  });
});
