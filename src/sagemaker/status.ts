import { ExitCode } from '../core/exit-codes';
import type { JobType } from './job';

/** How a job ended. Endpoints "end" a wait when they settle (InService or Failed). */
export type Outcome = 'completed' | 'failed' | 'stopped';

/**
 * Where a job is in its life, derived from SageMaker's primary status. Stopping is its own phase
 * because `stop` and `wait` treat it differently from running.
 */
export type Phase = { readonly kind: 'running' } | { readonly kind: 'stopping' } | { readonly kind: 'ended'; readonly outcome: Outcome };

const RUNNING: Phase = { kind: 'running' };
const STOPPING: Phase = { kind: 'stopping' };
const ended = (outcome: Outcome): Phase => ({ kind: 'ended', outcome });

// A training job stopped by its own limits is a failure for CI, not a user's stop.
const FAILURE_STOPS = new Set(['MaxRuntimeExceeded', 'MaxWaitTimeExceeded']);

/** Maps a job's primary (and secondary) status to its phase. Unknown statuses count as running. */
export function phaseOf(type: JobType, status: string, secondary?: string): Phase {
  if (type === 'endpoint') {
    switch (status) {
      case 'InService':
        return ended('completed');
      case 'Failed':
      case 'UpdateRollbackFailed':
        return ended('failed');
      case 'OutOfService':
        return ended('stopped');
      default:
        // Creating, Updating, SystemUpdating, RollingBack, Deleting
        return RUNNING;
    }
  }
  switch (status) {
    case 'Completed':
      return ended('completed');
    case 'Failed':
    case 'DeleteFailed':
      return ended('failed');
    case 'Stopped':
      return ended(secondary !== undefined && FAILURE_STOPS.has(secondary) ? 'failed' : 'stopped');
    case 'Stopping':
      return STOPPING;
    default:
      // InProgress, Deleting, and anything SageMaker adds later
      return RUNNING;
  }
}

/** Whether following this job's logs should end when it reaches `status`. Endpoints never end a follow. */
export function endsFollow(type: JobType, status: string, secondary?: string): Outcome | undefined {
  if (type === 'endpoint') return undefined;
  const phase = phaseOf(type, status, secondary);
  return phase.kind === 'ended' ? phase.outcome : undefined;
}

export function exitCodeFor(outcome: Outcome): ExitCode {
  switch (outcome) {
    case 'completed':
      return ExitCode.Ok;
    case 'failed':
      return ExitCode.JobFailed;
    case 'stopped':
      return ExitCode.JobStopped;
  }
}

/**
 * Whether `wait` is over at this status. Unlike a log follow, an endpoint's wait ends too: when it
 * settles InService (0) or Failed (3).
 */
export function endsWait(type: JobType, status: string, secondary?: string): Outcome | undefined {
  const phase = phaseOf(type, status, secondary);
  return phase.kind === 'ended' ? phase.outcome : undefined;
}
