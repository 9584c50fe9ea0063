// Fault injection: per-operation rate quotas (token buckets on WALL time), scripted faults (failNext),
// persistent auth faults, and probabilistic throttles, 5xx, dropped connections and page anomalies.
// Every random choice comes from the stand-in's seeded Rng, and a probability of 0 draws nothing, so a
// run is reproducible from its seed.

import { ApiError, commonErrors } from './errors';
import { Rng } from './rng';

export type PageFault = 'empty-page' | 'partial-page' | 'repeat-token';

export type AuthFault = 'access-denied' | 'unrecognized-client';

/** A persistent auth fault of one operation: for every caller, or only for these access key ids. */
export type DeniedRule = AuthFault | { fault: AuthFault; accessKeyIds: string[] };

export type Service = 'logs' | 'sagemaker' | 'sts';

/** Who sent a request (from its SigV4 credential scope), for per-caller faults and messages. */
export interface CallerInfo {
  accessKeyId?: string;
  account?: string;
}

export type ScriptedFault =
  | 'throttle'
  | 'internal-error'
  | 'unavailable'
  | 'drop-before-response'
  | 'drop-mid-response'
  | PageFault
  | 'access-denied'
  | 'unrecognized-client'
  | { status: number; code: string; message: string };

export const SCRIPTED_FAULTS = [
  'throttle', 'internal-error', 'unavailable', 'drop-before-response', 'drop-mid-response',
  'empty-page', 'partial-page', 'repeat-token', 'access-denied', 'unrecognized-client',
] as const;

/** Operations whose responses are pages (page faults apply to these only). */
export const PAGED_OPERATIONS = new Set(['GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams']);

export interface FaultSettings {
  /** Requests per second per operation, on wall time (burst = max(1, rate)); 0/undefined = no quota. */
  quotas: Record<string, number | undefined>;
  throttleProbability: number;
  /** 500 InternalFailure or 503 ServiceUnavailableException, half each. */
  serverErrorProbability: number;
  /** Connection destroyed before the response or after headers and part of the body, half each. */
  dropProbability: number;
  latencyMs: number;
  /** Extra uniform random latency in [0, latencyJitterMs). */
  latencyJitterMs: number;
  emptyPageProbability: number;
  partialPageProbability: number;
  repeatTokenProbability: number;
  /** When set, throttles carry `x-amz-retry-after: <ms>`. */
  retryAfterMs?: number;
  /** Operations that always fail with an auth error (for every caller, or for the listed access keys). */
  denied: Record<string, DeniedRule>;
  /** DescribeLogStreams shows lastEventTimestamp/lastIngestionTime/firstEventTimestamp as of now minus this. */
  staleStreamMetadataMs: number;
  /** Restrict the probabilistic faults (throttle, 5xx, drop, page) to these operations; default all. */
  operations?: string[];
  /** Wall-clock period of StartLiveTail sessionUpdate events (default 1000). Read when a session starts. */
  liveTailUpdateMs: number;
}

/**
 * What callers may pass to setFaults / a scenario's `faults` / the `faults` setter: any subset.
 * `quotas: null` removes every quota; a quota of 0, null or "off" removes that one. Maps are merged
 * key by key.
 */
export type FaultSettingsInput = Partial<Omit<FaultSettings, 'quotas' | 'denied' | 'operations'>> & {
  quotas?: Record<string, number | 'off' | null | undefined> | null;
  denied?: Record<string, DeniedRule | null | undefined>;
  operations?: string[] | null;
};

export const DEFAULT_QUOTAS: Readonly<Record<string, number>> = { GetLogEvents: 25, FilterLogEvents: 10, DescribeLogStreams: 25 };

export function defaultFaults(): FaultSettings {
  return {
    quotas: { ...DEFAULT_QUOTAS },
    throttleProbability: 0,
    serverErrorProbability: 0,
    dropProbability: 0,
    latencyMs: 0,
    latencyJitterMs: 0,
    emptyPageProbability: 0,
    partialPageProbability: 0,
    repeatTokenProbability: 0,
    denied: {},
    staleStreamMetadataMs: 0,
    liveTailUpdateMs: 1000,
  };
}

const PROBABILITIES = [
  'throttleProbability', 'serverErrorProbability', 'dropProbability', 'emptyPageProbability', 'partialPageProbability', 'repeatTokenProbability',
] as const;
const NON_NEGATIVE = ['latencyMs', 'latencyJitterMs', 'staleStreamMetadataMs', 'liveTailUpdateMs'] as const;
export const FAULT_KEYS = [
  'quotas', ...PROBABILITIES, ...NON_NEGATIVE, 'retryAfterMs', 'denied', 'operations',
] as const;

/**
 * Validates a (partial) settings object and merges it over `base` (quotas and denied maps are merged
 * key by key). `fail(path, problem)` reports a bad field; it must throw.
 */
export function mergeFaults(base: FaultSettings, input: unknown, fail: (path: string, problem: string) => never, at = 'faults'): FaultSettings {
  if (input === undefined || input === null) return base;
  if (typeof input !== 'object' || Array.isArray(input)) fail(at, 'must be a mapping of fault settings');
  const inp = input as Record<string, unknown>;
  const out: FaultSettings = { ...base, quotas: { ...base.quotas }, denied: { ...base.denied } };
  for (const [k, v] of Object.entries(inp)) {
    const p = `${at}.${k}`;
    if (!(FAULT_KEYS as readonly string[]).includes(k)) fail(p, `unknown fault setting (known: ${FAULT_KEYS.join(', ')})`);
    if (v === undefined) continue;
    if ((PROBABILITIES as readonly string[]).includes(k)) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(p, `must be a probability between 0 and 1, got ${JSON.stringify(v)}`);
      (out as unknown as Record<string, unknown>)[k] = v;
    } else if ((NON_NEGATIVE as readonly string[]).includes(k) || k === 'retryAfterMs') {
      if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) fail(p, `must be a number of milliseconds >= 0, got ${JSON.stringify(v)}`);
      (out as unknown as Record<string, unknown>)[k] = v;
    } else if (k === 'quotas') {
      if (v === null) {
        out.quotas = {};
        continue;
      }
      if (typeof v !== 'object' || Array.isArray(v)) fail(p, 'must map operation names to requests per second');
      for (const [op, r] of Object.entries(v as Record<string, unknown>)) {
        if (r === null || r === undefined || r === 'off' || r === 0) delete out.quotas[op];
        else if (typeof r !== 'number' || !(r > 0) || !Number.isFinite(r)) fail(`${p}.${op}`, `must be a rate > 0 (requests per second), 0 or "off", got ${JSON.stringify(r)}`);
        else out.quotas[op] = r;
      }
    } else if (k === 'denied') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, 'must map operation names to "access-denied" or "unrecognized-client"');
      for (const [op, f] of Object.entries(v as Record<string, unknown>)) {
        if (f === null || f === undefined || f === false) delete out.denied[op];
        else out.denied[op] = deniedRule(f, `${p}.${op}`, fail);
      }
    } else if (k === 'operations') {
      if (v === null) out.operations = undefined;
      else if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(p, 'must be a list of operation names');
      else out.operations = [...(v as string[])];
    }
  }
  return out;
}

function isAuthFault(f: unknown): f is AuthFault {
  return f === 'access-denied' || f === 'unrecognized-client';
}

function deniedRule(f: unknown, p: string, fail: (path: string, problem: string) => never): DeniedRule {
  if (isAuthFault(f)) return f;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return fail(p, `must be "access-denied" or "unrecognized-client", got ${JSON.stringify(f)}`);
  const o = f as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'fault' && k !== 'accessKeyIds') fail(`${p}.${k}`, 'unknown field (known: fault, accessKeyIds)');
  if (!isAuthFault(o.fault)) fail(`${p}.fault`, `must be "access-denied" or "unrecognized-client", got ${JSON.stringify(o.fault)}`);
  const keys = o.accessKeyIds;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((x) => typeof x !== 'string' || x === '')) {
    fail(`${p}.accessKeyIds`, `must be a non-empty list of access key ids, got ${JSON.stringify(keys)}`);
  }
  return { fault: o.fault as AuthFault, accessKeyIds: [...(keys as string[])] };
}

/** The auth fault a rule gives this caller, if it applies to them. */
export function deniedFault(rule: DeniedRule | undefined, accessKeyId: string | undefined): AuthFault | undefined {
  if (rule === undefined) return undefined;
  if (typeof rule === 'string') return rule;
  return accessKeyId !== undefined && rule.accessKeyIds.includes(accessKeyId) ? rule.fault : undefined;
}

export type FaultDecision =
  | { kind: 'pass'; pageFault?: PageFault; fault?: string }
  | { kind: 'error'; error: ApiError; fault: string; retryAfterMs?: number }
  | { kind: 'drop'; when: 'before' | 'mid'; fault: string };

interface Bucket {
  tokens: number;
  last: number;
  rate: number;
}

function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export class FaultEngine {
  private readonly queues = new Map<string, { fault: ScriptedFault; remaining: number }[]>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rng: Rng,
    private readonly settings: () => FaultSettings,
    private readonly context: () => { region: string; accountId: string },
  ) {}

  failNext(operation: string, count: number, fault: ScriptedFault): void {
    if (!Number.isInteger(count) || count < 0) throw new TypeError(`failNext: count must be an integer >= 0, got ${count}`);
    if (typeof fault === 'string') {
      if (!(SCRIPTED_FAULTS as readonly string[]).includes(fault)) {
        throw new TypeError(`failNext: unknown fault ${JSON.stringify(fault)} (known: ${SCRIPTED_FAULTS.join(', ')}, or {status, code, message})`);
      }
    } else if (!fault || typeof fault.status !== 'number' || typeof fault.code !== 'string' || typeof fault.message !== 'string') {
      throw new TypeError('failNext: a custom fault needs {status: number, code: string, message: string}');
    }
    if (count === 0) return;
    const q = this.queues.get(operation) ?? [];
    q.push({ fault, remaining: count });
    this.queues.set(operation, q);
  }

  /** Scripted faults still queued, per operation (for assertions). */
  pending(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [op, q] of this.queues) {
      const n = q.reduce((a, e) => a + e.remaining, 0);
      if (n) out[op] = n;
    }
    return out;
  }

  reset(): void {
    this.queues.clear();
    this.buckets.clear();
  }

  private takeScripted(operation: string): ScriptedFault | undefined {
    const paged = PAGED_OPERATIONS.has(operation);
    for (const key of [operation, '*']) {
      const q = this.queues.get(key);
      if (!q || q.length === 0) continue;
      const head = q[0]!;
      const isPage = typeof head.fault === 'string' && (head.fault === 'empty-page' || head.fault === 'partial-page' || head.fault === 'repeat-token');
      if (key === '*' && isPage && !paged) continue; // wildcard page faults wait for a paged operation
      head.remaining--;
      if (head.remaining <= 0) q.shift();
      return head.fault;
    }
    return undefined;
  }

  private resolve(fault: ScriptedFault, operation: string, service: Service, resource: string, caller: CallerInfo = {}): FaultDecision {
    if (typeof fault === 'object') {
      return { kind: 'error', error: new ApiError(fault.status, fault.code, fault.message), fault: `custom:${fault.code}` };
    }
    switch (fault) {
      case 'throttle':
        return { kind: 'error', error: commonErrors.throttling(), fault, retryAfterMs: this.settings().retryAfterMs };
      case 'internal-error':
        return { kind: 'error', error: commonErrors.internal(), fault };
      case 'unavailable':
        return { kind: 'error', error: commonErrors.unavailable(), fault };
      case 'drop-before-response':
        return { kind: 'drop', when: 'before', fault };
      case 'drop-mid-response':
        return { kind: 'drop', when: 'mid', fault };
      case 'access-denied':
        return { kind: 'error', error: this.accessDenied(operation, service, resource, caller.account), fault };
      case 'unrecognized-client':
        return { kind: 'error', error: commonErrors.unrecognizedClient(), fault };
      default:
        return { kind: 'pass', pageFault: PAGED_OPERATIONS.has(operation) ? fault : undefined, fault };
    }
  }

  /** The AccessDeniedException of IAM, naming the caller (of `account`, default the stand-in's own). */
  accessDenied(operation: string, service: Service, resource: string, account?: string): ApiError {
    const accountId = account ?? this.context().accountId;
    return new ApiError(
      400,
      'AccessDeniedException',
      `User: arn:aws:iam::${accountId}:user/smlogs-test is not authorized to perform: ${service}:${operation} on resource: ${resource} because no identity-based policy allows the ${service}:${operation} action`,
    );
  }

  /** Decides the fate of one request. `resource` is the ARN used in AccessDenied messages; `caller` who sent it. */
  decide(operation: string, service: Service, resource: string, caller: CallerInfo = {}): FaultDecision {
    const scripted = this.takeScripted(operation);
    if (scripted !== undefined) return this.resolve(scripted, operation, service, resource, caller);

    const s = this.settings();
    const denied = deniedFault(s.denied[operation], caller.accessKeyId);
    if (denied) return this.resolve(denied, operation, service, resource, caller);

    const rate = s.quotas[operation];
    if (rate !== undefined && rate > 0) {
      const now = wallMs();
      const burst = Math.max(1, rate);
      let b = this.buckets.get(operation);
      if (!b) {
        b = { tokens: burst, last: now, rate };
        this.buckets.set(operation, b);
      }
      if (b.rate !== rate) b.rate = rate;
      b.tokens = Math.min(burst, b.tokens + ((now - b.last) / 1000) * rate);
      b.last = now;
      if (b.tokens < 1) {
        return { kind: 'error', error: commonErrors.throttling(), fault: 'quota', retryAfterMs: s.retryAfterMs };
      }
      b.tokens -= 1;
    }

    if (s.operations && !s.operations.includes(operation)) return { kind: 'pass' };
    const rng = this.rng;
    if (rng.chance(s.throttleProbability)) return this.resolve('throttle', operation, service, resource);
    if (rng.chance(s.serverErrorProbability)) return this.resolve(rng.next() < 0.5 ? 'internal-error' : 'unavailable', operation, service, resource);
    if (rng.chance(s.dropProbability)) return this.resolve(rng.next() < 0.5 ? 'drop-before-response' : 'drop-mid-response', operation, service, resource);
    if (PAGED_OPERATIONS.has(operation)) {
      if (rng.chance(s.emptyPageProbability)) return { kind: 'pass', pageFault: 'empty-page', fault: 'empty-page' };
      if (rng.chance(s.partialPageProbability)) return { kind: 'pass', pageFault: 'partial-page', fault: 'partial-page' };
      if (rng.chance(s.repeatTokenProbability)) return { kind: 'pass', pageFault: 'repeat-token', fault: 'repeat-token' };
    }
    return { kind: 'pass' };
  }

  /** Uniform random integer in [0, n) from the fault RNG (latency jitter, partial page sizes). */
  randomInt(n: number): number {
    return n <= 1 ? 0 : Math.floor(this.rng.next() * n);
  }
}
