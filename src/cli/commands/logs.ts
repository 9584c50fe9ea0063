import type { Command } from 'commander';
import { sageMakerClient } from '../../aws/clients';
import { classifyAwsError } from '../../aws/errors';
import { ExitCode } from '../../core/exit-codes';
import { TimeoutError, UsageError } from '../../core/errors';
import type { LogScope } from '../../logs/scope';
import { windowFrom } from '../../logs/window';
import { LineSink } from '../../render/sink';
import { finalLine, jobTitle, newTransitions, statusText, transitionLine } from '../../render/status';
import { SageMakerApi } from '../../sagemaker/api';
import type { JobRef } from '../../sagemaker/job';
import type { JobSnapshot } from '../../sagemaker/snapshot';
import { endsFollow, exitCodeFor } from '../../sagemaker/status';
import { accountHint, callerAccountFor, explainAwsFailureChecked } from '../aws-failure';
import { resolveJob, resourceLabel } from '../job-session';
import { streamJobLogs } from '../log-follow';
import { checkBest, checkTimeWindow, displayOptions, optionalDuration, optionalTime, parseTail, type DisplayOptions, type RawConnectionOpts, type RawDisplayOpts } from '../options';
import { currentTerminal, makeResolver, RunControl, Stderr } from '../runtime';

export interface RawLogsOpts extends RawConnectionOpts, RawDisplayOpts {
  follow?: boolean;
  tail?: string;
  since?: string;
  sinceTime?: string;
  untilTime?: string;
  timeout?: string;
}

/** How often the job's status is read while following. */
const STATUS_INTERVAL_MS = 5_000;

export function splitTarget(args: string[]): { kind: string; name: string } {
  const [first, second, ...rest] = args;
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}; expected KIND NAME or KIND/NAME`);
  if (first === undefined) throw new UsageError('missing KIND and NAME, e.g. kubectl smlogs trainingjob my-job (see --help)');
  if (second !== undefined) return { kind: first, name: second };
  const slash = first.indexOf('/');
  if (slash > 0 && slash < first.length - 1 && !first.startsWith('arn:')) return { kind: first.slice(0, slash), name: first.slice(slash + 1) };
  throw new UsageError(`missing NAME after "${first}": expected KIND NAME or KIND/NAME`);
}

export async function runLogs(args: string[], o: RawLogsOpts, cmd: Command): Promise<number> {
  const { kind, name } = splitTarget(args);
  const term = currentTerminal();
  const d = displayOptions(o);
  const tail = parseTail(o.tail);
  const follow = o.follow === true || tail.follow;
  if (o.since !== undefined && o.sinceTime !== undefined) throw new UsageError('--since and --since-time cannot be used together');
  const sinceMs = optionalDuration(o.since, '--since');
  const sinceTime = optionalTime(o.sinceTime, '--since-time');
  const untilTime = optionalTime(o.untilTime, '--until-time');
  checkTimeWindow(o, { sinceMs, sinceTime, untilTime }, Date.now());
  const timeoutMs = optionalDuration(o.timeout, '--timeout');
  if (timeoutMs !== undefined && !follow) throw new UsageError('--timeout only applies with --follow');
  if (d.best) checkBest(kind);
  void cmd;

  const stderr = new Stderr(term, d.color);
  const control = new RunControl();
  control.setTimeout(timeoutMs);
  const resolver = makeResolver(o, term.env);
  const sink = new LineSink(process.stdout);
  try {
    const { resolution, job: resolved } = await resolveJob(resolver, kind, name, { wait: follow, control, stderr });
    const aws = { region: resolved.region, ...(o.profile ? { profile: o.profile } : {}), ...(resolved.sageMakerEndpoint ? { sageMakerEndpoint: resolved.sageMakerEndpoint } : {}) };
    const sm = new SageMakerApi(sageMakerClient(aws), undefined, control.signal);
    const job = resolved;
    const label = resourceLabel(resolution);

    let snapshot: JobSnapshot | undefined;
    try {
      snapshot = await sm.describe(job);
    } catch (e) {
      // Reading logs needs only CloudWatch permissions; a job we may not describe can still be tailed.
      if (classifyAwsError(e) === 'access-denied' && !follow) {
        // Credentials of another account? The warning says so too.
        const caller = await callerAccountFor(e, job, o.profile, control.signal);
        stderr.line(`warning: cannot describe ${jobTitle(job)}: ${(e as Error).message}${accountHint(job, caller)}`);
      }
      else throw await explainAwsFailureChecked(e, job, 'describe', o.profile, control.signal);
    }
    stderr.line(`${label === job.name ? '' : `${label}: `}${jobTitle(job)} in ${job.region}${snapshot ? `, ${statusText(snapshot)}` : ''}`);

    const result = await streamJobLogs({
      job,
      aws,
      sm,
      snapshot,
      display: d,
      term,
      stderr,
      sink,
      control,
      follow,
      window: windowFrom({ ...(sinceMs !== undefined ? { sinceMs } : {}), ...(sinceTime !== undefined ? { sinceTime } : {}), ...(untilTime !== undefined ? { untilTime } : {}) }, Date.now()),
      ...(tail.lines !== undefined ? { tail: tail.lines } : {}),
      watch: {
        intervalMs: tuningFromEnvNumber(term.env.SMLOGS_TUNING, 'statusIntervalMs', STATUS_INTERVAL_MS),
        onSnapshot: (now, before) => {
          for (const t of newTransitions(before?.transitions ?? [], now.transitions)) {
            if (before || now.phase.kind !== 'ended') stderr.line(transitionLine(t, d.timezone, stderr.palette));
          }
          if (before && before.status !== now.status && now.transitions.length === 0) stderr.line(`${jobTitle(now)}: ${statusText(now)}`);
        },
        done: (s) => endsFollow(job.type, s.status, s.secondary) !== undefined,
      },
      logFailure: 'fatal',
    });
    const { summary, final, scope } = result;

    if (control.reason === 'timeout') throw new TimeoutError(`timed out after ${o.timeout} following ${jobTitle(job)}${final ? ` (${statusText(final)})` : ''}`);
    if (control.reason === 'interrupted') return control.interruptExit;
    if (summary && summary.streams === 0 && !follow) {
      stderr.line(noLogsNote(job, scope, summary.groupExists, snapshot, d));
    }
    if (!follow) return ExitCode.Ok;
    if (final) {
      stderr.line(finalLine(final, stderr.palette));
      const outcome = endsFollow(job.type, final.status, final.secondary);
      return outcome ? exitCodeFor(outcome) : ExitCode.Ok;
    }
    return ExitCode.Ok;
  } finally {
    control.dispose();
    resolver.close();
  }
}

function tuningFromEnvNumber(text: string | undefined, key: string, fallback: number): number {
  const m = text ? new RegExp(`(?:^|,)\\s*${key}\\s*=\\s*(\\d+)`).exec(text) : null;
  return m ? Number(m[1]) : fallback;
}

function noLogsNote(job: JobRef, scope: LogScope, groupExists: boolean, s: JobSnapshot | undefined, d: DisplayOptions): string {
  const where = scope.prefix ? `${scope.group} (streams ${scope.prefix}*)` : scope.group;
  if (!groupExists) return `no logs yet: log group ${scope.group} does not exist in ${job.region} (no ${job.type === 'endpoint' ? 'endpoint' : 'job of this kind'} has logged there yet)`;
  const state = s ? ` (${statusText(s)})` : '';
  // With --instance / -p the filter, not the job, may be why nothing matched: say so.
  const filters = [...d.instances.map((i) => `--instance ${i}`), ...d.rawPrefixes.map((p) => `-p ${p}`)];
  if (filters.length > 0) return `no log streams for ${jobTitle(job)}${state} in ${where} match ${filters.join(', ')}; check the instance names (algo-1, algo-2, …), or drop the filter to see every instance`;
  return `no log streams for ${jobTitle(job)}${state} in ${where}${s?.phase.kind === 'running' ? ': it has not written any logs yet; use --follow to wait for them' : ''}`;
}
