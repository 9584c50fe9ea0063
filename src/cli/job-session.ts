import { setTimeout as sleep } from 'node:timers/promises';
import yoctoSpinner from 'yocto-spinner';
import { SmlogsError, TimeoutError } from '../core/errors';
import { legacyGeneratedName } from '../kube/job-name';
import { qualified } from '../kube/kinds';
import type { Resolution, Resolver } from '../kube/resolve';
import type { JobRef } from '../sagemaker/job';
import type { RunControl, Stderr } from './runtime';

export interface ResolvedJob {
  readonly resolution: Resolution;
  readonly job: JobRef;
}

/** `trainingjobs.sagemaker.aws.amazon.com/xgboost-mnist`, or the ARN the user gave. */
export function resourceLabel(r: Resolution): string {
  if (!r.resource) return r.target.arn ?? r.job?.name ?? '';
  return `${qualified(r.resource.type)}/${r.resource.object.metadata.name}`;
}

const POLL_MS = 2000;

/**
 * Resolves KIND NAME to a job. A resource the operator has not submitted yet is an error unless
 * `wait` is set; then it is re-read until it names its job (with a spinner on a terminal), until
 * the run's signal ends the wait.
 */
export async function resolveJob(resolver: Resolver, kind: string, name: string, o: { wait: boolean; control: RunControl; stderr: Stderr }): Promise<ResolvedJob> {
  let r = await resolver.resolve(kind, name);
  if (r.job) return { resolution: r, job: r.job };
  const label = resourceLabel(r);
  if (r.submission.state === 'rejected') {
    throw new SmlogsError(`${label} has no SageMaker job: SageMaker refused to create it: ${r.submission.reason.split('\n')[0]}`);
  }
  const hint = generatedHint(r);
  if (!o.wait) {
    throw new SmlogsError(`${label} has no SageMaker job yet: ${pendingReason(r)}${hint}; use --follow (or wait) to wait for it`);
  }
  const text = `waiting for ${label} to be submitted to SageMaker (${pendingReason(r)})`;
  const spinner = o.stderr.term.stderrTTY ? yoctoSpinner({ text, stream: process.stderr }).start() : undefined;
  if (!spinner) o.stderr.line(`${text}${hint}`);
  try {
    for (;;) {
      try {
        await sleep(POLL_MS, undefined, { signal: o.control.signal });
      } catch {
        if (o.control.reason === 'timeout') throw new TimeoutError(`timed out waiting for ${label} to be submitted to SageMaker`);
        throw new SmlogsError('interrupted', 130);
      }
      r = await resolver.refresh(r);
      if (r.job) {
        spinner?.success(`${label} submitted as ${r.job.name}`);
        if (!spinner) o.stderr.line(`${label} submitted as ${r.job.name}`);
        return { resolution: r, job: r.job };
      }
      if (r.submission.state === 'rejected') {
        throw new SmlogsError(`${label} has no SageMaker job: SageMaker refused to create it: ${r.submission.reason.split('\n')[0]}`);
      }
    }
  } finally {
    spinner?.stop();
  }
}

function pendingReason(r: Resolution): string {
  return r.submission.state === 'pending' ? r.submission.reason : 'not submitted';
}

function generatedHint(r: Resolution): string {
  const res = r.resource;
  if (!res || res.type.family !== 'legacy' || !res.object.metadata.uid) return '';
  return ` (its job will be named ${legacyGeneratedName(res.type.jobType, res.object.metadata.name, res.object.metadata.uid)} unless the spec names one)`;
}
