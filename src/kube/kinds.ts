import { UsageError } from '../core/errors';
import type { JobType } from '../sagemaker/job';

export type Family = 'legacy' | 'ack';

export const GROUPS: Readonly<Record<Family, { readonly group: string; readonly version: string; readonly operator: string }>> = {
  legacy: { group: 'sagemaker.aws.amazon.com', version: 'v1', operator: 'the SageMaker Operators for Kubernetes (sagemaker.aws.amazon.com)' },
  ack: { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1', operator: 'the ACK SageMaker controller (sagemaker.services.k8s.aws)' },
};

/** One custom resource type: what kubectl calls `plural.group`. */
export interface ResourceType {
  readonly family: Family;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly jobType: JobType;
}

function rt(family: Family, kind: string, plural: string, jobType: JobType): ResourceType {
  const g = GROUPS[family];
  return { family, group: g.group, version: g.version, kind, plural, singular: kind.toLowerCase(), jobType };
}

/** The job-like kinds of both operators, spelled exactly as their CRDs spell them. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt('legacy', 'TrainingJob', 'trainingjobs', 'training'),
  rt('legacy', 'HyperparameterTuningJob', 'hyperparametertuningjobs', 'tuning'),
  rt('legacy', 'BatchTransformJob', 'batchtransformjobs', 'transform'),
  rt('legacy', 'ProcessingJob', 'processingjobs', 'processing'),
  rt('legacy', 'HostingDeployment', 'hostingdeployments', 'endpoint'),
  rt('ack', 'TrainingJob', 'trainingjobs', 'training'),
  rt('ack', 'HyperParameterTuningJob', 'hyperparametertuningjobs', 'tuning'),
  rt('ack', 'TransformJob', 'transformjobs', 'transform'),
  rt('ack', 'ProcessingJob', 'processingjobs', 'processing'),
  rt('ack', 'Endpoint', 'endpoints', 'endpoint'),
];

/** The KIND words of the contract, per job type. */
export const KIND_WORDS: Readonly<Record<JobType, readonly string[]>> = {
  training: ['trainingjob', 'trainingjobs', 'tj'],
  tuning: ['hyperparametertuningjob', 'hyperparametertuningjobs', 'tuningjob', 'tuningjobs', 'hpo'],
  transform: ['batchtransformjob', 'batchtransformjobs', 'transformjob', 'transformjobs', 'btj'],
  processing: ['processingjob', 'processingjobs', 'pj'],
  endpoint: ['hostingdeployment', 'hostingdeployments', 'endpoint', 'endpoints', 'hd'],
};

export function qualified(t: Pick<ResourceType, 'plural' | 'group'>): string {
  return `${t.plural}.${t.group}`;
}

/** What a KIND argument asks for: a job type, and the resource types (one or both groups) to look in. */
export interface KindQuery {
  readonly jobType: JobType;
  readonly candidates: readonly ResourceType[];
  /** The user named the group, so only that group is searched. */
  readonly pinned: boolean;
}

/**
 * Parses KIND the way kubectl does: case-insensitive singular, plural or short word, or a fully
 * qualified `plural.group` / `singular.group` / `Kind.group` / `plural.version.group`.
 */
export function parseKind(text: string): KindQuery {
  const word = text.trim().toLowerCase();
  for (const [jobType, words] of Object.entries(KIND_WORDS) as Array<[JobType, readonly string[]]>) {
    if (words.includes(word)) return { jobType, candidates: RESOURCE_TYPES.filter((t) => t.jobType === jobType), pinned: false };
  }
  for (const t of RESOURCE_TYPES) {
    const names = [t.plural, t.singular];
    for (const n of names) {
      if (word === `${n}.${t.group}` || word === `${n}.${t.version}.${t.group}`) return { jobType: t.jobType, candidates: [t], pinned: true };
    }
  }
  throw new UsageError(`unknown kind "${text}": use one of ${acceptedKindsText()} (or plural.group, e.g. trainingjobs.sagemaker.services.k8s.aws)`);
}

export function acceptedKindsText(): string {
  return Object.values(KIND_WORDS)
    .map((w) => w.join('|'))
    .join(', ');
}

/** Splits kubectl's `KIND/NAME` form. */
export function splitKindName(arg: string): { kind: string; name: string } | undefined {
  if (arg.startsWith('arn:')) return undefined;
  const slash = arg.indexOf('/');
  if (slash <= 0 || slash === arg.length - 1) return undefined;
  return { kind: arg.slice(0, slash), name: arg.slice(slash + 1) };
}
