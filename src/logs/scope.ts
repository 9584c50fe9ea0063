import type { JobRef } from '../sagemaker/job';

/** Who wrote a stream: the job and the host, and the short label printed before its lines. */
export interface StreamLabel {
  readonly job: string;
  /** `algo-1`, `i-0abc…`, `AllTraffic/i-0abc…`: restarts of one host share it (and its colour). */
  readonly instance: string;
  /** The prefix shown in default output; for tuning children it names the child as well. */
  readonly label: string;
}

/**
 * The set of log streams that belong to what the user asked for: one log group, an optional
 * stream-name prefix the service can filter on, and a classifier for the rest.
 */
export interface LogScope {
  readonly group: string;
  /** Always ends with `/` for a single job: `train` must not match `train-v2/...`. */
  readonly prefix?: string;
  /** Returns the label of a stream in scope, or undefined for a stream that is not ours. */
  classify(stream: string): StreamLabel | undefined;
}

export const LOG_GROUPS = {
  training: '/aws/sagemaker/TrainingJobs',
  transform: '/aws/sagemaker/TransformJobs',
  processing: '/aws/sagemaker/ProcessingJobs',
  endpointPrefix: '/aws/sagemaker/Endpoints/',
} as const;

// `algo-1-1755684904` → `algo-1`; a restart writes `algo-1-1755689000`, the same host.
const EPOCH_SUFFIX = /-\d{9,}$/;

function hostOf(segment: string): string {
  return segment.replace(EPOCH_SUFFIX, '');
}

/** Label of a stream `<job>/<host>-<epoch>[/<suffix>]` relative to its job. */
function jobStreamLabel(job: string, rest: string): StreamLabel {
  const slash = rest.indexOf('/');
  const head = slash < 0 ? rest : rest.slice(0, slash);
  const suffix = slash < 0 ? '' : rest.slice(slash); // e.g. /data-log, /<container>
  const instance = hostOf(head);
  return { job, instance, label: instance + suffix };
}

/** Streams of one training, transform or processing job. */
export function singleJobScope(group: string, job: string): LogScope {
  const prefix = `${job}/`;
  return {
    group,
    prefix,
    classify(stream) {
      if (!stream.startsWith(prefix) || stream.length === prefix.length) return undefined;
      return jobStreamLabel(job, stream.slice(prefix.length));
    },
  };
}

/** Streams of an endpoint: its own group, `<variant>/<instance-id>[/<suffix>]`. */
export function endpointScope(endpoint: string): LogScope {
  return {
    group: LOG_GROUPS.endpointPrefix + endpoint,
    classify(stream) {
      const parts = stream.split('/');
      const instance = parts.slice(0, 2).join('/');
      return { job: endpoint, instance, label: stream };
    },
  };
}

/**
 * Streams of the training jobs of a tuning job. They all start with `<tuning>-`, so one prefix
 * covers them for the service; the classifier keeps known children and names of SageMaker's
 * child shape `<tuning>-NNN-<8 hex>` (a child that starts logging before the next listing must
 * not lose lines), but not a sibling tuning job such as `<tuning>-2`.
 */
export function tuningScope(tuningJob: string, children: ReadonlySet<string>): LogScope {
  const prefix = `${tuningJob}-`;
  const childShape = new RegExp(`^${tuningJob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{3}-[0-9a-f]{8}$`);
  return {
    group: LOG_GROUPS.training,
    prefix,
    classify(stream) {
      const slash = stream.indexOf('/');
      if (slash < 0) return undefined;
      const job = stream.slice(0, slash);
      if (!children.has(job) && !childShape.test(job)) return undefined;
      const base = jobStreamLabel(job, stream.slice(slash + 1));
      const child = job.startsWith(prefix) ? job.slice(prefix.length) : job;
      return { job, instance: `${child}/${base.instance}`, label: `${child}/${base.label}` };
    },
  };
}

/** Where a job's logs are. Tuning jobs need their children first: see tuningScope. */
export function scopeForJob(job: JobRef): LogScope {
  switch (job.type) {
    case 'training':
      return singleJobScope(LOG_GROUPS.training, job.name);
    case 'transform':
      return singleJobScope(LOG_GROUPS.transform, job.name);
    case 'processing':
      return singleJobScope(LOG_GROUPS.processing, job.name);
    case 'endpoint':
      return endpointScope(job.name);
    case 'tuning':
      throw new Error('tuning jobs have no log streams of their own; use tuningScope');
  }
}

/**
 * Narrows a scope to some hosts. `--instance algo-1` matches algo-1's streams (and its restarts)
 * but not algo-10; the archived plugin's `-p/--logSearchPrefix` is a raw prefix of the stream
 * name after `<job>/`, kept for its users.
 */
export function narrowScope(scope: LogScope, instances: readonly string[], rawPrefixes: readonly string[]): LogScope {
  if (instances.length === 0 && rawPrefixes.length === 0) return scope;
  return {
    group: scope.group,
    prefix: scope.prefix,
    classify(stream) {
      const label = scope.classify(stream);
      if (!label) return undefined;
      const afterJob = stream.slice(stream.indexOf('/') + 1);
      const byInstance = instances.some((i) => label.instance === i || label.label === i || label.instance.endsWith(`/${i}`));
      const byPrefix = rawPrefixes.some((p) => afterJob.startsWith(p));
      return byInstance || byPrefix ? label : undefined;
    },
  };
}
