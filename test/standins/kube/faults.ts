// Fault injection for tests of retries, timeouts and error handling: delay a request, answer it with
// an error Status, or drop the connection — for matching requests, a number of times.

import { ApiError, type StatusBody } from './status';

export interface FaultRule {
  /** HTTP method to match (default any). */
  method?: string;
  /** Path to match: exact pathname, or a RegExp tested against pathname + search. Default any. */
  path?: string | RegExp;
  /** How many matching requests the fault applies to (default: all until removed). */
  times?: number;
  /** Wait this long before answering (normally, unless status or reset is set too). */
  delayMs?: number;
  /** Answer with this HTTP status and a Status body (kube-apiserver reasons: 429, 500, 503, 504…). */
  status?: number;
  /** Status message (default: a generic one for the code). */
  message?: string;
  /** Retry-After seconds (for 429/503). */
  retryAfterSeconds?: number;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
}

const REASONS: Record<number, [string, string]> = {
  400: ['BadRequest', 'bad request'],
  409: ['Conflict', 'conflict'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  500: ['InternalError', 'an error on the server ("") has prevented the request from succeeding'],
  502: ['InternalError', 'an error on the server ("bad gateway") has prevented the request from succeeding'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

export class Faults {
  private rules: Array<FaultRule & { left: number }> = [];

  /** Add a fault; returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const r = { ...rule, left: rule.times ?? Number.POSITIVE_INFINITY };
    this.rules.push(r);
    return () => {
      this.rules = this.rules.filter((x) => x !== r);
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching a request (its count is used up). */
  take(method: string, pathname: string, search: string): FaultRule | undefined {
    const r = this.rules.find(
      (x) =>
        x.left > 0 &&
        (x.method === undefined || x.method.toUpperCase() === method) &&
        (x.path === undefined || (typeof x.path === 'string' ? x.path === pathname : x.path.test(pathname + search))),
    );
    if (!r) return undefined;
    r.left--;
    if (r.left <= 0) this.rules = this.rules.filter((x) => x !== r);
    return r;
  }
}

export function faultError(rule: FaultRule): ApiError {
  const code = rule.status!;
  const [reason, message] = REASONS[code] ?? ['', `injected HTTP ${code}`];
  const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: rule.message ?? message, reason, code };
  if (rule.retryAfterSeconds) {
    delete (body as Partial<StatusBody>).code;
    body.details = { retryAfterSeconds: rule.retryAfterSeconds };
    body.code = code;
  }
  return new ApiError(body);
}
