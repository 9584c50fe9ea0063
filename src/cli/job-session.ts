import { setTimeout as sleep } from 'node:timers/promises';
import yoctoSpinner from 'yocto-spinner';
import { SmlogsError, TimeoutError } from '../core/errors';
import { KubeApiError } from '../kube/http';
import { legacyGeneratedName } from '../kube/job-name';
import { qualified } from '../kube/kinds';
import type { KubeObject } from '../kube/object';
import { objectPath, type Resolution, type Resolver } from '../kube/resolve';
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

/** The poll interval where watching is not allowed; `SMLOGS_TUNING=submitPollMs=N` shortens it for tests. */
function pollMs(env: NodeJS.ProcessEnv): number {
  const m = /(?:^|,)\s*submitPollMs\s*=\s*(\d+)/.exec(env.SMLOGS_TUNING ?? '');
  return m ? Number(m[1]) : POLL_MS;
}

/**
 * Resolves KIND NAME to a job. A resource the operator has not submitted yet is an error unless
 * `wait` is set; then it is watched (re-read every 2 s where watching is not allowed) until it
 * names its job (with a spinner on a terminal), until the run's signal ends the wait.
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
    let watching = true;
    let fromVersion = true;
    let quickEnds = 0;
    for (;;) {
      try {
        const started = Date.now();
        const next: Resolution | 'ended' | 'expired' | 'unwatchable' | 'poll' = watching ? await nextVersion(resolver, r, label, fromVersion, o.control.signal) : 'poll';
        if (typeof next === 'object') r = next;
        else {
          // Too old a version (410): watch from "now" after re-reading it.
          fromVersion = next !== 'expired';
          // A watch the server ends at once, again and again, is no watch: poll instead.
          quickEnds = next !== 'unwatchable' && next !== 'poll' && Date.now() - started < 1000 ? quickEnds + 1 : 0;
          if (next === 'unwatchable' || quickEnds >= 3) watching = false;
          if (next === 'unwatchable' || next === 'poll') await sleep(pollMs(o.stderr.term.env), undefined, { signal: o.control.signal });
          r = await resolver.refresh(r);
        }
      } catch (e) {
        if (!o.control.signal.aborted) throw e;
        if (o.control.reason === 'timeout') throw new TimeoutError(`timed out waiting for ${label} to be submitted to SageMaker`);
        throw new SmlogsError('interrupted', o.control.interruptExit);
      }
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

/**
 * Watches the resource from the version in hand (`fromVersion`; else from now, which starts with
 * the object as it is) until it changes: the new resolution, or 'ended' when the watch ended
 * without news (re-read it and watch again), 'expired' when that version is too old to watch
 * from (410), or 'unwatchable' when the server will not watch it (not allowed...): then it is
 * polled.
 */
async function nextVersion(resolver: Resolver, r: Resolution, label: string, fromVersion: boolean, signal: AbortSignal): Promise<Resolution | 'ended' | 'expired' | 'unwatchable'> {
  const res = r.resource!;
  const name = res.object.metadata.name;
  const rv = res.object.metadata.resourceVersion;
  const query = new URLSearchParams({ watch: 'true', fieldSelector: `metadata.name=${name}`, timeoutSeconds: '300', ...(rv && fromVersion ? { resourceVersion: rv } : {}) });
  // Ends the watch on news, or with the run (AbortSignal.any needs Node.js 20.3).
  const local = new AbortController();
  const onRunAbort = (): void => local.abort();
  signal.addEventListener('abort', onRunAbort, { once: true });
  const seen: { changed?: KubeObject; outcome?: 'expired' | 'deleted' } = {};
  try {
    await resolver.client.watch(
      `${objectPath(res.type, res.namespace)}?${query.toString()}`,
      (ev) => {
        if (seen.changed || seen.outcome) return;
        // ERROR: a 410 Expired/Gone for a version too old.
        if (ev.type === 'ERROR') seen.outcome = 'expired';
        else if (ev.type === 'DELETED') seen.outcome = 'deleted';
        else if ((ev.type === 'ADDED' || ev.type === 'MODIFIED') && ev.object?.metadata?.name === name && ev.object.metadata.resourceVersion !== rv) seen.changed = ev.object as KubeObject;
        else return;
        local.abort();
      },
      local.signal,
    );
  } catch (e) {
    if (signal.aborted) throw e;
    if (e instanceof KubeApiError) return 'unwatchable';
    return 'ended';
  } finally {
    signal.removeEventListener('abort', onRunAbort);
  }
  if (signal.aborted) throw new Error('aborted');
  if (seen.outcome === 'deleted') throw new SmlogsError(`${label} was deleted while waiting for it to be submitted to SageMaker`);
  if (seen.changed) return resolver.resolveResource(r.query, { ...res, object: seen.changed });
  return seen.outcome === 'expired' ? 'expired' : 'ended';
}

function pendingReason(r: Resolution): string {
  return r.submission.state === 'pending' ? r.submission.reason : 'not submitted';
}

function generatedHint(r: Resolution): string {
  const res = r.resource;
  if (!res || res.type.family !== 'legacy' || !res.object.metadata.uid) return '';
  return ` (its job will be named ${legacyGeneratedName(res.type.jobType, res.object.metadata.name, res.object.metadata.uid)} unless the spec names one)`;
}
