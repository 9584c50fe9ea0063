// The request log: one entry per request in arrival order, filled in when the response is decided.

export interface RecordedRequest {
  /** 1, 2, 3 … in arrival order. */
  seq: number;
  /** Epoch ms (wall clock) at arrival. */
  wallTime: number;
  /** Emulator time at arrival. */
  clockTime: number;
  service: 'logs' | 'sagemaker' | 'sts';
  /** e.g. 'FilterLogEvents' (canonical spelling), or the raw target for unknown operations. */
  operation: string;
  /** Parsed JSON body. */
  body: any;
  /** From `amz-sdk-request: attempt=N; max=M` (the SDK sends it; the CLI does not). */
  attempt?: number;
  maxAttempts?: number;
  /** From `amz-sdk-invocation-id` (constant across an SDK call's retries). */
  invocationId?: string;
  /** HTTP status sent (0 when the connection was dropped before any response). */
  status: number;
  /** The `__type` of an error response. */
  errorCode?: string;
  /** The injected fault, if any: 'quota', 'throttle', 'internal-error', 'drop-mid-response', 'empty-page', … */
  fault?: string;
  /** Wall-clock ms spent before the response was written (latency included). */
  durationMs?: number;
  userAgent?: string;
  /** From the SigV4 credential scope of `Authorization` (absent when unsigned). */
  accessKeyId?: string;
  /** The region the request was signed for (the client's region). */
  region?: string;
}

/** Counts requests per operation, optionally only successful ones. */
export function countByOperation(requests: readonly RecordedRequest[], opts: { onlyStatus?: number } = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) {
    if (opts.onlyStatus !== undefined && r.status !== opts.onlyStatus) continue;
    out[r.operation] = (out[r.operation] ?? 0) + 1;
  }
  return out;
}

/** The largest number of requests (of `operation`, or all) that arrived within any `windowMs` of wall time. */
export function maxRequestsInWindow(requests: readonly RecordedRequest[], windowMs = 1000, operation?: string): number {
  const times = requests.filter((r) => !operation || r.operation === operation).map((r) => r.wallTime).sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
