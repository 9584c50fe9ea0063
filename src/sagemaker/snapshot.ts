import type { JobType } from './job';
import { phaseOf, type Phase } from './status';

export interface StatusTransition {
  readonly status: string;
  /** epoch ms */
  readonly start: number;
  readonly end?: number;
  readonly message?: string;
}

export interface InstanceSpec {
  readonly type: string;
  readonly count: number;
  readonly group?: string;
}

export interface TuningCounters {
  readonly completed: number;
  readonly inProgress: number;
  readonly retryableError: number;
  readonly nonRetryableError: number;
  readonly stopped: number;
}

export interface TuningSummary {
  readonly counters: TuningCounters;
  readonly objective?: { readonly type?: string; readonly metric?: string };
  readonly maxJobs?: number;
  readonly maxParallel?: number;
  readonly best?: { readonly name: string; readonly status?: string; readonly metric?: string; readonly value?: number };
}

/**
 * What the plugin needs to know about a job at one moment, the same shape for all five kinds.
 * `raw` keeps SageMaker's whole answer for `describe -o json|yaml`.
 */
export interface JobSnapshot {
  readonly type: JobType;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly secondary?: string;
  readonly phase: Phase;
  readonly failureReason?: string;
  readonly transitions: readonly StatusTransition[];
  readonly createdAt?: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly lastModifiedAt?: number;
  readonly instances: readonly InstanceSpec[];
  readonly trainingSeconds?: number;
  readonly billableSeconds?: number;
  readonly spot?: { readonly maxWaitSeconds?: number; readonly savingsPercent?: number };
  readonly maxRuntimeSeconds?: number;
  readonly metrics: ReadonlyArray<{ readonly name: string; readonly value: number; readonly timestamp?: number }>;
  readonly modelArtifacts?: string;
  readonly tuning?: TuningSummary;
  readonly raw: Readonly<Record<string, unknown>>;
}

type Raw = Record<string, any>;

const ms = (d: unknown): number | undefined => {
  if (d instanceof Date) return d.getTime();
  if (typeof d === 'number') return d * 1000;
  if (typeof d === 'string') {
    const t = Date.parse(d);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
};

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined || value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

function transitionsOf(list: unknown): StatusTransition[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((t: Raw) => t && typeof t.Status === 'string' && ms(t.StartTime) !== undefined)
    .map((t: Raw) => ({ status: t.Status, start: ms(t.StartTime)!, ...opt('end', ms(t.EndTime)), ...opt('message', t.StatusMessage as string | undefined) }));
}

function savings(training?: number, billable?: number): number | undefined {
  if (!training || billable === undefined) return undefined;
  return Math.round((1 - billable / training) * 1000) / 10;
}

/** Normalises a Describe* answer of a job of `type`. */
export function snapshotOf(type: JobType, d: Raw): JobSnapshot {
  switch (type) {
    case 'training':
      return trainingSnapshot(d);
    case 'tuning':
      return tuningSnapshot(d);
    case 'transform':
      return transformSnapshot(d);
    case 'processing':
      return processingSnapshot(d);
    case 'endpoint':
      return endpointSnapshot(d);
  }
}

function trainingSnapshot(d: Raw): JobSnapshot {
  const status = String(d.TrainingJobStatus ?? 'Unknown');
  const secondary = d.SecondaryStatus as string | undefined;
  const rc = (d.ResourceConfig ?? {}) as Raw;
  const groups = Array.isArray(rc.InstanceGroups) ? (rc.InstanceGroups as Raw[]) : [];
  const instances: InstanceSpec[] = groups.length
    ? groups.map((g) => ({ type: String(g.InstanceType), count: Number(g.InstanceCount ?? 0), ...opt('group', g.InstanceGroupName as string | undefined) }))
    : rc.InstanceType
      ? [{ type: String(rc.InstanceType), count: Number(rc.InstanceCount ?? 1) }]
      : [];
  const training = d.TrainingTimeInSeconds as number | undefined;
  const billable = d.BillableTimeInSeconds as number | undefined;
  const sc = (d.StoppingCondition ?? {}) as Raw;
  return {
    type: 'training',
    name: String(d.TrainingJobName),
    arn: String(d.TrainingJobArn ?? ''),
    status,
    ...opt('secondary', secondary),
    phase: phaseOf('training', status, secondary),
    ...opt('failureReason', d.FailureReason as string | undefined),
    transitions: transitionsOf(d.SecondaryStatusTransitions),
    ...opt('createdAt', ms(d.CreationTime)),
    ...opt('startedAt', ms(d.TrainingStartTime)),
    ...opt('endedAt', ms(d.TrainingEndTime)),
    ...opt('lastModifiedAt', ms(d.LastModifiedTime)),
    instances,
    ...opt('trainingSeconds', training),
    ...opt('billableSeconds', billable),
    ...(d.EnableManagedSpotTraining ? { spot: { ...opt('maxWaitSeconds', sc.MaxWaitTimeInSeconds as number | undefined), ...opt('savingsPercent', savings(training, billable)) } } : {}),
    ...opt('maxRuntimeSeconds', sc.MaxRuntimeInSeconds as number | undefined),
    metrics: Array.isArray(d.FinalMetricDataList)
      ? (d.FinalMetricDataList as Raw[]).filter((m) => m.MetricName).map((m) => ({ name: String(m.MetricName), value: Number(m.Value), ...opt('timestamp', ms(m.Timestamp)) }))
      : [],
    ...opt('modelArtifacts', (d.ModelArtifacts as Raw | undefined)?.S3ModelArtifacts as string | undefined),
    raw: d,
  };
}

function tuningSnapshot(d: Raw): JobSnapshot {
  const status = String(d.HyperParameterTuningJobStatus ?? 'Unknown');
  const cfg = (d.HyperParameterTuningJobConfig ?? {}) as Raw;
  const c = (d.TrainingJobStatusCounters ?? {}) as Raw;
  const best = (d.BestTrainingJob ?? undefined) as Raw | undefined;
  const metric = best?.FinalHyperParameterTuningJobObjectiveMetric as Raw | undefined;
  const def = (d.TrainingJobDefinition ?? (Array.isArray(d.TrainingJobDefinitions) ? d.TrainingJobDefinitions[0] : undefined) ?? {}) as Raw;
  const rc = (def.ResourceConfig ?? {}) as Raw;
  return {
    type: 'tuning',
    name: String(d.HyperParameterTuningJobName),
    arn: String(d.HyperParameterTuningJobArn ?? ''),
    status,
    phase: phaseOf('tuning', status),
    ...opt('failureReason', d.FailureReason as string | undefined),
    transitions: [],
    ...opt('createdAt', ms(d.CreationTime)),
    ...opt('endedAt', ms(d.HyperParameterTuningEndTime)),
    ...opt('lastModifiedAt', ms(d.LastModifiedTime)),
    instances: rc.InstanceType ? [{ type: String(rc.InstanceType), count: Number(rc.InstanceCount ?? 1) }] : [],
    metrics: [],
    tuning: {
      counters: {
        completed: Number(c.Completed ?? 0),
        inProgress: Number(c.InProgress ?? 0),
        retryableError: Number(c.RetryableError ?? 0),
        nonRetryableError: Number(c.NonRetryableError ?? 0),
        stopped: Number(c.Stopped ?? 0),
      },
      objective: { ...opt('type', cfg.HyperParameterTuningJobObjective?.Type as string | undefined), ...opt('metric', cfg.HyperParameterTuningJobObjective?.MetricName as string | undefined) },
      ...opt('maxJobs', cfg.ResourceLimits?.MaxNumberOfTrainingJobs as number | undefined),
      ...opt('maxParallel', cfg.ResourceLimits?.MaxParallelTrainingJobs as number | undefined),
      ...(best
        ? {
            best: {
              name: String(best.TrainingJobName),
              ...opt('status', best.TrainingJobStatus as string | undefined),
              ...opt('metric', metric?.MetricName as string | undefined),
              ...opt('value', typeof metric?.Value === 'number' ? (metric.Value as number) : undefined),
            },
          }
        : {}),
    },
    raw: d,
  };
}

function transformSnapshot(d: Raw): JobSnapshot {
  const status = String(d.TransformJobStatus ?? 'Unknown');
  const r = (d.TransformResources ?? {}) as Raw;
  return {
    type: 'transform',
    name: String(d.TransformJobName),
    arn: String(d.TransformJobArn ?? ''),
    status,
    phase: phaseOf('transform', status),
    ...opt('failureReason', d.FailureReason as string | undefined),
    transitions: [],
    ...opt('createdAt', ms(d.CreationTime)),
    ...opt('startedAt', ms(d.TransformStartTime)),
    ...opt('endedAt', ms(d.TransformEndTime)),
    instances: r.InstanceType ? [{ type: String(r.InstanceType), count: Number(r.InstanceCount ?? 1) }] : [],
    metrics: [],
    raw: d,
  };
}

function processingSnapshot(d: Raw): JobSnapshot {
  const status = String(d.ProcessingJobStatus ?? 'Unknown');
  const cc = ((d.ProcessingResources ?? {}) as Raw).ClusterConfig as Raw | undefined;
  return {
    type: 'processing',
    name: String(d.ProcessingJobName),
    arn: String(d.ProcessingJobArn ?? ''),
    status,
    phase: phaseOf('processing', status),
    ...opt('failureReason', (d.FailureReason ?? d.ExitMessage) as string | undefined),
    transitions: [],
    ...opt('createdAt', ms(d.CreationTime)),
    ...opt('startedAt', ms(d.ProcessingStartTime)),
    ...opt('endedAt', ms(d.ProcessingEndTime)),
    ...opt('lastModifiedAt', ms(d.LastModifiedTime)),
    instances: cc?.InstanceType ? [{ type: String(cc.InstanceType), count: Number(cc.InstanceCount ?? 1) }] : [],
    ...opt('maxRuntimeSeconds', (d.StoppingCondition as Raw | undefined)?.MaxRuntimeInSeconds as number | undefined),
    metrics: [],
    raw: d,
  };
}

function endpointSnapshot(d: Raw): JobSnapshot {
  const status = String(d.EndpointStatus ?? 'Unknown');
  const variants = Array.isArray(d.ProductionVariants) ? (d.ProductionVariants as Raw[]) : [];
  return {
    type: 'endpoint',
    name: String(d.EndpointName),
    arn: String(d.EndpointArn ?? ''),
    status,
    phase: phaseOf('endpoint', status),
    ...opt('failureReason', d.FailureReason as string | undefined),
    transitions: [],
    ...opt('createdAt', ms(d.CreationTime)),
    ...opt('lastModifiedAt', ms(d.LastModifiedTime)),
    instances: variants.map((v) => ({ type: String(v.InstanceType ?? v.VariantName ?? ''), count: Number(v.CurrentInstanceCount ?? v.DesiredInstanceCount ?? 0), group: String(v.VariantName ?? '') })),
    metrics: [],
    raw: d,
  };
}
