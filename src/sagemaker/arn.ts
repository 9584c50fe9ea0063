import { ARN_RESOURCE_TYPE, type JobType } from './job';

export interface ParsedArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly type: JobType;
  readonly name: string;
  readonly arn: string;
}

const RESOURCE_TYPES: Readonly<Record<string, JobType>> = {
  'training-job': 'training',
  'hyper-parameter-tuning-job': 'tuning',
  // Some hand-written manifests spell it this way; SageMaker never does, but users paste them.
  'hyperparameter-tuning-job': 'tuning',
  'transform-job': 'transform',
  'processing-job': 'processing',
  endpoint: 'endpoint',
};

export function looksLikeArn(text: string): boolean {
  return text.startsWith('arn:');
}

/**
 * Parses a SageMaker job ARN. The name is everything after the first `/` that follows the
 * fifth `:`, so names are taken verbatim. Returns undefined for anything else.
 */
export function parseSageMakerArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'sagemaker') return undefined;
  const [, partition, , region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  if (slash <= 0) return undefined;
  const type = RESOURCE_TYPES[resource.slice(0, slash)];
  const name = resource.slice(slash + 1);
  if (!type || !name || !region || !partition) return undefined;
  return { partition, region, account, type, name, arn };
}

export function buildArn(type: JobType, name: string, region: string, account: string, partition = 'aws'): string {
  return `arn:${partition}:sagemaker:${region}:${account}:${ARN_RESOURCE_TYPE[type]}/${name}`;
}
