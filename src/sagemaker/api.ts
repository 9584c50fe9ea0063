import {
  DescribeEndpointCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  StopHyperParameterTuningJobCommand,
  StopProcessingJobCommand,
  StopTrainingJobCommand,
  StopTransformJobCommand,
  type HyperParameterTrainingJobSummary,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../aws/retry';
import type { JobRef, JobType } from './job';
import { snapshotOf, type JobSnapshot } from './snapshot';

export type StoppableType = Exclude<JobType, 'endpoint'>;

export function isStoppable(type: JobType): type is StoppableType {
  return type !== 'endpoint';
}

export interface TuningChild {
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly createdAt?: number;
  readonly objective?: { readonly metric: string; readonly value: number };
}

/** The SageMaker calls the plugin makes, with retries of throttling and transient failures. */
export class SageMakerApi {
  constructor(
    private readonly client: SageMakerClient,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly signal?: AbortSignal,
  ) {}

  async describe(ref: Pick<JobRef, 'type' | 'name'>): Promise<JobSnapshot> {
    const raw = await this.send<object>(() => {
      switch (ref.type) {
        case 'training':
          return this.client.send(new DescribeTrainingJobCommand({ TrainingJobName: ref.name }), { abortSignal: this.signal });
        case 'tuning':
          return this.client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: ref.name }), { abortSignal: this.signal });
        case 'transform':
          return this.client.send(new DescribeTransformJobCommand({ TransformJobName: ref.name }), { abortSignal: this.signal });
        case 'processing':
          return this.client.send(new DescribeProcessingJobCommand({ ProcessingJobName: ref.name }), { abortSignal: this.signal });
        case 'endpoint':
          return this.client.send(new DescribeEndpointCommand({ EndpointName: ref.name }), { abortSignal: this.signal });
      }
    });
    const { $metadata: _meta, ...body } = raw as unknown as Record<string, unknown>;
    return snapshotOf(ref.type, body);
  }

  async stop(type: StoppableType, name: string): Promise<void> {
    await this.send(() => {
      switch (type) {
        case 'training':
          return this.client.send(new StopTrainingJobCommand({ TrainingJobName: name }), { abortSignal: this.signal });
        case 'tuning':
          return this.client.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }), { abortSignal: this.signal });
        case 'transform':
          return this.client.send(new StopTransformJobCommand({ TransformJobName: name }), { abortSignal: this.signal });
        case 'processing':
          return this.client.send(new StopProcessingJobCommand({ ProcessingJobName: name }), { abortSignal: this.signal });
      }
    });
  }

  /** Every training job of a tuning job, all pages (100 a page). */
  async tuningChildren(tuningJob: string): Promise<TuningChild[]> {
    const out: TuningChild[] = [];
    let token: string | undefined;
    do {
      const page = await this.send(() =>
        this.client.send(
          new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: tuningJob, MaxResults: 100, SortBy: 'CreationTime', SortOrder: 'Ascending', ...(token ? { NextToken: token } : {}) }),
          { abortSignal: this.signal },
        ),
      );
      for (const s of page.TrainingJobSummaries ?? []) out.push(childOf(s));
      token = page.NextToken;
    } while (token);
    return out;
  }

  private send<T>(call: () => Promise<T>): Promise<T> {
    return withRetries(call, this.retry, { signal: this.signal });
  }
}

function childOf(s: HyperParameterTrainingJobSummary): TuningChild {
  const m = s.FinalHyperParameterTuningJobObjectiveMetric;
  return {
    name: s.TrainingJobName ?? '',
    arn: s.TrainingJobArn ?? '',
    status: s.TrainingJobStatus ?? 'Unknown',
    ...(s.CreationTime ? { createdAt: s.CreationTime.getTime() } : {}),
    ...(m?.MetricName && typeof m.Value === 'number' ? { objective: { metric: m.MetricName, value: m.Value } } : {}),
  };
}
