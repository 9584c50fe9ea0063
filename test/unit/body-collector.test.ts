import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectNodeBody } from '../../src/aws/body-collector';

describe('collectNodeBody', () => {
  it('joins every chunk of a Node.js stream, in order', async () => {
    const bytes = await collectNodeBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1'), Buffer.from('}')]));
    expect(Buffer.from(bytes).toString()).toBe('{"a":1}');
  });

  it('answers bytes as they are and an absent body as empty', async () => {
    const b = new Uint8Array([1, 2, 3]);
    expect(await collectNodeBody(b)).toBe(b);
    expect((await collectNodeBody(undefined)).byteLength).toBe(0);
  });

  it('fails like a reset connection when the stream closes before its end', async () => {
    const s = new PassThrough();
    const p = collectNodeBody(s);
    s.write('{"events":[');
    s.destroy();
    await expect(p).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('passes a stream error on', async () => {
    const s = new PassThrough();
    const p = collectNodeBody(s);
    s.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(p).rejects.toThrow('socket hang up');
  });
});
