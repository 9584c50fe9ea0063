// Small HTTP helpers: JSON answers, Status errors, request bodies, and the request log hook.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, internalError, unsupportedMediaType } from './status';
import type { RequestLogEntry } from './types';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  query: Record<string, string>;
  log: RequestLogEntry;
}

export function writeHead(x: Exchange, status: number, headers: Record<string, string>): void {
  x.log.status = status;
  x.res.writeHead(status, { 'Cache-Control': 'no-cache, private', ...headers });
}

export function sendJson(x: Exchange, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  writeHead(x, status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)) });
  x.res.end(text);
}

export function sendText(x: Exchange, status: number, text: string): void {
  writeHead(x, status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  x.res.end(text);
}

export function sendError(x: Exchange, err: unknown): void {
  const e = err instanceof ApiError ? err : internalError(err instanceof Error ? err.message : String(err));
  if (x.res.headersSent) {
    x.res.destroy();
    return;
  }
  sendJson(x, e.code, e.body);
}

const MAX_BODY = 3 * 1024 * 1024;

export async function readBody(x: Exchange): Promise<string> {
  return (await readRaw(x)).toString('utf8');
}

export async function readRaw(x: Exchange): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of x.req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw badRequest('request entity too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export async function readJson(x: Exchange): Promise<unknown> {
  const ct = (x.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct !== '' && ct !== 'application/json' && ct !== '*/*') throw unsupportedMediaType(['application/json']);
  const text = await readBody(x);
  if (text.trim() === '') throw badRequest('the request body is empty');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`the request body is not valid JSON: ${(e as Error).message}`);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
