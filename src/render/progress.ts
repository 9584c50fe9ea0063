import type { JobSnapshot, TuningCounters } from '../sagemaker/snapshot';
import type { Palette } from './palette';
import { newTransitions, transitionLine } from './status';
import { formatRfc3339, type TimeZoneChoice } from './time-format';

// The lines `wait` (and `stop --wait`) print to stderr while a job runs: one line per change,
// each with its time, nothing redrawn, so a CI log reads as a timeline.

export interface ProgressOptions {
  readonly timezone: TimeZoneChoice;
  readonly palette: Palette;
  /** When this snapshot was read; the time of changes SageMaker does not date. */
  readonly observedAt: number;
}

export function countersText(c: TuningCounters): string {
  return `training jobs: ${c.completed} completed, ${c.inProgress} in progress, ${c.retryableError + c.nonRetryableError} failed, ${c.stopped} stopped`;
}

function sameCounters(a: TuningCounters | undefined, b: TuningCounters): boolean {
  return !!a && a.completed === b.completed && a.inProgress === b.inProgress && a.retryableError === b.retryableError && a.nonRetryableError === b.nonRetryableError && a.stopped === b.stopped;
}

/**
 * When the job reached its current status, as well as SageMaker says: its end time once ended,
 * its last-modified time otherwise; the start time on first sight of a job that is still in its
 * first status; else when we saw it.
 */
export function statusTime(now: JobSnapshot, first: boolean, observedAt: number): number {
  if (now.phase.kind === 'ended') return now.endedAt ?? now.lastModifiedAt ?? observedAt;
  if (now.lastModifiedAt !== undefined) return now.lastModifiedAt;
  if (first && (now.status === 'InProgress' || now.status === 'Creating')) return now.startedAt ?? now.createdAt ?? observedAt;
  return observedAt;
}

/**
 * What changed between two polls. Training jobs date their changes themselves
 * (SecondaryStatusTransitions); the other kinds get a line when the primary status changes, and
 * tuning jobs one when their counters or best training job change. The first poll of a job that
 * has already ended prints nothing: the final line says it all.
 */
export function progressLines(before: JobSnapshot | undefined, now: JobSnapshot, o: ProgressOptions): string[] {
  const first = before === undefined;
  if (first && now.phase.kind === 'ended') return [];
  const p = o.palette;
  const out: string[] = [];
  const transitions = newTransitions(before?.transitions ?? [], now.transitions);
  for (const t of transitions) out.push(transitionLine(t, o.timezone, p));
  const at = (): string => p.c.dim(formatRfc3339(statusTime(now, first, o.observedAt), o.timezone));
  if (now.transitions.length === 0 && (first || before.status !== now.status)) {
    out.push(`${at()} ${p.c.bold(now.status)}`);
  }
  if (now.tuning) {
    if (!sameCounters(before?.tuning?.counters, now.tuning.counters)) out.push(`${at()} ${countersText(now.tuning.counters)}`);
    const best = now.tuning.best;
    if (best && (best.name !== before?.tuning?.best?.name || best.value !== before?.tuning?.best?.value)) {
      out.push(`${at()} best training job: ${best.name}${best.value !== undefined ? ` (${best.metric ?? 'objective'} ${best.value})` : ''}`);
    }
  }
  return out;
}
