// SageMaker state. A job is a definition (normalised from a scenario) whose whole history is a timeline
// of (time, status, secondary status, message) points; its state at emulator time t is a pure function
// of that timeline, of t and of the Stop calls received (a stop appends Stopping at the stop time and
// Stopped `stopDelayMs` later). No timers: a ManualClock drives everything.

import type { Clock } from './clock';
import { ApiError, sagemakerErrors } from './errors';
import type { JobSpec } from './scenario-types';
import { toEpochSeconds } from './time';

export type JobKind = 'training' | 'tuning' | 'transform' | 'processing' | 'endpoint';

export const TRAINING_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped', 'Deleting'] as const;
export const SECONDARY_STATUSES = [
  'Starting', 'LaunchingMLInstances', 'PreparingTrainingStack', 'Downloading', 'DownloadingTrainingImage', 'Training',
  'Uploading', 'Stopping', 'Stopped', 'MaxRuntimeExceeded', 'Completed', 'Failed', 'Interrupted', 'MaxWaitTimeExceeded',
  'Updating', 'Restarting', 'Pending',
] as const;
export const TUNING_STATUSES = ['Completed', 'InProgress', 'Failed', 'Stopped', 'Stopping', 'Deleting', 'DeleteFailed'] as const;
export const BATCH_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'] as const;
export const ENDPOINT_STATUSES = [
  'OutOfService', 'Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'InService', 'Deleting', 'Failed', 'UpdateRollbackFailed',
] as const;

export const DEFAULT_STATUS_MESSAGES: Readonly<Record<string, string>> = {
  Starting: 'Preparing the instances for training',
  LaunchingMLInstances: 'Launching requested ML instances',
  PreparingTrainingStack: 'Preparing the instances for training',
  Pending: 'Waiting for the requested ML instances',
  Downloading: 'Downloading input data',
  DownloadingTrainingImage: 'Downloading the training image',
  Training: 'Training image download completed. Training in progress.',
  Uploading: 'Uploading generated training model',
  Completed: 'Training job completed',
  Failed: 'Training job failed',
  Stopping: 'Stopping the training job',
  Stopped: 'Training job stopped',
  MaxRuntimeExceeded: 'Training job stopped because it exceeded its maximum runtime',
  MaxWaitTimeExceeded: 'Training job stopped because it exceeded its maximum wait time',
  Interrupted: 'Spot instances were interrupted. The job will restart when capacity is available',
  Restarting: 'Restarting the training job',
  Updating: 'Updating the training job',
};

const TERMINAL = new Set(['Completed', 'Failed', 'Stopped']);

export interface TimelinePoint {
  /** Epoch ms. */
  at: number;
  status: string;
  /** Training only. */
  secondary?: string;
  message?: string;
  failureReason?: string;
  /** Processing only. */
  exitMessage?: string;
}

interface JobCommon {
  name: string;
  arn: string;
  creationTime: number;
  /** Sorted by `at`; the first point is the creation. Tuning jobs may leave it empty (derived from children). */
  timeline: TimelinePoint[];
  stopDelayMs: number;
  /** Runtime: emulator time of the accepted Stop call (or of the parent tuning job's stop). */
  stopRequestedAt?: number;
  tags?: Record<string, string>;
}

export interface TrainingDef extends JobCommon {
  kind: 'training';
  instanceType: string;
  instanceCount: number;
  instanceGroups?: { InstanceGroupName: string; InstanceType: string; InstanceCount: number }[];
  volumeSizeInGB: number;
  maxRuntimeSeconds: number;
  maxWaitSeconds?: number;
  /** Managed spot training: billable = floor(training * (1 - savings)). */
  spotSavings?: number;
  keepAliveSeconds?: number;
  hyperParameters: Record<string, string>;
  image: string;
  roleArn: string;
  inputs: { channel: string; uri: string }[];
  outputPath: string;
  metrics: { name: string; value: number; at?: number }[];
  metricDefinitions: { Name: string; Regex: string }[];
  debugRules: { name: string; status: string; at?: number; processingJob?: string }[];
  retryStrategy?: { MaximumRetryAttempts: number };
  tuningJobName?: string;
  tuningJobArn?: string;
  tuned?: Record<string, string>;
  objectiveMetric?: string;
  retryable?: boolean;
}

export interface TuningDef extends JobCommon {
  kind: 'tuning';
  strategy: string;
  objectiveType: 'Maximize' | 'Minimize';
  objectiveMetric: string;
  maxJobs: number;
  maxParallel: number;
  ranges: Record<string, [number, number]>;
  children: TrainingDef[];
  /** Derived-timeline options. */
  outcome: 'Completed' | 'Failed' | 'Stopped';
  failureReason?: string;
  finalizeMs: number;
  explicitTimeline: boolean;
  template: { instanceType: string; instanceCount: number; volumeSizeInGB: number; maxRuntimeSeconds: number; image: string; roleArn: string; outputPath: string; staticHyperParameters: Record<string, string> };
}

export interface TransformDef extends JobCommon {
  kind: 'transform';
  startedAt?: number;
  modelName: string;
  instanceType: string;
  instanceCount: number;
  inputUri: string;
  outputPath: string;
  contentType: string;
  splitType: string;
  batchStrategy: string;
  maxPayloadInMB: number;
  maxConcurrentTransforms: number;
}

export interface ProcessingDef extends JobCommon {
  kind: 'processing';
  startedAt?: number;
  instanceType: string;
  instanceCount: number;
  volumeSizeInGB: number;
  maxRuntimeSeconds: number;
  image: string;
  entrypoint?: string[];
  arguments?: string[];
  roleArn: string;
  trainingJobArn?: string;
  inputs: { name: string; uri: string }[];
  outputs: { name: string; uri: string }[];
}

export interface EndpointDef extends JobCommon {
  kind: 'endpoint';
  configName: string;
  variants: { name: string; instanceType: string; instanceCount: number; image: string; weight: number }[];
}

export type JobDef = TrainingDef | TuningDef | TransformDef | ProcessingDef | EndpointDef;

export const ARN_TYPE: Readonly<Record<JobKind, string>> = {
  training: 'training-job',
  tuning: 'hyper-parameter-tuning-job',
  transform: 'transform-job',
  processing: 'processing-job',
  endpoint: 'endpoint',
};

export const STOP_NOUN: Readonly<Record<JobKind, string>> = {
  training: 'training job',
  tuning: 'tuning job',
  transform: 'transform job',
  processing: 'processing job',
  endpoint: 'endpoint',
};

/** The job exists at t (created, and not cancelled before creation by its tuning job's stop). */
export function existsAt(job: JobDef, t: number): boolean {
  if (job.creationTime > t) return false;
  if (job.stopRequestedAt !== undefined && job.creationTime > job.stopRequestedAt) return false;
  return true;
}

function stopPoints(job: JobDef): TimelinePoint[] {
  const s = job.stopRequestedAt!;
  if (job.kind === 'training') {
    return [
      { at: s, status: 'Stopping', secondary: 'Stopping', message: DEFAULT_STATUS_MESSAGES.Stopping },
      { at: s + job.stopDelayMs, status: 'Stopped', secondary: 'Stopped', message: DEFAULT_STATUS_MESSAGES.Stopped },
    ];
  }
  return [
    { at: s, status: 'Stopping' },
    { at: s + job.stopDelayMs, status: 'Stopped' },
  ];
}

/** The timeline with any stop applied (tuning jobs: derived from the children unless explicit). */
export function effectiveTimeline(job: JobDef): TimelinePoint[] {
  let base = job.timeline;
  if (job.kind === 'tuning' && !job.explicitTimeline) base = derivedTuningTimeline(job);
  if (job.stopRequestedAt === undefined) return base;
  const s = job.stopRequestedAt;
  return [...base.filter((p) => p.at <= s), ...stopPoints(job)];
}

function derivedTuningTimeline(job: TuningDef): TimelinePoint[] {
  const pts: TimelinePoint[] = [{ at: job.creationTime, status: 'InProgress' }];
  let end = job.creationTime;
  for (const c of job.children) {
    if (c.stopRequestedAt !== undefined && c.creationTime > c.stopRequestedAt) continue;
    const tl = effectiveTimeline(c);
    const last = tl[tl.length - 1]!;
    if (!TERMINAL.has(last.status)) return pts; // a child runs forever: so does the tuning job
    end = Math.max(end, last.at);
  }
  const at = end + job.finalizeMs;
  pts.push({ at, status: job.outcome, failureReason: job.outcome === 'Failed' ? job.failureReason : undefined });
  return pts;
}

/** Timeline points up to t (empty when the job does not exist yet). */
export function pointsAt(job: JobDef, t: number): TimelinePoint[] {
  if (!existsAt(job, t)) return [];
  const tl = effectiveTimeline(job);
  let n = 0;
  while (n < tl.length && tl[n]!.at <= t) n++;
  return tl.slice(0, n);
}

export function statusAt(job: JobDef, t: number): string | undefined {
  const pts = pointsAt(job, t);
  return pts.length ? pts[pts.length - 1]!.status : undefined;
}

function terminalPoint(pts: TimelinePoint[]): TimelinePoint | undefined {
  const last = pts[pts.length - 1];
  return last && TERMINAL.has(last.status) ? last : undefined;
}

function latestFailureReason(pts: TimelinePoint[]): string | undefined {
  for (let i = pts.length - 1; i >= 0; i--) if (pts[i]!.failureReason) return pts[i]!.failureReason;
  return undefined;
}

/** Events after this are hidden from the job's log streams (a stop terminates the instances). */
export function logCutoff(job: JobDef): number {
  return job.stopRequestedAt === undefined ? Infinity : job.stopRequestedAt + job.stopDelayMs;
}

// ---- training --------------------------------------------------------------------------------------

interface TrainingState {
  status: string;
  secondary: string;
  transitions: { Status: string; StartTime: number; EndTime?: number; StatusMessage?: string }[];
  startTime?: number;
  endTime?: number;
  lastModified: number;
  failureReason?: string;
  trainingSeconds?: number;
  billableSeconds?: number;
  metrics: { MetricName: string; Value: number; Timestamp: number }[];
}

const TRAINING_STARTED = new Set(['Downloading', 'DownloadingTrainingImage', 'Training', 'Uploading']);

export function trainingState(job: TrainingDef, t: number): TrainingState | undefined {
  const pts = pointsAt(job, t);
  if (pts.length === 0) return undefined;
  const last = pts[pts.length - 1]!;
  const transitions: TrainingState['transitions'] = [];
  for (const p of pts) {
    const sec = p.secondary ?? p.status;
    const cur = transitions[transitions.length - 1];
    if (cur && cur.Status === sec) {
      if (p.message) cur.StatusMessage = p.message;
      continue;
    }
    if (cur) cur.EndTime = p.at;
    transitions.push({ Status: sec, StartTime: p.at, StatusMessage: p.message ?? DEFAULT_STATUS_MESSAGES[sec] });
  }
  const terminal = terminalPoint(pts);
  const lastT = transitions[transitions.length - 1]!;
  if (terminal) lastT.EndTime = lastT.StartTime;
  const started = transitions.find((x) => TRAINING_STARTED.has(x.Status));
  const st: TrainingState = {
    status: last.status,
    secondary: last.secondary ?? last.status,
    transitions,
    startTime: started?.StartTime,
    endTime: terminal?.at,
    lastModified: last.at,
    failureReason: latestFailureReason(pts),
    metrics: [],
  };
  if (terminal && st.startTime !== undefined) {
    const training = Math.max(0, Math.floor((terminal.at - st.startTime) / 1000));
    st.trainingSeconds = training;
    if (job.spotSavings !== undefined && job.spotSavings > 0 && training > 0) {
      st.billableSeconds = Math.min(training - 1, Math.max(1, Math.floor(training * (1 - job.spotSavings))));
    } else st.billableSeconds = training;
  }
  // Final metrics: visible from their time; by default when the job ends (Completed or Stopped).
  const metricDefault = terminal && terminal.status !== 'Failed' ? terminal.at : undefined;
  for (const m of job.metrics) {
    const at = m.at ?? metricDefault;
    if (at !== undefined && at <= t) st.metrics.push({ MetricName: m.name, Value: m.value, Timestamp: at });
  }
  return st;
}

function secs(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : toEpochSeconds(ms);
}

/** Removes undefined members (the wire omits absent members, never null). */
export function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function describeTraining(job: TrainingDef, t: number, region: string): Record<string, unknown> | undefined {
  const st = trainingState(job, t);
  if (!st) return undefined;
  const resourceConfig: Record<string, unknown> = job.instanceGroups
    ? { VolumeSizeInGB: job.volumeSizeInGB, InstanceGroups: job.instanceGroups }
    : { InstanceType: job.instanceType, InstanceCount: job.instanceCount, VolumeSizeInGB: job.volumeSizeInGB };
  if (job.keepAliveSeconds !== undefined) resourceConfig.KeepAlivePeriodInSeconds = job.keepAliveSeconds;
  const out: Record<string, unknown> = {
    TrainingJobName: job.name,
    TrainingJobArn: job.arn,
    TuningJobArn: job.tuningJobArn,
    ModelArtifacts: { S3ModelArtifacts: `${job.outputPath.replace(/\/$/, '')}/${job.name}/output/model.tar.gz` },
    TrainingJobStatus: st.status,
    SecondaryStatus: st.secondary,
    FailureReason: st.failureReason,
    HyperParameters: { ...job.hyperParameters, ...(job.tuned ?? {}) },
    AlgorithmSpecification: clean({
      TrainingImage: job.image,
      TrainingInputMode: 'File',
      MetricDefinitions: job.metricDefinitions.length ? job.metricDefinitions : undefined,
      EnableSageMakerMetricsTimeSeries: false,
    }),
    RoleArn: job.roleArn,
    InputDataConfig: job.inputs.map((i) => ({
      ChannelName: i.channel,
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: i.uri, S3DataDistributionType: 'FullyReplicated' } },
      CompressionType: 'None',
      RecordWrapperType: 'None',
    })),
    OutputDataConfig: { KmsKeyId: '', S3OutputPath: job.outputPath },
    ResourceConfig: resourceConfig,
    StoppingCondition: clean({ MaxRuntimeInSeconds: job.maxRuntimeSeconds, MaxWaitTimeInSeconds: job.maxWaitSeconds }),
    CreationTime: secs(job.creationTime),
    TrainingStartTime: secs(st.startTime),
    TrainingEndTime: secs(st.endTime),
    LastModifiedTime: secs(st.lastModified),
    SecondaryStatusTransitions: st.transitions.map((x) =>
      clean({ Status: x.Status, StartTime: secs(x.StartTime), EndTime: secs(x.EndTime), StatusMessage: x.StatusMessage }),
    ),
    FinalMetricDataList: st.metrics.length
      ? st.metrics.map((m) => ({ MetricName: m.MetricName, Value: m.Value, Timestamp: secs(m.Timestamp) }))
      : undefined,
    EnableNetworkIsolation: false,
    EnableInterContainerTrafficEncryption: false,
    EnableManagedSpotTraining: job.spotSavings !== undefined,
    TrainingTimeInSeconds: st.trainingSeconds,
    BillableTimeInSeconds: st.billableSeconds,
    RetryStrategy: job.retryStrategy,
    ProfilingStatus: 'Disabled',
  };
  if (job.keepAliveSeconds !== undefined) {
    out.WarmPoolStatus = TERMINAL.has(st.status)
      ? st.status === 'Completed' && st.endTime !== undefined && t < st.endTime + job.keepAliveSeconds * 1000
        ? { Status: 'Available' }
        : { Status: 'Terminated', ResourceRetainedBillableTimeInSeconds: st.status === 'Completed' ? job.keepAliveSeconds : 0 }
      : { Status: 'InUse' };
  }
  if (job.debugRules.length) {
    const endOfTraining = st.endTime;
    out.DebugRuleConfigurations = job.debugRules.map((r) => ({
      RuleConfigurationName: r.name,
      RuleEvaluatorImage: `895741380848.dkr.ecr.${region}.amazonaws.com/sagemaker-debugger-rules:latest`,
      RuleParameters: { rule_to_invoke: r.name },
    }));
    out.DebugRuleEvaluationStatuses = job.debugRules.map((r) => {
      const doneAt = r.at ?? (endOfTraining !== undefined ? endOfTraining + 60_000 : undefined);
      const done = doneAt !== undefined && doneAt <= t;
      return clean({
        RuleConfigurationName: r.name,
        RuleEvaluationJobArn: r.processingJob
          ? job.arn.replace(/training-job\/.*$/, `processing-job/${r.processingJob.toLowerCase()}`)
          : undefined,
        RuleEvaluationStatus: done ? r.status : 'InProgress',
        LastModifiedTime: secs(done ? doneAt : st.lastModified),
      });
    });
  }
  return clean(out);
}

export function trainingSummary(job: TrainingDef, t: number): Record<string, unknown> | undefined {
  const st = trainingState(job, t);
  if (!st) return undefined;
  return clean({
    TrainingJobName: job.name,
    TrainingJobArn: job.arn,
    CreationTime: secs(job.creationTime),
    TrainingEndTime: secs(st.endTime),
    LastModifiedTime: secs(st.lastModified),
    TrainingJobStatus: st.status,
    SecondaryStatus: st.secondary,
  });
}

// ---- tuning ----------------------------------------------------------------------------------------

export interface ChildView {
  job: TrainingDef;
  st: TrainingState;
  objective?: number;
  objectiveStatus: 'Succeeded' | 'Pending' | 'Failed';
}

export function childViews(tuning: TuningDef, t: number): ChildView[] {
  const out: ChildView[] = [];
  for (const c of tuning.children) {
    const st = trainingState(c, t);
    if (!st) continue;
    const terminal = TERMINAL.has(st.status);
    const m = st.metrics.find((x) => x.MetricName === tuning.objectiveMetric);
    const objective = terminal && m ? m.Value : undefined;
    out.push({ job: c, st, objective, objectiveStatus: objective !== undefined ? 'Succeeded' : terminal ? 'Failed' : 'Pending' });
  }
  return out;
}

export function childSummary(tuning: TuningDef, v: ChildView): Record<string, unknown> {
  return clean({
    TrainingJobName: v.job.name,
    TrainingJobArn: v.job.arn,
    TuningJobName: tuning.name,
    CreationTime: secs(v.job.creationTime),
    TrainingStartTime: secs(v.st.startTime),
    TrainingEndTime: secs(v.st.endTime),
    TrainingJobStatus: v.st.status,
    TunedHyperParameters: { ...(v.job.tuned ?? {}) },
    FailureReason: v.st.failureReason,
    FinalHyperParameterTuningJobObjectiveMetric:
      v.objective !== undefined ? { MetricName: tuning.objectiveMetric, Value: v.objective } : undefined,
    ObjectiveStatus: v.objectiveStatus,
  });
}

export function bestChild(tuning: TuningDef, views: ChildView[]): ChildView | undefined {
  let best: ChildView | undefined;
  for (const v of views) {
    if (v.objective === undefined || v.st.status !== 'Completed') continue;
    if (
      !best ||
      (tuning.objectiveType === 'Maximize' ? v.objective > best.objective! : v.objective < best.objective!)
    )
      best = v;
  }
  return best;
}

export function describeTuning(job: TuningDef, t: number): Record<string, unknown> | undefined {
  const pts = pointsAt(job, t);
  if (pts.length === 0) return undefined;
  const last = pts[pts.length - 1]!;
  const views = childViews(job, t);
  const counters = { Completed: 0, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0 };
  const objectives = { Succeeded: 0, Pending: 0, Failed: 0 };
  for (const v of views) {
    const s = v.st.status;
    if (s === 'Completed') counters.Completed++;
    else if (s === 'InProgress' || s === 'Stopping') counters.InProgress++;
    else if (s === 'Failed') {
      if (v.job.retryable) counters.RetryableError++;
      else counters.NonRetryableError++;
    } else if (s === 'Stopped') counters.Stopped++;
    objectives[v.objectiveStatus]++;
  }
  const best = bestChild(job, views);
  const terminal = terminalPoint(pts);
  const tpl = job.template;
  return clean({
    HyperParameterTuningJobName: job.name,
    HyperParameterTuningJobArn: job.arn,
    HyperParameterTuningJobConfig: {
      Strategy: job.strategy,
      HyperParameterTuningJobObjective: { Type: job.objectiveType, MetricName: job.objectiveMetric },
      ResourceLimits: { MaxNumberOfTrainingJobs: job.maxJobs, MaxParallelTrainingJobs: job.maxParallel },
      ParameterRanges: {
        IntegerParameterRanges: Object.entries(job.ranges)
          .filter(([, r]) => Number.isInteger(r[0]) && Number.isInteger(r[1]))
          .map(([Name, r]) => ({ Name, MinValue: String(r[0]), MaxValue: String(r[1]), ScalingType: 'Auto' })),
        ContinuousParameterRanges: Object.entries(job.ranges)
          .filter(([, r]) => !(Number.isInteger(r[0]) && Number.isInteger(r[1])))
          .map(([Name, r]) => ({ Name, MinValue: String(r[0]), MaxValue: String(r[1]), ScalingType: 'Auto' })),
        CategoricalParameterRanges: [],
      },
      TrainingJobEarlyStoppingType: 'Off',
    },
    TrainingJobDefinition: {
      StaticHyperParameters: tpl.staticHyperParameters,
      AlgorithmSpecification: { TrainingImage: tpl.image, TrainingInputMode: 'File' },
      RoleArn: tpl.roleArn,
      OutputDataConfig: { S3OutputPath: tpl.outputPath },
      ResourceConfig: { InstanceType: tpl.instanceType, InstanceCount: tpl.instanceCount, VolumeSizeInGB: tpl.volumeSizeInGB },
      StoppingCondition: { MaxRuntimeInSeconds: tpl.maxRuntimeSeconds },
      EnableNetworkIsolation: false,
      EnableInterContainerTrafficEncryption: false,
      EnableManagedSpotTraining: false,
    },
    HyperParameterTuningJobStatus: last.status,
    CreationTime: secs(job.creationTime),
    HyperParameterTuningEndTime: secs(terminal?.at),
    LastModifiedTime: secs(Math.max(last.at, ...views.map((v) => v.st.lastModified))),
    TrainingJobStatusCounters: counters,
    ObjectiveStatusCounters: objectives,
    BestTrainingJob: best ? childSummary(job, best) : undefined,
    FailureReason: latestFailureReason(pts),
    TuningJobCompletionDetails: terminal ? { NumberOfTrainingJobsObjectiveNotImproving: 0 } : undefined,
    ConsumedResources: { RuntimeInSeconds: Math.floor(((terminal?.at ?? t) - job.creationTime) / 1000) },
  });
}

// ---- transform, processing, endpoint ----------------------------------------------------------------

export function describeTransform(job: TransformDef, t: number): Record<string, unknown> | undefined {
  const pts = pointsAt(job, t);
  if (pts.length === 0) return undefined;
  const last = pts[pts.length - 1]!;
  const terminal = terminalPoint(pts);
  const started = job.startedAt !== undefined && job.startedAt <= t && (!terminal || job.startedAt <= terminal.at);
  return clean({
    TransformJobName: job.name,
    TransformJobArn: job.arn,
    TransformJobStatus: last.status,
    FailureReason: latestFailureReason(pts),
    ModelName: job.modelName,
    MaxConcurrentTransforms: job.maxConcurrentTransforms,
    MaxPayloadInMB: job.maxPayloadInMB,
    BatchStrategy: job.batchStrategy,
    Environment: {},
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: job.inputUri } },
      ContentType: job.contentType,
      CompressionType: 'None',
      SplitType: job.splitType,
    },
    TransformOutput: { S3OutputPath: job.outputPath, AssembleWith: 'Line', KmsKeyId: '' },
    TransformResources: { InstanceType: job.instanceType, InstanceCount: job.instanceCount },
    CreationTime: secs(job.creationTime),
    TransformStartTime: started ? secs(job.startedAt) : undefined,
    TransformEndTime: secs(terminal?.at),
    DataProcessing: { InputFilter: '$', OutputFilter: '$', JoinSource: 'None' },
  });
}

export function describeProcessing(job: ProcessingDef, t: number): Record<string, unknown> | undefined {
  const pts = pointsAt(job, t);
  if (pts.length === 0) return undefined;
  const last = pts[pts.length - 1]!;
  const terminal = terminalPoint(pts);
  const started = job.startedAt !== undefined && job.startedAt <= t && (!terminal || job.startedAt <= terminal.at);
  let exitMessage: string | undefined;
  for (const p of pts) if (p.exitMessage) exitMessage = p.exitMessage;
  return clean({
    ProcessingInputs: job.inputs.length
      ? job.inputs.map((i) => ({
          InputName: i.name,
          AppManaged: false,
          S3Input: { S3Uri: i.uri, LocalPath: `/opt/ml/processing/input/${i.name}`, S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated', S3CompressionType: 'None' },
        }))
      : undefined,
    ProcessingOutputConfig: job.outputs.length
      ? { Outputs: job.outputs.map((o) => ({ OutputName: o.name, S3Output: { S3Uri: o.uri, LocalPath: `/opt/ml/processing/output/${o.name}`, S3UploadMode: 'EndOfJob' }, AppManaged: false })) }
      : undefined,
    ProcessingJobName: job.name,
    ProcessingResources: {
      ClusterConfig: { InstanceCount: job.instanceCount, InstanceType: job.instanceType, VolumeSizeInGB: job.volumeSizeInGB },
    },
    StoppingCondition: { MaxRuntimeInSeconds: job.maxRuntimeSeconds },
    AppSpecification: clean({ ImageUri: job.image, ContainerEntrypoint: job.entrypoint, ContainerArguments: job.arguments }),
    RoleArn: job.roleArn,
    ProcessingJobArn: job.arn,
    ProcessingJobStatus: last.status,
    ExitMessage: exitMessage,
    FailureReason: latestFailureReason(pts),
    ProcessingEndTime: secs(terminal?.at),
    ProcessingStartTime: started ? secs(job.startedAt) : undefined,
    LastModifiedTime: secs(last.at),
    CreationTime: secs(job.creationTime),
    TrainingJobArn: job.trainingJobArn,
  });
}

export function describeEndpoint(job: EndpointDef, t: number): Record<string, unknown> | undefined {
  const pts = pointsAt(job, t);
  if (pts.length === 0) return undefined;
  const last = pts[pts.length - 1]!;
  const inService = pts.find((p) => p.status === 'InService');
  const deployedAt = inService?.at;
  const images = (v: EndpointDef['variants'][number]) => [
    { SpecifiedImage: v.image, ResolvedImage: `${v.image.split(':')[0]}@sha256:${hexDigest(v.image)}`, ResolutionTime: secs(job.creationTime + 5000) },
  ];
  const out: Record<string, unknown> = {
    EndpointName: job.name,
    EndpointArn: job.arn,
    EndpointConfigName: job.configName,
    EndpointStatus: last.status,
    FailureReason: latestFailureReason(pts),
    CreationTime: secs(job.creationTime),
    LastModifiedTime: secs(last.at),
  };
  if (deployedAt !== undefined) {
    out.ProductionVariants = job.variants.map((v) => ({
      VariantName: v.name,
      DeployedImages: images(v),
      CurrentWeight: v.weight,
      DesiredWeight: v.weight,
      CurrentInstanceCount: v.instanceCount,
      DesiredInstanceCount: v.instanceCount,
    }));
  } else if (last.status === 'Creating' || last.status === 'Updating') {
    out.PendingDeploymentSummary = {
      EndpointConfigName: job.configName,
      ProductionVariants: job.variants.map((v) => ({
        VariantName: v.name,
        DeployedImages: images(v),
        CurrentWeight: v.weight,
        DesiredWeight: v.weight,
        CurrentInstanceCount: 0,
        DesiredInstanceCount: v.instanceCount,
        InstanceType: v.instanceType,
        VariantStatus: [{ Status: 'Creating', StatusMessage: 'Launching instances', StartTime: secs(job.creationTime) }],
      })),
      StartTime: secs(job.creationTime),
    };
  }
  return clean(out);
}

function hexDigest(s: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x5bd1e995) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

// ---- the model -------------------------------------------------------------------------------------

export class SageMakerModel {
  region = 'us-west-2';
  accountId = '111122223333';
  /** Default Stopping → Stopped delay for jobs added without their own. */
  stopDelayMs = 30_000;
  private readonly jobs: Record<JobKind, Map<string, JobDef>> = {
    training: new Map(),
    tuning: new Map(),
    transform: new Map(),
    processing: new Map(),
    endpoint: new Map(),
  };

  /** Set by the stand-in: loads a scenario (validated, with logs) into this model and its LogsModel. */
  loader?: (jobs: JobSpec[]) => void;

  constructor(private readonly clock: Clock) {}

  /**
   * Adds jobs from specs (the scenario format, e.g. `trainingJob({...})`), validated like a scenario and
   * with their logs; relative times anchor at clock.now(). Throws StandInConfigError.
   */
  addJob(...jobs: JobSpec[]): void {
    if (!this.loader) throw new Error('addJob needs a stand-in (use startAwsStandIn)');
    this.loader(jobs);
  }

  arn(kind: JobKind, name: string): string {
    return `arn:aws:sagemaker:${this.region}:${this.accountId}:${ARN_TYPE[kind]}/${name.toLowerCase()}`;
  }

  has(kind: JobKind, name: string): boolean {
    return this.jobs[kind].has(name);
  }

  /** Registers a normalised job definition (tuning jobs register their children too). */
  add(def: JobDef): void {
    this.jobs[def.kind].set(def.name, def);
    if (def.kind === 'tuning') for (const c of def.children) this.jobs.training.set(c.name, c);
  }

  get(kind: 'training', name: string): TrainingDef | undefined;
  get(kind: 'tuning', name: string): TuningDef | undefined;
  get(kind: 'transform', name: string): TransformDef | undefined;
  get(kind: 'processing', name: string): ProcessingDef | undefined;
  get(kind: 'endpoint', name: string): EndpointDef | undefined;
  get(kind: JobKind, name: string): JobDef | undefined;
  get(kind: JobKind, name: string): JobDef | undefined {
    return this.jobs[kind].get(name);
  }

  /** All definitions of a kind (existing now or not). */
  list(kind: JobKind): JobDef[] {
    return [...this.jobs[kind].values()];
  }

  /** The job as its Describe* operation would return it now (or at `at`), or undefined if absent. */
  describe(kind: JobKind, name: string, at: number = this.clock.now()): Record<string, unknown> | undefined {
    const job = this.jobs[kind].get(name);
    if (!job) return undefined;
    switch (job.kind) {
      case 'training':
        return describeTraining(job, at, this.region);
      case 'tuning':
        return describeTuning(job, at);
      case 'transform':
        return describeTransform(job, at);
      case 'processing':
        return describeProcessing(job, at);
      case 'endpoint':
        return describeEndpoint(job, at);
    }
  }

  /** Status now (or at `at`); undefined when the job does not exist (yet). */
  status(kind: JobKind, name: string, at: number = this.clock.now()): string | undefined {
    const job = this.jobs[kind].get(name);
    return job ? statusAt(job, at) : undefined;
  }

  /** Stop*Job semantics at `now`; throws the service's ApiError when the job is missing or not InProgress. */
  stop(kind: Exclude<JobKind, 'endpoint'>, name: string, now: number = this.clock.now()): void {
    const job = this.jobs[kind].get(name);
    if (!job || !existsAt(job, now)) throw notFound(kind, name, this.arn(kind, name));
    const status = statusAt(job, now);
    if (status !== 'InProgress') {
      throw sagemakerErrors.validation(`The request was rejected because the ${STOP_NOUN[kind]} is in status ${status}.`);
    }
    applyStop(job, now);
  }

  reset(): void {
    for (const m of Object.values(this.jobs)) m.clear();
  }
}

/**
 * Records a stop at `now` (no checks): the job goes Stopping now and Stopped after its stopDelayMs. A
 * tuning job stops its running children too (no longer than its own delay) and cancels the children
 * not yet created.
 */
export function applyStop(job: JobDef, now: number): void {
  job.stopRequestedAt = now;
  if (job.kind !== 'tuning') return;
  for (const c of job.children) {
    if (c.stopRequestedAt !== undefined && c.stopRequestedAt <= now) continue;
    if (c.creationTime > now) {
      c.stopRequestedAt = now; // never launched
      continue;
    }
    if (statusAt(c, now) === 'InProgress') {
      c.stopRequestedAt = now;
      c.stopDelayMs = Math.min(c.stopDelayMs, job.stopDelayMs);
    }
  }
}

/** The not-found error each Describe/Stop operation returns (§2 of the wire contract). */
export function notFound(kind: JobKind, name: string, arn: string): ApiError {
  switch (kind) {
    case 'training':
      return sagemakerErrors.validation('Requested resource not found.');
    case 'transform':
    case 'processing':
      return sagemakerErrors.validation(`Could not find requested job with name ${name}`);
    case 'tuning':
      return sagemakerErrors.resourceNotFound(`Amazon SageMaker can't find a tuning job called ${name}. Type another name.`);
    case 'endpoint':
      return sagemakerErrors.validation(`Could not find endpoint "${arn}".`);
  }
}
