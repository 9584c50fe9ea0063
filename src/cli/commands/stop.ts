import type { Command } from 'commander';
import { sageMakerClient } from '../../aws/clients';
import { classifyAwsError } from '../../aws/errors';
import { SmlogsError, UsageError } from '../../core/errors';
import { ExitCode } from '../../core/exit-codes';
import { canI } from '../../kube/access';
import { KubeApiError } from '../../kube/http';
import { parseKind, qualified } from '../../kube/kinds';
import type { FoundResource, Resolution, Resolver } from '../../kube/resolve';
import { Palette } from '../../render/palette';
import { jobTitle, statusText } from '../../render/status';
import { isStoppable, SageMakerApi } from '../../sagemaker/api';
import { parseSageMakerArn } from '../../sagemaker/arn';
import type { JobRef } from '../../sagemaker/job';
import type { JobSnapshot } from '../../sagemaker/snapshot';
import { planStop } from '../../sagemaker/stop-plan';
import { explainAwsFailureChecked } from '../aws-failure';
import { confirm, type Answer } from '../confirm';
import { colorChoice } from '../output-format';
import { finishWait, waitUntilEnded, type WaitContext } from '../job-wait';
import { resourceLabel } from '../job-session';
import { optionalDuration, type RawConnectionOpts } from '../options';
import { colourFor, currentTerminal, makeResolver, RunControl, Stderr } from '../runtime';
import { splitTarget } from './logs';
import { pollInterval } from './wait';

export interface RawStopOpts extends RawConnectionOpts {
  yes?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  timeout?: string;
  interval?: string;
  color?: string;
}

/**
 * stop: the matching Stop* call, but only for a job that is InProgress, only for a caller who
 * may delete its custom resource (deleting it is how both operators stop a job), and only once
 * confirmed: on a terminal by a question, elsewhere by --yes.
 */
export async function runStop(args: string[], o: RawStopOpts, cmd: Command): Promise<number> {
  void cmd;
  const { kind, name } = splitTarget(args);
  const query = parseKind(kind);
  if (query.jobType === 'endpoint') {
    const how = name.startsWith('arn:') ? 'aws sagemaker delete-endpoint' : `kubectl delete ${query.candidates.map(qualified).join(' or ')} ${name}`;
    throw new UsageError(`endpoints cannot be stopped: SageMaker has no Stop API for them; delete the endpoint instead (${how})`);
  }
  const term = currentTerminal();
  const color = colorChoice(o.color);
  const interactive = term.stdinTTY && term.stderrTTY;
  if (!o.yes && !o.dryRun && !interactive) {
    throw new UsageError(`refusing to stop ${kind} ${name} without confirmation: not on a terminal; pass --yes to stop it (or --dry-run to see what would be stopped)`);
  }
  const timeoutMs = optionalDuration(o.timeout, '--timeout');
  if (timeoutMs !== undefined && !o.wait) throw new UsageError('--timeout only applies with --wait');
  const intervalMs = pollInterval(o.interval);

  const stderr = new Stderr(term, color);
  const out = new Palette(colourFor(color, term.stdoutTTY, term.env));
  const control = new RunControl();
  control.setTimeout(timeoutMs);
  const resolver = makeResolver(o, term.env);
  try {
    const resolution = await resolver.resolve(kind, name);
    const label = resourceLabel(resolution);
    const job = submittedJob(resolution, label);
    const aws = { region: job.region, ...(o.profile ? { profile: o.profile } : {}), ...(job.sageMakerEndpoint ? { sageMakerEndpoint: job.sageMakerEndpoint } : {}) };
    const sm = new SageMakerApi(sageMakerClient(aws), undefined, control.signal);
    const wait: WaitContext = { sm, job, control, stderr, timezone: 'utc', ...(o.profile ? { profile: o.profile } : {}) };
    const describe = (): Promise<JobSnapshot> => sm.describe(job).catch(async (e: unknown) => Promise.reject(await explainAwsFailureChecked(e, job, 'describe', o.profile)));

    let snapshot = await describe();
    checkSameAccount(job, snapshot, label);
    const plan = planStop(snapshot);
    switch (plan.action) {
      case 'already-ended':
        process.stdout.write(`${jobTitle(job)} has already ended (${statusText(snapshot)}): nothing to stop\n`);
        return ExitCode.Ok;
      case 'already-stopping':
        process.stdout.write(`${jobTitle(job)} is already stopping (${statusText(snapshot)}): no new stop request\n`);
        return o.wait && !o.dryRun ? finishWait(wait, await waitUntilEnded(wait, snapshot, intervalMs, { history: false }), o.timeout) : ExitCode.Ok;
      case 'not-stoppable':
        throw new SmlogsError(`cannot stop ${jobTitle(job)}: ${plan.why}`);
      case 'stop':
        break;
    }

    if (resolution.resource) await checkMayDelete(resolver, resolution.resource, job);
    else stderr.line(`note: ${label} is an ARN, not a Kubernetes resource: there is no RBAC permission to check; stopping with your AWS permissions only`);

    const what = `${jobTitle(job)} in ${job.region} (${statusText(snapshot)})`;
    if (o.dryRun) {
      process.stdout.write(`would stop ${what} with ${plan.api}${resolution.resource ? `, on behalf of ${label}` : ''} (dry run: nothing was called)\n`);
      return ExitCode.Ok;
    }
    if (!o.yes) {
      const answer = await askToStop(resolution, job, snapshot);
      if (answer !== 'yes') {
        stderr.line(answer === 'interrupted' ? '\nnot stopped: interrupted' : 'not stopped: not confirmed');
        return answer === 'interrupted' ? ExitCode.Interrupted : ExitCode.Error;
      }
    }

    try {
      if (isStoppable(job.type)) await sm.stop(job.type, job.name);
    } catch (e) {
      // It may have ended between Describe and Stop: that is not a failure to stop it.
      if (classifyAwsError(e) === 'validation') {
        snapshot = await describe();
        if (snapshot.phase.kind !== 'running') {
          process.stdout.write(`${jobTitle(job)} ${snapshot.phase.kind === 'stopping' ? 'is already stopping' : 'has already ended'} (${statusText(snapshot)}): ${snapshot.phase.kind === 'stopping' ? 'no new stop request' : 'nothing to stop'}\n`);
          return snapshot.phase.kind === 'stopping' && o.wait ? finishWait(wait, await waitUntilEnded(wait, snapshot, intervalMs, { history: false }), o.timeout) : ExitCode.Ok;
        }
      }
      throw await explainAwsFailureChecked(e, job, 'stop', o.profile);
    }
    process.stdout.write(`${out.c.yellow('stop requested')}: ${jobTitle(job)} in ${job.region} (${plan.api})\n`);
    if (!o.wait) return ExitCode.Ok;
    // From the state before the stop, so that Stopping and Stopped print as they come.
    return finishWait(wait, await waitUntilEnded(wait, snapshot, intervalMs, { history: false }), o.timeout);
  } catch (e) {
    if (control.reason === 'interrupted') return control.interruptExit;
    throw e;
  } finally {
    control.dispose();
    resolver.close();
  }
}

function submittedJob(r: Resolution, label: string): JobRef {
  if (r.job) return r.job;
  if (r.submission.state === 'rejected') throw new SmlogsError(`${label} has no SageMaker job to stop: SageMaker refused to create it: ${r.submission.reason.split('\n')[0]}`);
  const reason = r.submission.state === 'pending' ? r.submission.reason : 'not submitted';
  throw new SmlogsError(`${label} has no SageMaker job to stop yet (${reason}); to cancel it, delete the resource: kubectl delete ${label} -n ${r.resource?.namespace ?? 'default'}`);
}

/**
 * SageMaker finds jobs by name within the caller's account, so credentials for another account
 * can reach a different job that merely has the same name. When the resource (or the ARN) says
 * whose job it is, the job described must be that account's, or nothing is stopped.
 */
function checkSameAccount(job: JobRef, s: JobSnapshot, label: string): void {
  const reached = parseSageMakerArn(s.arn)?.account;
  if (job.account === undefined || reached === undefined || reached === job.account) return;
  throw new SmlogsError(
    `not stopping ${jobTitle(job)}: ${label} belongs to AWS account ${job.account}, but your credentials reach a job of that name in account ${reached}; pass --profile with credentials for account ${job.account}`,
  );
}

/** Stopping is what deleting the resource does, so the caller must be allowed to delete it. */
async function checkMayDelete(resolver: Resolver, res: FoundResource, job: JobRef): Promise<void> {
  const resource = qualified(res.type);
  const objectName = res.object.metadata.name;
  const question = { verb: 'delete', group: res.type.group, resource: res.type.plural, namespace: res.namespace, name: objectName };
  let answer;
  try {
    answer = await canI(resolver.client, question);
  } catch (e) {
    const why = e instanceof KubeApiError ? `${e.status}: ${e.message}` : (e as Error).message;
    throw new SmlogsError(`not stopping ${jobTitle(job)}: cannot check whether you may delete ${resource} "${objectName}" in namespace "${res.namespace}" (SelfSubjectAccessReview failed: ${why})`);
  }
  if (answer.allowed) return;
  const said = answer.reason ? `; the API server says: ${answer.reason}` : '';
  throw new SmlogsError(
    `not allowed to stop ${jobTitle(job)}: you may not delete ${resource} "${objectName}" in namespace "${res.namespace}" (ask for RBAC verb "delete" on ${resource} in namespace "${res.namespace}")${said}`,
  );
}

async function askToStop(r: Resolution, job: JobRef, s: JobSnapshot): Promise<Answer> {
  const rows: Array<[string, string]> = [
    ...(r.resource ? ([['resource', `${resourceLabel(r)} (namespace ${r.resource.namespace})`]] as Array<[string, string]>) : []),
    ['job', jobTitle(job)],
    ['region', job.region],
    ['status', statusText(s)],
  ];
  const text = rows.map(([k, v]) => `  ${`${k}:`.padEnd(10)}${v}`).join('\n');
  process.stderr.write(`About to stop:\n${text}\n`);
  return confirm('Stop this job? [y/N] ');
}
