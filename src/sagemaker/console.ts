import type { JobType } from './job';

// The fragment of the SageMaker console's single-page app that shows each kind of job.
const CONSOLE_FRAGMENT: Readonly<Record<JobType, string>> = {
  training: 'jobs',
  tuning: 'hyper-tuning-jobs',
  transform: 'transform-jobs',
  processing: 'processing-jobs',
  endpoint: 'endpoints',
};

/** The SageMaker console page of a job, for people to open from a terminal or a CI log. */
export function consoleUrl(type: JobType, name: string, region: string): string {
  return `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/${CONSOLE_FRAGMENT[type]}/${encodeURIComponent(name)}`;
}
