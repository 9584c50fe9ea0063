import type { Readable } from 'node:stream';

/**
 * Collects an HTTP response body into bytes, for the SDK clients' `streamCollector`.
 *
 * The SDK's default collector first asks whether the body is a web ReadableStream; in Node 20
 * merely naming the `ReadableStream` global loads the whole web-streams implementation (~4 ms of
 * a `describe`'s start-up). Under Node's HTTP handler the body is always an IncomingMessage, so
 * reading it as the Node.js stream it is answers the same bytes without that detour.
 */
export function collectNodeBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return Promise.resolve(body);
  if (body === undefined || body === null) return Promise.resolve(new Uint8Array(0));
  const stream = body as Readable;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.once('error', reject);
    stream.once('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    // A connection dropped mid-body may close the stream without an error: that is a network
    // failure (retried like one), never a short answer.
    stream.once('close', () => {
      if (!ended) reject(Object.assign(new Error('aborted: the connection closed before the response ended'), { code: 'ECONNRESET' }));
    });
  });
}
