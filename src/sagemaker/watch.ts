import { setTimeout as sleep } from 'node:timers/promises';
import { classifyAwsError } from '../aws/errors';
import type { SageMakerApi } from './api';
import type { JobRef } from './job';
import type { JobSnapshot } from './snapshot';

export interface WatchOptions {
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
  /** Every snapshot, with the previous one (undefined the first time). */
  readonly onSnapshot: (now: JobSnapshot, before: JobSnapshot | undefined) => void | Promise<void>;
  /** A poll failed but the watch goes on (throttling, network); for a stderr line. */
  readonly onProblem?: (error: unknown) => void;
  /** Whether this snapshot ends the watch. */
  readonly done: (s: JobSnapshot) => boolean;
  /** A first snapshot already in hand. */
  readonly initial?: JobSnapshot;
}

/**
 * Polls Describe* until `done`. SageMaker is the source of truth (the custom resource's status
 * lags by up to 30 s); throttling and network failures during a multi-hour wait are retried,
 * never fatal: only a job that is gone, or credentials that stop working, end it early.
 */
export async function watchJob(api: SageMakerApi, job: Pick<JobRef, 'type' | 'name'>, o: WatchOptions): Promise<JobSnapshot | undefined> {
  let before: JobSnapshot | undefined;
  let current = o.initial;
  let failing = false;
  for (;;) {
    if (o.signal?.aborted) return before;
    if (!current) {
      try {
        current = await api.describe(job);
        failing = false;
      } catch (e) {
        if (o.signal?.aborted) return before;
        const kind = classifyAwsError(e);
        if (kind !== 'throttled' && kind !== 'transient') throw e;
        if (!failing) o.onProblem?.(e);
        failing = true;
      }
    }
    if (current) {
      await o.onSnapshot(current, before);
      if (o.done(current)) return current;
      before = current;
      current = undefined;
    }
    try {
      await sleep(o.intervalMs, undefined, { signal: o.signal });
    } catch {
      return before;
    }
  }
}
