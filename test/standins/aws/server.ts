// The HTTP front: one server on 127.0.0.1 for both services, AWS JSON 1.1 on `POST /`, routed on
// X-Amz-Target; a form-encoded `POST /` without X-Amz-Target whose form has `Action` is STS (the
// query protocol, sts-api.ts). Every request is recorded, then delayed (latency knob), then given to the fault engine,
// then to the Logs or SageMaker handlers. A small admin API under /__standin/ (not recorded) lets a
// separate process (the benchmark) inspect and steer a stand-in started with cli.ts.

import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ManualClock, RealClock, type Clock } from './clock';
import { ApiError, commonErrors, StandInConfigError } from './errors';
import { defaultFaults, FaultEngine, mergeFaults, type FaultSettings, type FaultSettingsInput, type ScriptedFault } from './faults';
import { LiveTail } from './livetail';
import { LogsApi, LOGS_OPERATIONS } from './logs-api';
import { LogsModel } from './logs-model';
import type { RecordedRequest } from './request-log';
import { Rng } from './rng';
import { SageMakerApi, SAGEMAKER_OPERATIONS } from './sagemaker-api';
import { SageMakerModel } from './sagemaker-model';
import { CallerAccounts, callerIdentityXml, callerOf, parseQueryForm, queryError, stsOperation, type Caller } from './sts-api';
import { applyPlan, parseScenarioText, planScenario, toScenarioInput } from './scenario';
import type { AwsScenario } from './scenario-types';
import { TokenRegistry } from './tokens';

export interface StartOptions {
  /** A scenario object, or a path to a YAML/JSON file. */
  scenario?: AwsScenario | string;
  /** Default 0 (ephemeral). */
  port?: number;
  host?: '127.0.0.1';
  /** Default: a RealClock. */
  clock?: Clock;
  /** Seed of the RNG behind probabilistic faults (default 1). */
  seed?: number;
}

export interface AwsStandIn {
  readonly url: string;
  readonly port: number;
  readonly clock: Clock;
  readonly requests: RecordedRequest[];
  readonly sagemaker: SageMakerModel;
  readonly logs: LogsModel;
  faults: FaultSettings;
  failNext(operation: string, count: number, fault: ScriptedFault): void;
  loadScenario(s: AwsScenario | string): void;
  reset(): void;
  close(): Promise<void>;
  /** Merges a partial fault settings object over the current one (`quotas: null` removes all quotas). */
  setFaults(partial: FaultSettingsInput): void;
  /** Scripted faults still queued, per operation. */
  pendingFaults(): Record<string, number>;
  /** Access key id → AWS account, for STS GetCallerIdentity and AccessDenied messages (default: the scenario's accountId). */
  readonly callerAccounts: CallerAccounts;
  setCallerAccount(accessKeyId: string, account: string): void;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const XML_CONTENT_TYPE = 'text/xml';
const MAX_BODY = 16 * 1024 * 1024;
const LOGS_PREFIX = 'logs_20140328.';
const SAGEMAKER_PREFIX = 'sagemaker.';

const LOGS_OPS = new Map([...LOGS_OPERATIONS, 'StartLiveTail'].map((o) => [o.toLowerCase(), o]));
const SM_OPS = new Map(SAGEMAKER_OPERATIONS.map((o) => [o.toLowerCase(), o]));

class StandIn implements AwsStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly sagemaker: SageMakerModel;
  readonly logs: LogsModel;
  readonly callerAccounts = new CallerAccounts();
  url = '';
  port = 0;
  private _faults: FaultSettings = defaultFaults();
  private rng: Rng;
  private engine: FaultEngine;
  private readonly tokens = new TokenRegistry();
  private readonly logsApi: LogsApi;
  private readonly smApi: SageMakerApi;
  private readonly liveTail: LiveTail;
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;
  private closed = false;

  constructor(
    readonly clock: Clock,
    private readonly seed: number,
  ) {
    this.sagemaker = new SageMakerModel(clock);
    this.logs = new LogsModel(clock);
    this.rng = new Rng(seed);
    this.engine = this.newEngine();
    this.logsApi = new LogsApi(this.logs, this.tokens);
    this.smApi = new SageMakerApi(this.sagemaker, this.tokens);
    this.liveTail = new LiveTail(this.logs, this.clock, () => this._faults.liveTailUpdateMs);
    this.sagemaker.loader = (jobs) => this.loadData({ jobs }, 'addJob');
  }

  private newEngine(): FaultEngine {
    return new FaultEngine(this.rng, () => this._faults, () => ({ region: this.sagemaker.region, accountId: this.sagemaker.accountId }));
  }

  get faults(): FaultSettings {
    return this._faults;
  }

  set faults(v: FaultSettings) {
    this._faults = mergeFaults(defaultFaults(), v, (p, problem) => {
      throw new TypeError(`${p}: ${problem}`);
    });
  }

  setFaults(partial: FaultSettingsInput): void {
    this._faults = mergeFaults(this._faults, partial, (p, problem) => {
      throw new TypeError(`${p}: ${problem}`);
    });
  }

  failNext(operation: string, count: number, fault: ScriptedFault): void {
    this.engine.failNext(operation, count, fault);
  }

  pendingFaults(): Record<string, number> {
    return this.engine.pending();
  }

  setCallerAccount(accessKeyId: string, account: string): void {
    this.callerAccounts.set(accessKeyId, account);
  }

  loadScenario(s: AwsScenario | string): void {
    const { data, source } = toScenarioInput(s);
    this.loadData(data, source);
  }

  private loadData(data: unknown, source: string): void {
    const plan = planScenario(data, {
      source,
      now: this.clock.now(),
      defaults: {
        region: this.sagemaker.region,
        accountId: this.sagemaker.accountId,
        ingestionDelayMs: this.logs.ingestionDelayMs,
        stopDelayMs: this.sagemaker.stopDelayMs,
      },
      baseFaults: this._faults,
      exists: (kind, name) => this.sagemaker.has(kind, name),
    });
    applyPlan(plan, this.sagemaker, this.logs);
    for (const [key, account] of Object.entries(plan.callerAccounts ?? {})) this.callerAccounts.set(key, account);
    if (plan.faults) this._faults = plan.faults;
    if (plan.ingestionDelayMs !== undefined) this.logs.ingestionDelayMs = plan.ingestionDelayMs;
    if (plan.stopDelayMs !== undefined) this.sagemaker.stopDelayMs = plan.stopDelayMs;
  }

  reset(): void {
    this.liveTail.closeAll();
    this.sagemaker.reset();
    this.logs.reset();
    this.tokens.clear();
    this.callerAccounts.clear();
    this._faults = defaultFaults();
    this.rng = new Rng(this.seed);
    this.engine = this.newEngine();
    this.requests.length = 0;
    this.seq = 0;
    this.sagemaker.region = this.logs.region = 'us-west-2';
    this.sagemaker.accountId = this.logs.accountId = '111122223333';
    this.sagemaker.stopDelayMs = 30_000;
    this.logs.ingestionDelayMs = 1000;
  }

  async listen(port: number, host: string): Promise<void> {
    const server = http.createServer((req, res) => {
      this.onRequest(req, res).catch((e: unknown) => {
        // A bug in a handler: answer 500 rather than hang, and say what it was.
        if (!res.headersSent) this.sendError(res, new ApiError(500, 'InternalFailure', `stand-in bug: ${(e as Error)?.stack ?? e}`));
      });
    });
    server.keepAliveTimeout = 5000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (e.code === 'EADDRINUSE') reject(new StandInConfigError(`port ${port} on ${host} is already in use`, { code: 'EADDRINUSE' }));
        else reject(new StandInConfigError(`cannot listen on ${host}:${port}: ${e.code ?? e.message}`, { code: e.code }));
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
    this.server = server;
    const addr = server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    this.url = `http://${host}:${this.port}`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.liveTail.closeAll();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const s of this.sockets) s.destroy();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  // ---- request handling --------------------------------------------------------------------------

  private async readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) return undefined;
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const wallTime = Date.now();
    const clockTime = this.clock.now();
    const started = performance.now();
    const url = req.url ?? '/';
    const pathOnly = url.split('?')[0]!;
    if (pathOnly.startsWith('/__standin/')) return this.admin(req, res, pathOnly, url);
    const raw = await this.readBody(req);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return this.sendError(res, new ApiError(405, 'MethodNotAllowedException', `${req.method} is not allowed: AWS JSON 1.1 services accept POST / only`));
    }
    if (pathOnly !== '/') {
      return this.sendError(res, new ApiError(404, 'UnknownOperationException', `No operation at ${pathOnly}: AWS JSON 1.1 services accept POST / only`));
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const lower = target.toLowerCase();
    const caller: Caller = callerOf(req.headers.authorization);
    caller.account = this.callerAccounts.get(caller.accessKeyId, this.sagemaker.accountId);
    const form = !target && raw !== undefined ? parseQueryForm(req.headers['content-type'], raw.toString('utf8')) : undefined;
    let service: 'logs' | 'sagemaker';
    let operation: string | undefined = form?.Action;
    if (lower.startsWith(LOGS_PREFIX)) {
      service = 'logs';
      operation = LOGS_OPS.get(lower.slice(LOGS_PREFIX.length));
    } else if (lower.startsWith(SAGEMAKER_PREFIX)) {
      service = 'sagemaker';
      operation = SM_OPS.get(lower.slice(SAGEMAKER_PREFIX.length));
    } else {
      service = /\/sagemaker\/aws4_request/.test(String(req.headers.authorization ?? '')) ? 'sagemaker' : 'logs';
    }
    const rec: RecordedRequest = {
      seq: ++this.seq,
      wallTime,
      clockTime,
      service: form ? 'sts' : service,
      operation: operation ?? (target || '(no X-Amz-Target)'),
      body: undefined,
      status: 0,
    };
    const sdkReq = String(req.headers['amz-sdk-request'] ?? '');
    const m = /attempt=(\d+)(?:;\s*max=(\d+))?/.exec(sdkReq);
    if (m) {
      rec.attempt = Number(m[1]);
      if (m[2]) rec.maxAttempts = Number(m[2]);
    }
    if (req.headers['amz-sdk-invocation-id']) rec.invocationId = String(req.headers['amz-sdk-invocation-id']);
    if (req.headers['user-agent']) rec.userAgent = String(req.headers['user-agent']);
    if (caller.accessKeyId) rec.accessKeyId = caller.accessKeyId;
    if (caller.region) rec.region = caller.region;
    this.requests.push(rec);

    const finish = (status: number, errorCode?: string) => {
      rec.status = status;
      if (errorCode) rec.errorCode = errorCode;
      rec.durationMs = Math.round((performance.now() - started) * 100) / 100;
    };
    if (form) return this.onStsRequest(req, res, rec, form, caller, finish);

    let body: Record<string, unknown>;
    if (raw === undefined) {
      const e = commonErrors.serialization('Request body too large');
      finish(e.status, e.code);
      return this.sendError(res, e);
    }
    const text = raw.toString('utf8');
    try {
      const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
      rec.body = body;
    } catch {
      rec.body = text;
      const e = commonErrors.serialization('The request body is not a JSON object');
      finish(e.status, e.code);
      return this.sendError(res, e);
    }
    if (!operation) {
      const e = commonErrors.unknownOperation(target);
      finish(e.status, e.code);
      return this.sendError(res, e);
    }

    const f = this._faults;
    const latency = f.latencyMs + (f.latencyJitterMs > 0 ? this.engine.randomInt(Math.ceil(f.latencyJitterMs)) : 0);
    if (latency > 0) await this.sleep(latency);
    if (this.closed) return;

    const resource = service === 'logs' ? this.logsApi.resourceOf(body) : this.smApi.resourceOf(operation, body);
    const decision = this.engine.decide(operation, service, resource, caller);
    if (decision.fault) rec.fault = decision.fault;
    if (operation === 'StartLiveTail' && decision.kind === 'pass') {
      let prepared;
      try {
        prepared = this.liveTail.prepare(body, this.clock.now());
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        finish(e.status, e.code);
        return this.sendError(res, e);
      }
      finish(200);
      return this.liveTail.start(prepared, body, res);
    }
    if (decision.kind === 'drop') {
      if (decision.when === 'before' || operation === 'StartLiveTail') {
        finish(0);
        req.socket.destroy();
        return;
      }
      // Headers and part of the body, then the connection dies.
      finish(200);
      return this.sendJson(res, 200, this.dispatchSafely(service, operation, body, undefined).body, {}, true);
    }
    if (decision.kind === 'error') {
      finish(decision.error.status, decision.error.code);
      const headers: Record<string, string> = {};
      if (decision.retryAfterMs !== undefined) headers['x-amz-retry-after'] = String(decision.retryAfterMs);
      return this.sendError(res, decision.error, headers);
    }
    const result = this.dispatchSafely(service, operation, body, decision.pageFault);
    finish(result.status, result.errorCode);
    if (result.error) return this.sendError(res, result.error);
    return this.sendJson(res, 200, result.body);
  }

  /** STS (query protocol): validation, then the fault engine (faults use the query protocol's codes), then GetCallerIdentity. */
  private async onStsRequest(
    req: IncomingMessage,
    res: ServerResponse,
    rec: RecordedRequest,
    form: Record<string, string>,
    caller: Caller,
    finish: (status: number, errorCode?: string) => void,
  ): Promise<void> {
    rec.body = form;
    const requestId = randomUUID();
    const fail = (e: ApiError): void => {
      const q = queryError(e, requestId);
      finish(q.status, q.code);
      this.sendXml(res, q.status, q.xml, requestId);
    };
    let operation: string;
    try {
      operation = stsOperation(form);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return fail(e);
    }
    const f = this._faults;
    const latency = f.latencyMs + (f.latencyJitterMs > 0 ? this.engine.randomInt(Math.ceil(f.latencyJitterMs)) : 0);
    if (latency > 0) await this.sleep(latency);
    if (this.closed) return;
    const decision = this.engine.decide(operation, 'sts', '*', caller);
    if (decision.fault) rec.fault = decision.fault;
    if (decision.kind === 'error') return fail(decision.error);
    const xml = callerIdentityXml(caller, caller.account ?? this.sagemaker.accountId, requestId);
    if (decision.kind === 'drop') {
      finish(decision.when === 'before' ? 0 : 200);
      if (decision.when === 'before') {
        req.socket.destroy();
        return;
      }
      return this.sendXml(res, 200, xml, requestId, true);
    }
    finish(200);
    return this.sendXml(res, 200, xml, requestId);
  }

  private sendXml(res: ServerResponse, status: number, xml: string, requestId: string, dropMid = false): void {
    const payload = Buffer.from(xml, 'utf8');
    res.writeHead(status, {
      'Content-Type': XML_CONTENT_TYPE,
      'Content-Length': String(payload.length),
      'x-amzn-RequestId': requestId,
      Date: new Date().toUTCString(),
    });
    if (dropMid) {
      res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))), () => res.socket?.destroy());
      return;
    }
    res.end(payload);
  }

  private dispatchSafely(
    service: 'logs' | 'sagemaker',
    operation: string,
    body: Record<string, unknown>,
    pageFault: RecordedRequest['fault'] | undefined,
  ): { status: number; body: Record<string, unknown>; error?: ApiError; errorCode?: string } {
    const now = this.clock.now();
    try {
      const out =
        service === 'logs'
          ? this.logsApi.handle(operation, body, {
              now,
              pageFault: pageFault as 'empty-page' | 'partial-page' | 'repeat-token' | undefined,
              faults: this._faults,
              randomInt: (n) => this.engine.randomInt(n),
            })
          : this.smApi.handle(operation, body, now);
      return { status: 200, body: out };
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, body: {}, error: e, errorCode: e.code };
      throw e;
    }
  }

  private sendJson(res: ServerResponse, status: number, obj: unknown, headers: Record<string, string> = {}, dropMid = false): void {
    const payload = Buffer.from(JSON.stringify(obj), 'utf8');
    res.writeHead(status, {
      'Content-Type': CONTENT_TYPE,
      'Content-Length': String(payload.length),
      'x-amzn-RequestId': randomUUID(),
      Date: new Date().toUTCString(),
      ...headers,
    });
    if (dropMid) {
      const part = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
      res.write(part, () => res.socket?.destroy());
      return;
    }
    res.end(payload);
  }

  private sendError(res: ServerResponse, e: ApiError, headers: Record<string, string> = {}): void {
    const body: Record<string, string> = { __type: e.code, message: e.message };
    if (e.upperMessage) body.Message = e.message;
    this.sendJson(res, e.status, body, { 'x-amzn-ErrorType': e.code, ...headers });
  }

  // ---- admin API (for stand-ins in another process) ----------------------------------------------

  private async admin(req: IncomingMessage, res: ServerResponse, pathOnly: string, url: string): Promise<void> {
    const raw = (await this.readBody(req)) ?? Buffer.alloc(0);
    const reply = (status: number, obj: unknown) => {
      const payload = Buffer.from(JSON.stringify(obj));
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) });
      res.end(payload);
    };
    const json = (): unknown => (raw.length ? JSON.parse(raw.toString('utf8')) : {});
    try {
      const route = `${req.method} ${pathOnly}`;
      switch (route) {
        case 'GET /__standin/health':
          return reply(200, { ok: true, url: this.url, clock: this.clock.now(), requests: this.requests.length });
        case 'GET /__standin/requests': {
          const since = Number(new URL(url, 'http://x').searchParams.get('since') ?? '0');
          return reply(200, this.requests.filter((r) => r.seq > since));
        }
        case 'GET /__standin/faults':
          return reply(200, { faults: this._faults, pending: this.pendingFaults() });
        case 'POST /__standin/faults':
          this.setFaults(json() as FaultSettingsInput);
          return reply(200, { faults: this._faults });
        case 'POST /__standin/fail-next': {
          const b = json() as { operation: string; count: number; fault: ScriptedFault };
          this.failNext(b.operation, b.count, b.fault);
          return reply(200, { pending: this.pendingFaults() });
        }
        case 'POST /__standin/reset':
          this.reset();
          return reply(200, { ok: true });
        case 'POST /__standin/scenario': {
          const text = raw.toString('utf8');
          this.loadData(parseScenarioText(text, 'scenario (admin API)'), 'scenario (admin API)');
          return reply(200, { ok: true });
        }
        case 'GET /__standin/clock':
          return reply(200, { now: this.clock.now(), manual: this.clock instanceof ManualClock });
        case 'POST /__standin/clock': {
          if (!(this.clock instanceof ManualClock)) return reply(409, { error: 'the stand-in runs on a RealClock' });
          const b = json() as { advanceMs?: number; setMs?: number };
          if (typeof b.setMs === 'number') this.clock.set(b.setMs);
          if (typeof b.advanceMs === 'number') this.clock.advance(b.advanceMs);
          return reply(200, { now: this.clock.now() });
        }
        default:
          return reply(404, { error: `no admin route ${route}` });
      }
    } catch (e) {
      return reply(400, { error: (e as Error).message });
    }
  }
}

/** Starts a stand-in on 127.0.0.1 (ephemeral port unless given). Throws StandInConfigError for a bad scenario or a busy port. */
export async function startAwsStandIn(opts: StartOptions = {}): Promise<AwsStandIn> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new StandInConfigError(`the stand-in binds to 127.0.0.1 only, not ${String(host)}`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StandInConfigError(`port must be an integer 0..65535, got ${port}`);
  const s = new StandIn(opts.clock ?? new RealClock(), opts.seed ?? 1);
  if (opts.scenario !== undefined) s.loadScenario(opts.scenario); // validate before binding
  await s.listen(port, host);
  return s;
}
