import http from 'node:http';
import https from 'node:https';
import { addSecret, debug, debugOn } from '../core/debug';
import { SmlogsError } from '../core/errors';
import { formatDuration } from '../core/duration';
import type { KubeConnection } from './connection';

/** A Kubernetes `Status` body, as the API server sends with every error. */
export interface KubeStatus {
  readonly kind?: string;
  readonly status?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly name?: string; readonly group?: string; readonly kind?: string };
}

/** An HTTP error answer of the API server; its message is the server's own (one line). */
export class KubeApiError extends SmlogsError {
  constructor(
    readonly status: number,
    readonly body: KubeStatus | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, undefined, options);
    this.name = 'KubeApiError';
  }

  get reason(): string | undefined {
    return this.body?.reason;
  }

  /** 404 for a path the server does not serve at all (the CRD is not installed), not a missing object. */
  get unknownPath(): boolean {
    return this.status === 404 && !this.body?.details?.name;
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
]);

export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: any;
}

/**
 * Plain HTTPS to the API server with client-node's authentication (tokens, client certificates,
 * exec plugins such as `aws eks get-token`). The generated API clients are not used: the plugin
 * needs six GETs and one POST, and it needs the Status bodies intact for its error lines.
 */
export class KubeClient {
  private agent: http.Agent | undefined;
  private agentKey = '';

  constructor(readonly conn: KubeConnection) {}

  async get<T>(path: string, accept = 'application/json'): Promise<{ body: T; contentType: string }> {
    const r = await this.request('GET', path, accept);
    return { body: parseJson<T>(r.text, path), contentType: r.contentType };
  }

  async post<T>(path: string, payload: unknown): Promise<T> {
    const r = await this.request('POST', path, 'application/json', JSON.stringify(payload));
    return parseJson<T>(r.text, path);
  }

  /** Streams watch events until the server ends the stream or `signal` aborts. */
  async watch(path: string, onEvent: (e: WatchEvent) => void, signal?: AbortSignal): Promise<void> {
    const res = await this.open('GET', path, 'application/json', undefined, signal, true);
    if ((res.statusCode ?? 0) >= 300) {
      const text = await readAll(res);
      throw this.httpError('GET', res.statusCode ?? 0, text, path);
    }
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          try {
            onEvent(JSON.parse(line) as WatchEvent);
          } catch {
            // A half line or garbage: the server will resend state on the next watch.
          }
        }
      });
      res.on('end', () => resolve());
      res.on('close', () => resolve());
      res.on('error', (e) => (signal?.aborted ? resolve() : reject(e)));
    });
  }

  private async request(method: string, path: string, accept: string, body?: string): Promise<{ text: string; contentType: string }> {
    const res = await this.open(method, path, accept, body);
    const text = await readAll(res);
    const status = res.statusCode ?? 0;
    if (status >= 300) throw this.httpError(method, status, text, path);
    return { text, contentType: String(res.headers['content-type'] ?? '') };
  }

  private async open(method: string, path: string, accept: string, body?: string, signal?: AbortSignal, streaming = false): Promise<http.IncomingMessage> {
    const { conn } = this;
    const url = new URL(path, conn.server.endsWith('/') ? conn.server : conn.server + '/');
    // The server may sit under a path prefix (Rancher, kubectl proxy): keep it.
    const base = new URL(conn.server);
    if (base.pathname !== '/' && base.pathname !== '') url.pathname = base.pathname.replace(/\/$/, '') + path.split('?')[0];
    const opts: https.RequestOptions = { method, headers: { Accept: accept, 'User-Agent': 'kubectl-smlogs' } };
    try {
      await conn.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      // -v shows the whole cause (an exec plugin's stderr), redacted like every error line.
      throw new SmlogsError(`getting credentials for user "${conn.userName}" (context "${conn.contextName}") failed: ${oneLine(e)}`, undefined, { cause: e });
    }
    registerCredentials(opts);
    const headers = { ...(opts.headers as Record<string, string>), ...conn.headers } as http.OutgoingHttpHeaders;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const isHttps = url.protocol === 'https:';
    const agent = this.agentFor(opts, isHttps);
    const req = (isHttps ? https : http).request(url, {
      method,
      headers,
      agent,
      ...(opts.auth ? { auth: opts.auth } : {}),
    });
    const timeout = streaming ? undefined : conn.requestTimeoutMs;
    const started = debugOn() ? performance.now() : 0;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        req.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeout) {
        req.setTimeout(timeout, () => req.destroy(Object.assign(new Error('timeout'), { code: 'SMLOGS_TIMEOUT' })));
      }
      req.on('response', (res) => {
        if (started) traceRequest(method, url, started, `${res.statusCode ?? 0} ${http.STATUS_CODES[res.statusCode ?? 0] ?? ''}`.trim(), streaming);
        resolve(res);
      });
      req.on('error', (e) => {
        if (started) traceRequest(method, url, started, (e as NodeJS.ErrnoException).code ?? e.message, streaming);
        reject(this.networkError(e as NodeJS.ErrnoException, timeout));
      });
      req.end(body);
    });
  }

  private agentFor(opts: https.RequestOptions, isHttps: boolean): http.Agent {
    const key = [opts.ca, opts.cert, opts.key, opts.rejectUnauthorized, opts.servername].map((x) => (x === undefined ? '' : String(x))).join('|');
    if (!this.agent || key !== this.agentKey) {
      this.agent?.destroy();
      this.agent = isHttps
        ? new https.Agent({
            keepAlive: true,
            ...(opts.ca ? { ca: opts.ca } : {}),
            ...(opts.cert ? { cert: opts.cert } : {}),
            ...(opts.key ? { key: opts.key } : {}),
            ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
            ...(opts.servername ? { servername: opts.servername } : {}),
          })
        : new http.Agent({ keepAlive: true });
      this.agentKey = key;
    }
    return this.agent;
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private networkError(e: NodeJS.ErrnoException, timeout?: number): SmlogsError {
    const { server, contextName } = this.conn;
    const code = e.code ?? '';
    if (code === 'SMLOGS_TIMEOUT') {
      const within = timeout !== undefined && timeout < 1000 ? `${timeout}ms` : formatDuration(timeout ?? 0);
      return new SmlogsError(`the Kubernetes API server ${server} did not answer within ${within} (--request-timeout)`, undefined, { cause: e });
    }
    if (TLS_CODES.has(code)) {
      return new SmlogsError(`TLS verification of the Kubernetes API server ${server} failed (${code}): check the certificate-authority of context "${contextName}", or pass --insecure-skip-tls-verify`, undefined, { cause: e });
    }
    const what = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'host not found' : oneLine(e);
    return new SmlogsError(`cannot reach the Kubernetes API server ${server} (context "${contextName}"): ${what}`, undefined, { cause: e });
  }

  private httpError(method: string, status: number, text: string, path: string): KubeApiError {
    const { server, userName, contextName } = this.conn;
    let body: KubeStatus | undefined;
    try {
      body = JSON.parse(text) as KubeStatus;
    } catch {
      body = undefined;
    }
    // What -v prints: the request and the server's whole answer.
    const details = { cause: new Error(`${method} ${server.replace(/\/$/, '')}${path} answered ${status} ${http.STATUS_CODES[status] ?? ''}: ${text.trim() || '(no body)'}`) };
    if (status === 401) {
      return new KubeApiError(status, body, `the Kubernetes API server ${server} rejected the credentials of user "${userName}" in context "${contextName}" (401 Unauthorized): log in again or check the kubeconfig`, details);
    }
    const message = body?.message ?? `${status} ${http.STATUS_CODES[status] ?? ''} from ${path}`.trim();
    return new KubeApiError(status, body, message, details);
  }
}

/** -v: one line per request, like kubectl -v=6 (the server is on the connection's line). */
function traceRequest(method: string, url: URL, started: number, outcome: string, streaming: boolean): void {
  debug(`kube: ${method} ${url.pathname}${url.search} ${outcome} in ${Math.round(performance.now() - started)} ms${streaming ? ' (watch)' : ''}`);
}

/**
 * The credentials client-node put on the request (a kubeconfig or --token token, an exec
 * plugin's or a token file's, a client key, a password) are secrets from now on.
 */
function registerCredentials(opts: https.RequestOptions): void {
  const auth = (opts.headers as Record<string, unknown> | undefined)?.Authorization ?? (opts.headers as Record<string, unknown> | undefined)?.authorization;
  if (typeof auth === 'string') addSecret(auth.replace(/^\S+\s+/, ''));
  if (typeof opts.key === 'string' || Buffer.isBuffer(opts.key)) addSecret(opts.key);
  if (typeof opts.auth === 'string') addSecret(opts.auth.slice(opts.auth.indexOf(':') + 1));
}

function parseJson<T>(text: string, path: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SmlogsError(`the Kubernetes API server sent an unreadable answer for ${path}`);
  }
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function oneLine(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)[0] ?? String(e);
}
