// Helpers for the stand-in's own tests: HTTPS requests and watch streams against a running stand-in.

import { readFileSync, readdirSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { KubeStandIn } from './standin';

export interface Creds {
  token?: string;
  cert?: { certPem: string; keyPem: string };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export function request(
  s: KubeStandIn,
  path: string,
  opts: Creds & { method?: string; accept?: string; body?: unknown; contentType?: string; headers?: Record<string, string | string[]> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if (opts.accept) headers.Accept = opts.accept;
    let payload: Buffer | undefined;
    if (opts.body !== undefined) {
      payload = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    const req = https.request(
      `${s.url}${path}`,
      {
        method: opts.method ?? 'GET',
        headers,
        ca: s.caPem,
        agent: false,
        ...(opts.cert ? { cert: opts.cert.certPem, key: opts.cert.keyPem } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export interface WatchStream {
  status: Promise<number>;
  headers: Promise<Record<string, string | string[] | undefined>>;
  /** Events received so far (parsed lines). */
  events: any[];
  /** Resolves with the n-th event (1-based count), waiting up to ms. */
  waitFor(count: number, ms?: number): Promise<any[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function watch(s: KubeStandIn, path: string, creds: Creds & { accept?: string } = {}): WatchStream {
  const events: any[] = [];
  const waiters: Array<() => void> = [];
  let endResolve!: () => void;
  const ended = new Promise<void>((r) => (endResolve = r));
  let statusResolve!: (n: number) => void;
  const status = new Promise<number>((r) => (statusResolve = r));
  let headersResolve!: (h: Record<string, string | string[] | undefined>) => void;
  const headersP = new Promise<Record<string, string | string[] | undefined>>((r) => (headersResolve = r));
  const headers: Record<string, string> = {};
  if (creds.token) headers.Authorization = `Bearer ${creds.token}`;
  headers.Accept = creds.accept ?? '*/*';
  const req = https.get(
    `${s.url}${path}`,
    { headers, ca: s.caPem, agent: false, ...(creds.cert ? { cert: creds.cert.certPem, key: creds.cert.keyPem } : {}) },
    (res) => {
      statusResolve(res.statusCode ?? 0);
      headersResolve(res.headers);
      const rl = createInterface({ input: res });
      rl.on('error', () => endResolve());
      rl.on('line', (line) => {
        if (line.trim() === '') return;
        events.push(JSON.parse(line));
        for (const w of waiters.splice(0)) w();
      });
      res.on('end', () => endResolve());
      res.on('close', () => endResolve());
      res.on('error', () => endResolve());
    },
  );
  req.on('error', () => endResolve());
  return {
    status,
    headers: headersP,
    events,
    ended,
    waitFor(count, ms = 5000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`timed out waiting for ${count} watch events; got ${JSON.stringify(events)}`)), ms);
        const check = () => {
          if (events.length >= count) {
            clearTimeout(deadline);
            resolve(events.slice(0, count));
          } else waiters.push(check);
        };
        check();
      });
    },
    close() {
      req.destroy();
    },
  };
}

/** Every fixture CR as one multi-document YAML text (one loadObjects batch keeps their resourceVersions). */
export function fixturesYaml(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n---\n');
}

export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
