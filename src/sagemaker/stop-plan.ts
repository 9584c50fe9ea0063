import type { JobType } from './job';
import type { JobSnapshot } from './snapshot';
import type { Outcome } from './status';

/** The Stop API of each kind; endpoints have none (they are deleted, not stopped). */
export const STOP_API: Readonly<Record<Exclude<JobType, 'endpoint'>, string>> = {
  training: 'StopTrainingJob',
  tuning: 'StopHyperParameterTuningJob',
  transform: 'StopTransformJob',
  processing: 'StopProcessingJob',
};

/**
 * What `stop` does for a job in a given state. SageMaker accepts Stop* only while a job is
 * InProgress (anything else is a ValidationException), so every other state is decided here,
 * before any call: an ended job is not an error, a stopping one needs no second request.
 */
export type StopPlan =
  | { readonly action: 'stop'; readonly api: string }
  | { readonly action: 'already-ended'; readonly outcome: Outcome }
  | { readonly action: 'already-stopping' }
  | { readonly action: 'not-stoppable'; readonly why: string };

export function planStop(s: Pick<JobSnapshot, 'type' | 'status' | 'phase'>): StopPlan {
  if (s.type === 'endpoint') return { action: 'not-stoppable', why: 'endpoints have no Stop API' };
  if (s.phase.kind === 'ended') return { action: 'already-ended', outcome: s.phase.outcome };
  if (s.phase.kind === 'stopping') return { action: 'already-stopping' };
  if (s.status === 'InProgress') return { action: 'stop', api: STOP_API[s.type] };
  return { action: 'not-stoppable', why: `SageMaker stops only InProgress jobs and this one is ${s.status}` };
}
