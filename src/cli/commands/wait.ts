import type { Command } from 'commander';
import { sageMakerClient } from '../../aws/clients';
import { checkTimerDuration, formatDuration } from '../../core/duration';
import { ExitCode } from '../../core/exit-codes';
import { UsageError } from '../../core/errors';
import { LineSink } from '../../render/sink';
import { jobTitle } from '../../render/status';
import { SageMakerApi } from '../../sagemaker/api';
import { finishWait, firstSnapshot, progressPrinter, waitDone, waitUntilEnded, type WaitContext } from '../job-wait';
import { resolveJob, resourceLabel } from '../job-session';
import { streamJobLogs } from '../log-follow';
import { checkBest, displayOptions, optionalDuration, type RawConnectionOpts, type RawDisplayOpts } from '../options';
import { currentTerminal, makeResolver, RunControl, Stderr } from '../runtime';
import { splitTarget } from './logs';

export interface RawWaitOpts extends RawConnectionOpts, RawDisplayOpts {
  timeout?: string;
  interval?: string;
  logs?: boolean;
}

/** SageMaker's own waiters poll every 30-120 s; CI wants to hear sooner, the API quota wants no less. */
export const DEFAULT_WAIT_INTERVAL = '10s';

export function pollInterval(text: string | undefined): number {
  const ms = optionalDuration(text ?? DEFAULT_WAIT_INTERVAL, '--interval')!;
  if (ms <= 0) throw new UsageError(`invalid value "${text}" for --interval: it must be longer than 0`);
  return checkTimerDuration(ms, text ?? DEFAULT_WAIT_INTERVAL, '--interval');
}

/** `10s`, `6h`; sub-second intervals (tests, impatient people) keep their milliseconds. */
export function durationText(ms: number): string {
  return ms < 1000 ? `${ms}ms` : formatDuration(ms);
}

export async function runWait(args: string[], o: RawWaitOpts, cmd: Command): Promise<number> {
  void cmd;
  const { kind, name } = splitTarget(args);
  const term = currentTerminal();
  const d = displayOptions(o);
  const intervalMs = pollInterval(o.interval);
  const timeoutMs = optionalDuration(o.timeout, '--timeout');
  if (d.best) checkBest(kind);

  const stderr = new Stderr(term, d.color);
  const control = new RunControl();
  control.setTimeout(timeoutMs);
  const resolver = makeResolver(o, term.env);
  try {
    // A resource its operator has not submitted yet is waited for, within the same --timeout.
    const { resolution, job } = await resolveJob(resolver, kind, name, { wait: true, control, stderr });
    const aws = { region: job.region, ...(o.profile ? { profile: o.profile } : {}), ...(job.sageMakerEndpoint ? { sageMakerEndpoint: job.sageMakerEndpoint } : {}) };
    const sm = new SageMakerApi(sageMakerClient(aws), undefined, control.signal);
    const c: WaitContext = { sm, job, control, stderr, timezone: d.timezone, ...(o.profile ? { profile: o.profile } : {}) };
    const label = resourceLabel(resolution);
    const limits = [`polling every ${durationText(intervalMs)}`, ...(timeoutMs ? [`timeout ${durationText(timeoutMs)}`] : [])].join(', ');
    stderr.line(`waiting for ${resolution.resource ? `${label}: ` : ''}${jobTitle(job)} in ${job.region} (${limits})`);

    const first = await firstSnapshot(c, intervalMs);
    if (!first) return finishWait(c, undefined, o.timeout);
    if (!o.logs) return finishWait(c, await waitUntilEnded(c, first, intervalMs), o.timeout);

    const { final } = await streamJobLogs({
      job,
      aws,
      sm,
      snapshot: first,
      display: d,
      term,
      stderr,
      sink: new LineSink(process.stdout),
      control,
      follow: true,
      window: {},
      watch: { intervalMs, onSnapshot: progressPrinter(c), done: waitDone(job) },
      logFailure: 'warn',
    });
    return finishWait(c, final ?? first, o.timeout);
  } catch (e) {
    if (control.reason === 'interrupted') return control.interruptExit;
    throw e;
  } finally {
    control.dispose();
    resolver.close();
  }
}
