import { formatDuration } from '../core/duration';
import type { StreamInfo } from '../logs/readers';
import { JOB_TYPE_NOUN, type JobRef } from '../sagemaker/job';
import type { JobSnapshot, StatusTransition } from '../sagemaker/snapshot';
import type { Palette } from './palette';
import { neutralizeControls } from './sanitize';
import { formatRfc3339, type TimeZoneChoice } from './time-format';

// Lines for stderr: what the user is looking at and what the job is doing. stdout carries only
// log lines, so these never mix with what a script reads.

export function jobTitle(job: Pick<JobRef, 'type' | 'name'>): string {
  return `${JOB_TYPE_NOUN[job.type]} ${job.name}`;
}

export function statusText(s: Pick<JobSnapshot, 'status' | 'secondary'>): string {
  return s.secondary && s.secondary !== s.status ? `${s.status} (${s.secondary})` : s.status;
}

/** `+ algo-1 › xgboost-…/algo-1-1755684904`, as stern announces a container. */
export function streamOpenedLine(s: StreamInfo, p: Palette): string {
  return `${p.c.green('+')} ${p.label(s.label.label, s.label.instance)} › ${s.name}`;
}

/** A secondary-status transition: `2026-08-20T10:21:48.000Z Training - Training in progress.` */
export function transitionLine(t: StatusTransition, tz: TimeZoneChoice, p: Palette): string {
  const message = t.message ? ` - ${neutralizeControls(t.message)}` : '';
  return `${p.c.dim(formatRfc3339(t.start, tz))} ${p.c.bold(t.status)}${message}`;
}

/** New entries of SecondaryStatusTransitions since `before` (same status and start = same entry). */
export function newTransitions(before: readonly StatusTransition[], after: readonly StatusTransition[]): StatusTransition[] {
  const seen = new Set(before.map((t) => `${t.status}@${t.start}`));
  return after.filter((t) => !seen.has(`${t.status}@${t.start}`));
}

/** Multi-line failure reasons stay readable: later lines are indented under the first. */
export function indentReason(reason: string): string {
  return neutralizeControls(reason)
    .split('\n')
    .map((l, i) => (i === 0 ? l : `    ${l}`))
    .join('\n');
}

/** The closing line of a follow or wait: outcome, and for training jobs the seconds billed. */
export function finalLine(s: JobSnapshot, p: Palette): string {
  const title = jobTitle(s);
  const outcome = s.phase.kind === 'ended' ? s.phase.outcome : 'running';
  const colour = outcome === 'completed' ? p.c.green : outcome === 'failed' ? p.c.red : p.c.yellow;
  const parts: string[] = [];
  const took = s.startedAt !== undefined && s.endedAt !== undefined ? formatDuration(s.endedAt - s.startedAt) : undefined;
  if (took) parts.push(`ran ${took}`);
  if (s.trainingSeconds !== undefined) {
    const instances = s.instances.reduce((n, i) => n + i.count, 0) || 1;
    parts.push(`training seconds: ${s.trainingSeconds * instances}`);
    if (s.billableSeconds !== undefined) parts.push(`billable seconds: ${s.billableSeconds * instances}`);
    if (s.spot?.savingsPercent !== undefined) parts.push(`managed spot training savings: ${s.spot.savingsPercent.toFixed(1)}%`);
  }
  if (s.tuning) {
    const c = s.tuning.counters;
    parts.push(`training jobs: ${c.completed} completed, ${c.inProgress} in progress, ${c.retryableError + c.nonRetryableError} failed, ${c.stopped} stopped`);
    if (s.tuning.best) parts.push(`best: ${s.tuning.best.name}${s.tuning.best.value !== undefined ? ` (${s.tuning.best.metric ?? 'objective'} ${s.tuning.best.value})` : ''}`);
  }
  const head = `${colour(statusText(s))}: ${title}${parts.length ? ` (${parts.join(', ')})` : ''}`;
  return s.failureReason && outcome !== 'completed' ? `${head}\n  reason: ${indentReason(s.failureReason)}` : head;
}
