import pRetry, { AbortError } from 'p-retry';
import { classifyAwsError, type AwsFailureKind } from './errors';
import { inAttempt } from './trace';

export interface RetryPolicy {
  /** Retries of transient failures (5xx, dropped connections) before giving up. */
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Defaults sized for people and CI: a few seconds of 5xx or a dropped connection is absorbed;
 * throttling never uses up retries (the budget slows down instead), so a busy account slows a
 * tail but never ends it.
 */
export const DEFAULT_RETRY: RetryPolicy = { retries: 6, minDelayMs: 200, maxDelayMs: 10_000 };

export interface RetryHooks {
  signal?: AbortSignal;
  /** Called before each retry with the failure's kind (the budget halves its rate on throttling). */
  onRetry?: (kind: AwsFailureKind, error: unknown, attempt: number) => void;
}

const RETRYABLE: ReadonlySet<AwsFailureKind> = new Set(['throttled', 'transient']);

/**
 * Runs `call` until it succeeds, retrying throttling and transient failures with full-jitter
 * exponential backoff. Other failures surface at once.
 */
export async function withRetries<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  return pRetry(
    async (attempt) => {
      try {
        return await inAttempt(attempt, () => call(attempt));
      } catch (e) {
        if (!RETRYABLE.has(classifyAwsError(e))) throw new AbortError(e as Error);
        throw e;
      }
    },
    {
      retries: policy.retries,
      minTimeout: policy.minDelayMs,
      maxTimeout: policy.maxDelayMs,
      factor: 2,
      randomize: true,
      signal: hooks.signal,
      shouldConsumeRetry: ({ error }) => classifyAwsError(error) !== 'throttled',
      onFailedAttempt: ({ error, attemptNumber }) => hooks.onRetry?.(classifyAwsError(error), error, attemptNumber),
    },
  );
}
