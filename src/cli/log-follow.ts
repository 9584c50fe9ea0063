import { logsClient } from '../aws/clients';
import type { AwsSettings } from '../aws/settings';
import { SmlogsError } from '../core/errors';
import { CallBudget } from '../logs/budget';
import { LogsApi } from '../logs/cloudwatch';
import { narrowScope, scopeForJob, tuningScope, type LogScope } from '../logs/scope';
import { LogTail, type TailSummary } from '../logs/tail';
import { tuningFromEnv } from '../logs/tuning';
import type { TimeWindow } from '../logs/window';
import type { LineSink } from '../render/sink';
import { jobTitle } from '../render/status';
import type { SageMakerApi } from '../sagemaker/api';
import type { JobRef } from '../sagemaker/job';
import type { JobSnapshot } from '../sagemaker/snapshot';
import { watchJob } from '../sagemaker/watch';
import { explainAwsFailure, explainAwsFailureChecked } from './aws-failure';
import { logObserver } from './log-output';
import type { DisplayOptions } from './options';
import type { RunControl, Stderr, Terminal } from './runtime';

// The part of `logs` that `wait --logs` shares: the log engine on one job, and (when following)
// the status watch that tells the engine when to drain.

/** A tuning job's list of training jobs is refreshed this often while following. */
const CHILDREN_INTERVAL_MS = 30_000;

export interface StatusWatch {
  readonly intervalMs: number;
  /** Every poll, with the one before; for the caller's status lines. */
  onSnapshot(now: JobSnapshot, before: JobSnapshot | undefined): void | Promise<void>;
  /** This status ends the watch, and the logs are drained. */
  done(s: JobSnapshot): boolean;
}

export interface JobLogsRequest {
  readonly job: JobRef;
  readonly aws: AwsSettings;
  readonly sm: SageMakerApi;
  readonly snapshot: JobSnapshot | undefined;
  readonly display: DisplayOptions;
  readonly term: Terminal;
  readonly stderr: Stderr;
  readonly sink: LineSink;
  readonly control: RunControl;
  readonly follow: boolean;
  readonly window: TimeWindow;
  readonly tail?: number;
  /** While following: watch the job's status (needs `snapshot`). */
  readonly watch?: StatusWatch;
  /**
   * `fatal`: a failure to read logs ends the run (logs). `warn`: it is reported once and the
   * status watch goes on (wait --logs, whose exit code is the job's, not the logs').
   */
  readonly logFailure: 'fatal' | 'warn';
}

export interface JobLogsResult {
  readonly summary: TailSummary | undefined;
  readonly final: JobSnapshot | undefined;
  readonly scope: LogScope;
}

export function statusProblemLine(job: Pick<JobRef, 'type' | 'name'>, e: unknown): string {
  return `warning: cannot read the status of ${jobTitle(job)} (${String((e as Error)?.message ?? e).split('\n')[0]}); retrying`;
}

export async function streamJobLogs(req: JobLogsRequest): Promise<JobLogsResult> {
  const { job, sm, snapshot, display: d, stderr, control } = req;
  const children = new Set<string>();
  let scope: LogScope = job.type === 'tuning' ? await tuningLogScope(sm, job, snapshot, d, children, stderr) : scopeForJob(job);
  scope = narrowScope(scope, d.instances, d.rawPrefixes);

  // Ends the engine when the status watch fails for good (job gone, credentials revoked), and
  // the watch when the engine fails: neither may be left running without the other.
  const local = new AbortController();
  const signal = AbortSignal.any([control.signal, local.signal]);
  const budget = new CallBudget(d.rates);
  const api = new LogsApi(logsClient(req.aws), budget, undefined, control.signal);
  const observer = logObserver(d, req.term, stderr, req.sink, { announceStreams: true, flushEachBatch: req.follow });
  const engine = new LogTail(
    api,
    {
      scope,
      window: req.window,
      ...(req.tail !== undefined ? { tail: req.tail } : {}),
      ...(d.pattern !== undefined ? { pattern: d.pattern } : {}),
      filter: { include: d.include, exclude: d.exclude },
      follow: req.follow,
    },
    observer,
    tuningFromEnv(req.term.env.SMLOGS_TUNING),
  );

  let final: JobSnapshot | undefined;
  let lastChildren = Date.now();
  const w = req.watch;
  const watcher =
    req.follow && snapshot && w
      ? watchJob(sm, job, {
          intervalMs: w.intervalMs,
          signal,
          initial: snapshot,
          onSnapshot: async (now, before) => {
            await w.onSnapshot(now, before);
            if (job.type === 'tuning' && !d.best && (!before || Date.now() - lastChildren >= CHILDREN_INTERVAL_MS)) {
              lastChildren = Date.now();
              await refreshChildren(sm, job.name, children, stderr);
            }
          },
          onProblem: (e) => stderr.line(statusProblemLine(job, e)),
          done: (s) => w.done(s),
        }).then(
          (s) => {
            final = s;
            if (s && w.done(s)) engine.requestDrain(s.endedAt ?? s.lastModifiedAt);
          },
          (e: unknown) => {
            local.abort();
            throw e;
          },
        )
      : undefined;
  // Handled below, after the engine; until then a failed watch must not count as unhandled.
  watcher?.catch(() => undefined);

  const summary = await engine.run(signal).catch(async (e: unknown) => {
    if (signal.aborted) return undefined;
    if (req.logFailure === 'fatal' || !watcher) {
      local.abort();
      throw await explainAwsFailureChecked(e, job, 'read the logs of', req.aws.profile);
    }
    stderr.line(`warning: ${explainAwsFailure(e, job, 'read the logs of').message}; still waiting for the job to end`);
    return undefined;
  });
  await watcher?.catch(async (e: unknown) => {
    if (!control.signal.aborted) throw await explainAwsFailureChecked(e, job, 'describe', req.aws.profile);
  });
  await req.sink.end();
  return { summary, final, scope };
}

async function tuningLogScope(sm: SageMakerApi, job: JobRef, snapshot: JobSnapshot | undefined, d: DisplayOptions, children: Set<string>, stderr: Stderr): Promise<LogScope> {
  if (d.best) {
    const best = snapshot?.tuning?.best?.name;
    if (!best) throw new SmlogsError(`${jobTitle(job)} has no best training job yet; drop --best to see all its training jobs`);
    stderr.line(`best training job: ${best}`);
    return scopeForJob({ ...job, type: 'training', name: best });
  }
  await refreshChildren(sm, job.name, children, stderr);
  return tuningScope(job.name, children);
}

async function refreshChildren(sm: SageMakerApi, tuningJob: string, children: Set<string>, stderr: Stderr): Promise<void> {
  const list = await sm.tuningChildren(tuningJob);
  for (const c of list) {
    if (children.has(c.name)) continue;
    children.add(c.name);
    stderr.line(`${stderr.palette.c.green('+')} training job ${c.name} (${c.status})`);
  }
}
