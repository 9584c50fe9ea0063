import { SmlogsError, TimeoutError } from '../core/errors';
import { ExitCode } from '../core/exit-codes';
import { progressLines } from '../render/progress';
import { finalLine, jobTitle, statusText } from '../render/status';
import type { TimeZoneChoice } from '../render/time-format';
import type { SageMakerApi } from '../sagemaker/api';
import type { JobRef } from '../sagemaker/job';
import type { JobSnapshot } from '../sagemaker/snapshot';
import { endsWait, exitCodeFor } from '../sagemaker/status';
import { watchJob } from '../sagemaker/watch';
import { explainAwsFailureChecked } from './aws-failure';
import { statusProblemLine } from './log-follow';
import type { RunControl, Stderr } from './runtime';

// Waiting for a job to end, for `wait` and `stop --wait`: poll Describe*, print each change on
// stderr, exit with the job's code.

export interface WaitContext {
  readonly sm: SageMakerApi;
  readonly job: JobRef;
  readonly control: RunControl;
  readonly stderr: Stderr;
  readonly timezone: TimeZoneChoice;
  /** --profile, for the account check of a failure (explainAwsFailureChecked). */
  readonly profile?: string;
}

/** The status lines of a wait, as a watchJob callback. */
export function progressPrinter(c: Pick<WaitContext, 'stderr' | 'timezone'>): (now: JobSnapshot, before: JobSnapshot | undefined) => void {
  return (now, before) => {
    for (const line of progressLines(before, now, { timezone: c.timezone, palette: c.stderr.palette, observedAt: Date.now() })) c.stderr.line(line);
  };
}

export function waitDone(job: Pick<JobRef, 'type'>): (s: JobSnapshot) => boolean {
  return (s) => endsWait(job.type, s.status, s.secondary) !== undefined;
}

/**
 * The first Describe of a wait. Throttling and network failures are retried like every later
 * poll (a CI job must not fail because SageMaker was busy when it started); anything else, such
 * as a job that does not exist, ends the run. Undefined when the run was cut short.
 */
export async function firstSnapshot(c: WaitContext, intervalMs: number): Promise<JobSnapshot | undefined> {
  try {
    return await watchJob(c.sm, c.job, {
      intervalMs,
      signal: c.control.signal,
      onSnapshot: () => undefined,
      onProblem: (e) => c.stderr.line(statusProblemLine(c.job, e)),
      done: () => true,
    });
  } catch (e) {
    if (c.control.signal.aborted) return undefined;
    throw await explainAwsFailureChecked(e, c.job, 'describe', c.profile);
  }
}

/** Polls until the job ends (or the run is cut short), printing each change (and first, with `history`, how it got here). */
export async function waitUntilEnded(c: WaitContext, initial: JobSnapshot, intervalMs: number, o: { history: boolean } = { history: true }): Promise<JobSnapshot | undefined> {
  const print = progressPrinter(c);
  try {
    return await watchJob(c.sm, c.job, {
      intervalMs,
      signal: c.control.signal,
      initial,
      // After a stop, what came before it is not news: only the changes from here on.
      onSnapshot: (now, before) => (before || o.history ? print(now, before) : undefined),
      onProblem: (e) => c.stderr.line(statusProblemLine(c.job, e)),
      done: waitDone(c.job),
    });
  } catch (e) {
    if (c.control.signal.aborted) return undefined;
    throw await explainAwsFailureChecked(e, c.job, 'describe', c.profile);
  }
}

/**
 * The end of a wait: the closing line and the job's exit code, or 5 for --timeout (whose
 * message says where the job was), or 130 for Ctrl-C.
 */
export function finishWait(c: Pick<WaitContext, 'job' | 'control' | 'stderr'>, final: JobSnapshot | undefined, timeoutText: string | undefined): number {
  if (c.control.reason === 'timeout') {
    throw new TimeoutError(`timed out after ${timeoutText} waiting for ${jobTitle(c.job)}${final ? ` (still ${statusText(final)})` : ''}`);
  }
  if (c.control.reason === 'interrupted') return c.control.interruptExit;
  const outcome = final ? endsWait(c.job.type, final.status, final.secondary) : undefined;
  if (!final || !outcome) throw new SmlogsError(`stopped waiting for ${jobTitle(c.job)} before it ended`);
  c.stderr.line(finalLine(final, c.stderr.palette));
  return exitCodeFor(outcome);
}
