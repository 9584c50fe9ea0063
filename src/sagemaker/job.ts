/** The five kinds of SageMaker work the plugin follows, whichever operator created them. */
export const JOB_TYPES = ['training', 'tuning', 'transform', 'processing', 'endpoint'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** A SageMaker job (or endpoint) as the AWS APIs address it. */
export interface JobRef {
  readonly type: JobType;
  /** The SageMaker name (not the Kubernetes object name). */
  readonly name: string;
  readonly region: string;
  readonly arn?: string;
  /** The AWS account that owns the job, when the resource says (ACK ownerAccountID, or the ARN). */
  readonly account?: string;
  /** SageMaker API endpoint from the resource: legacy spec.sageMakerEndpoint, ACK namespace annotation. */
  readonly sageMakerEndpoint?: string;
}

/** The resource-type segment of each job type's ARN. */
export const ARN_RESOURCE_TYPE: Readonly<Record<JobType, string>> = {
  training: 'training-job',
  tuning: 'hyper-parameter-tuning-job',
  transform: 'transform-job',
  processing: 'processing-job',
  endpoint: 'endpoint',
};

/** Human words for messages: "training job", "endpoint". */
export const JOB_TYPE_NOUN: Readonly<Record<JobType, string>> = {
  training: 'training job',
  tuning: 'tuning job',
  transform: 'transform job',
  processing: 'processing job',
  endpoint: 'endpoint',
};
