import type { Command } from 'commander';
import { logsClient, sageMakerClient } from '../../aws/clients';
import { awsMessage, errorName } from '../../aws/errors';
import { CallBudget, DEFAULT_RATES } from '../../logs/budget';
import { LogsApi } from '../../logs/cloudwatch';
import { listStreams } from '../../logs/readers';
import { scopeForJob, tuningScope, type LogScope } from '../../logs/scope';
import { describeDocument, type DescribeInput, type LogsInfo } from '../../render/describe-doc';
import { describeText } from '../../render/describe-text';
import { Palette } from '../../render/palette';
import { SageMakerApi, type TuningChild } from '../../sagemaker/api';
import type { JobRef } from '../../sagemaker/job';
import { explainAwsFailureChecked } from '../aws-failure';
import { colorChoice, outputFormat, serialize } from '../output-format';
import type { RawConnectionOpts } from '../options';
import { colourFor, currentTerminal, makeResolver, RunControl } from '../runtime';
import { splitTarget } from './logs';

export interface RawDescribeOpts extends RawConnectionOpts {
  output?: string;
  color?: string;
}

/**
 * describe: the custom resource and SageMaker's live description of its job, with the log
 * streams (and a tuning job's training jobs) that only the APIs know. A resource whose job is
 * not submitted yet is described too; an ARN needs no cluster at all.
 */
export async function runDescribe(args: string[], o: RawDescribeOpts, cmd: Command): Promise<number> {
  void cmd;
  const { kind, name } = splitTarget(args);
  const format = outputFormat(o.output, ['text', 'json', 'yaml'] as const, 'text');
  const color = colorChoice(o.color);
  const term = currentTerminal();
  const control = new RunControl();
  const resolver = makeResolver(o, term.env);
  try {
    const r = await resolver.resolve(kind, name);
    let input: DescribeInput = r.resource ? { resource: { type: r.resource.type, namespace: r.resource.namespace, object: r.resource.object, submission: r.submission } } : {};
    if (r.job) input = { ...input, ...(await liveParts(r.job, o.profile, control.signal)) };
    const doc = describeDocument(input);
    if (format !== 'text') {
      process.stdout.write(serialize(doc, format));
    } else {
      const columns = term.stdoutTTY ? process.stdout.columns : undefined;
      process.stdout.write(describeText(doc, { palette: new Palette(colourFor(color, term.stdoutTTY, term.env)), now: Date.now(), ...(columns ? { maxWidth: columns } : {}) }));
    }
    return 0;
  } finally {
    control.dispose();
    resolver.close();
  }
}

async function liveParts(job: JobRef, profile: string | undefined, signal: AbortSignal): Promise<Partial<DescribeInput>> {
  const aws = { region: job.region, ...(profile ? { profile } : {}), ...(job.sageMakerEndpoint ? { sageMakerEndpoint: job.sageMakerEndpoint } : {}) };
  const sm = new SageMakerApi(sageMakerClient(aws), undefined, signal);
  const described = sm.describe(job).catch(async (e: unknown) => Promise.reject(await explainAwsFailureChecked(e, job, 'describe', profile, signal)));
  const listing = (scope: LogScope): Promise<LogsInfo> => logStreams(new LogsApi(logsClient(aws), new CallBudget(DEFAULT_RATES), undefined, signal), scope);

  if (job.type !== 'tuning') {
    // A job's streams are named after it, so they are listed while SageMaker describes it: one
    // round trip of waiting instead of two. The listing never fails (see logStreams).
    const [snapshot, logs] = await Promise.all([described, listing(scopeForJob(job))]);
    return { job, snapshot, logs };
  }
  const snapshot = await described;
  let childrenError: string | undefined;
  const children = await sm.tuningChildren(job.name).catch((e: unknown) => {
    childrenError = `${errorName(e)}: ${awsMessage(e)}`;
    return undefined;
  });
  const logs = await listing(tuningScope(job.name, new Set((children ?? []).map((c) => c.name))));
  return { job, snapshot, logs, ...(children ? { children } : {}), ...(childrenError ? { childrenError } : {}) };
}

/** Listing streams needs CloudWatch permissions that describing does not: a failure is shown, not fatal. */
async function logStreams(api: LogsApi, scope: LogScope): Promise<LogsInfo> {
  const base = { group: scope.group, ...(scope.prefix ? { prefix: scope.prefix } : {}) };
  try {
    const listing = await listStreams(api, scope);
    return { ...base, groupExists: listing.groupExists, streams: listing.streams.map((s) => s.name) };
  } catch (e) {
    return { ...base, error: `${errorName(e)}: ${awsMessage(e)}` };
  }
}
