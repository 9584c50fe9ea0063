import type { Submission } from '../kube/job-name';
import { qualified, type ResourceType } from '../kube/kinds';
import type { KubeObject } from '../kube/object';
import { conditionsOf, resourceStatusOf } from '../kube/resource-status';
import type { TuningChild } from '../sagemaker/api';
import { consoleUrl } from '../sagemaker/console';
import type { JobRef, JobType } from '../sagemaker/job';
import type { JobSnapshot } from '../sagemaker/snapshot';

// `describe -o json|yaml`: one document, the same keys for every kind, absent values as null, so
// that `jq .sagemaker.status` works without knowing what was described. docs/describe-schema.md
// documents it; changing a key is a breaking change.

export const DOC_API_VERSION = 'kubectl-smlogs/v1';

export interface JobDescription {
  readonly apiVersion: typeof DOC_API_VERSION;
  readonly kind: 'JobDescription';
  readonly kubernetes: KubernetesPart | null;
  readonly sagemaker: SageMakerPart | null;
}

export interface KubernetesPart {
  readonly name: string;
  readonly namespace: string;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly operator: 'legacy' | 'ack';
  readonly uid: string | null;
  readonly creationTimestamp: string | null;
  readonly deletionTimestamp: string | null;
  readonly status: string | null;
  readonly secondaryStatus: string | null;
  readonly failureReason: string | null;
  readonly conditions: ReadonlyArray<{ type: string; status: string; reason: string | null; message: string | null; lastTransitionTime: string | null }>;
  readonly submission: { readonly state: Submission['state']; readonly jobName: string | null; readonly reason: string | null };
  readonly object: KubeObject;
}

export interface TransitionDoc {
  readonly status: string;
  readonly startTime: string;
  readonly endTime: string | null;
  readonly durationSeconds: number | null;
  readonly message: string | null;
}

export interface LogsDoc {
  readonly group: string;
  readonly streamPrefix: string | null;
  readonly groupExists: boolean | null;
  readonly streams: readonly string[] | null;
  readonly error: string | null;
}

export interface SageMakerPart {
  readonly type: JobType;
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string | null;
  readonly consoleUrl: string;
  readonly status: string;
  readonly secondaryStatus: string | null;
  readonly phase: 'running' | 'stopping' | 'ended';
  readonly outcome: 'completed' | 'failed' | 'stopped' | null;
  readonly failureReason: string | null;
  readonly creationTime: string | null;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly lastModifiedTime: string | null;
  readonly transitions: readonly TransitionDoc[];
  readonly instances: ReadonlyArray<{ type: string | null; count: number; group: string | null }>;
  readonly instanceCount: number;
  readonly maxRuntimeSeconds: number | null;
  readonly trainingSeconds: number | null;
  readonly billableSeconds: number | null;
  readonly spot: { readonly maxWaitSeconds: number | null; readonly savingsPercent: number | null } | null;
  readonly metrics: ReadonlyArray<{ name: string; value: number; timestamp: string | null }>;
  readonly modelArtifacts: string | null;
  readonly logs: LogsDoc | null;
  readonly training: TrainingDetails | null;
  readonly tuning: TuningDetails | null;
  readonly transform: TransformDetails | null;
  readonly processing: ProcessingDetails | null;
  readonly endpoint: EndpointDetails | null;
  /** SageMaker's whole Describe* answer, times as RFC 3339 strings. */
  readonly description: Record<string, unknown>;
}

export interface TrainingDetails {
  readonly image: string | null;
  readonly algorithmName: string | null;
  readonly inputMode: string | null;
  readonly hyperParameters: Record<string, string>;
  readonly outputPath: string | null;
  readonly volumeSizeInGB: number | null;
  readonly tuningJobArn: string | null;
}

export interface TuningDetails {
  readonly strategy: string | null;
  readonly objective: { readonly type: string | null; readonly metric: string | null };
  readonly maxTrainingJobs: number | null;
  readonly maxParallelTrainingJobs: number | null;
  readonly counters: { completed: number; inProgress: number; retryableError: number; nonRetryableError: number; stopped: number };
  readonly objectiveCounters: { succeeded: number; pending: number; failed: number };
  readonly bestTrainingJob: { name: string; status: string | null; metric: string | null; value: number | null; tunedHyperParameters: Record<string, string> } | null;
  readonly trainingJobs: ReadonlyArray<{ name: string; arn: string; status: string; creationTime: string | null; objective: { metric: string; value: number } | null }> | null;
  readonly trainingJobsError: string | null;
}

export interface TransformDetails {
  readonly modelName: string | null;
  readonly batchStrategy: string | null;
  readonly maxPayloadInMB: number | null;
  readonly maxConcurrentTransforms: number | null;
  readonly input: string | null;
  readonly contentType: string | null;
  readonly output: string | null;
}

export interface ProcessingDetails {
  readonly image: string | null;
  readonly entrypoint: readonly string[] | null;
  readonly arguments: readonly string[] | null;
  readonly exitMessage: string | null;
  readonly inputs: ReadonlyArray<{ name: string; s3Uri: string | null }>;
  readonly outputs: ReadonlyArray<{ name: string; s3Uri: string | null }>;
}

export interface EndpointDetails {
  readonly endpointConfigName: string | null;
  readonly variants: ReadonlyArray<{
    name: string;
    currentInstanceCount: number | null;
    desiredInstanceCount: number | null;
    currentWeight: number | null;
    desiredWeight: number | null;
    images: readonly string[];
    status: ReadonlyArray<{ status: string; message: string | null; startTime: string | null }>;
  }>;
}

export interface LogsInfo {
  readonly group: string;
  readonly prefix?: string;
  readonly groupExists?: boolean;
  readonly streams?: readonly string[];
  readonly error?: string;
}

export interface DescribeInput {
  readonly resource?: { readonly type: ResourceType; readonly namespace: string; readonly object: KubeObject; readonly submission: Submission };
  readonly job?: Pick<JobRef, 'region' | 'account'>;
  readonly snapshot?: JobSnapshot;
  readonly logs?: LogsInfo;
  readonly children?: readonly TuningChild[];
  readonly childrenError?: string;
}

type Raw = Record<string, any>;

const iso = (ms: number | undefined): string | null => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString());
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);

function timeOf(v: unknown): string | null {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : null;
  if (typeof v === 'number') return iso(v * 1000);
  return s(v);
}

/** JSON-safe copy: Dates become RFC 3339 strings, undefined members go. */
export function plainJson(v: unknown): any {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : null;
  if (Array.isArray(v)) return v.map(plainJson);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = plainJson(x);
    return out;
  }
  return v;
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object') return {};
  const out: Record<string, string> = {};
  for (const k of Object.keys(v as object).sort()) out[k] = String((v as Raw)[k]);
  return out;
}

export function describeDocument(i: DescribeInput): JobDescription {
  return {
    apiVersion: DOC_API_VERSION,
    kind: 'JobDescription',
    kubernetes: i.resource ? kubernetesPart(i.resource) : null,
    sagemaker: i.snapshot && i.job ? sageMakerPart(i.snapshot, i.job, i) : null,
  };
}

function kubernetesPart(r: NonNullable<DescribeInput['resource']>): KubernetesPart {
  const { type, object } = r;
  const status = resourceStatusOf(type.family, type.jobType, object);
  const { managedFields: _hidden, ...metadata } = object.metadata;
  return {
    name: object.metadata.name,
    namespace: object.metadata.namespace ?? r.namespace,
    kind: type.kind,
    group: type.group,
    version: type.version,
    resource: qualified(type),
    operator: type.family,
    uid: s(object.metadata.uid),
    creationTimestamp: s(object.metadata.creationTimestamp),
    deletionTimestamp: s(object.metadata.deletionTimestamp),
    status: status.status ?? null,
    secondaryStatus: status.secondary ?? null,
    failureReason: status.failureReason ?? null,
    conditions: conditionsOf(object).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? null, message: c.message ?? null, lastTransitionTime: c.lastTransitionTime ?? null })),
    submission: {
      state: r.submission.state,
      jobName: r.submission.state === 'submitted' ? r.submission.name : null,
      reason: r.submission.state === 'submitted' ? null : r.submission.reason,
    },
    object: { ...object, metadata } as KubeObject,
  };
}

function sageMakerPart(snap: JobSnapshot, job: Pick<JobRef, 'region' | 'account'>, i: DescribeInput): SageMakerPart {
  const d = snap.raw as Raw;
  const instances = snap.type === 'endpoint' ? endpointInstances(d) : snap.instances.map((x) => ({ type: x.type, count: x.count, group: x.group ?? null }));
  return {
    type: snap.type,
    name: snap.name,
    arn: snap.arn,
    region: job.region,
    account: job.account ?? accountOf(snap.arn),
    consoleUrl: consoleUrl(snap.type, snap.name, job.region),
    status: snap.status,
    secondaryStatus: snap.secondary ?? null,
    phase: snap.phase.kind,
    outcome: snap.phase.kind === 'ended' ? snap.phase.outcome : null,
    failureReason: snap.failureReason ?? null,
    creationTime: iso(snap.createdAt),
    startTime: iso(snap.startedAt),
    endTime: iso(snap.endedAt),
    lastModifiedTime: iso(snap.lastModifiedAt),
    transitions: snap.transitions.map((t) => ({
      status: t.status,
      startTime: iso(t.start)!,
      endTime: iso(t.end),
      durationSeconds: t.end !== undefined ? Math.round(t.end - t.start) / 1000 : null,
      message: t.message ?? null,
    })),
    instances,
    instanceCount: instances.reduce((a, x) => a + x.count, 0),
    maxRuntimeSeconds: snap.maxRuntimeSeconds ?? null,
    trainingSeconds: snap.trainingSeconds ?? null,
    billableSeconds: snap.billableSeconds ?? null,
    spot: snap.spot ? { maxWaitSeconds: snap.spot.maxWaitSeconds ?? null, savingsPercent: snap.spot.savingsPercent ?? null } : null,
    metrics: snap.metrics.map((m) => ({ name: m.name, value: m.value, timestamp: iso(m.timestamp) })),
    modelArtifacts: snap.modelArtifacts ?? null,
    logs: i.logs
      ? { group: i.logs.group, streamPrefix: i.logs.prefix ?? null, groupExists: i.logs.groupExists ?? null, streams: i.logs.streams ? [...i.logs.streams] : null, error: i.logs.error ?? null }
      : null,
    training: snap.type === 'training' ? trainingDetails(d) : null,
    tuning: snap.type === 'tuning' ? tuningDetails(d, i) : null,
    transform: snap.type === 'transform' ? transformDetails(d) : null,
    processing: snap.type === 'processing' ? processingDetails(d) : null,
    endpoint: snap.type === 'endpoint' ? endpointDetails(d) : null,
    description: plainJson(d),
  };
}

function accountOf(arn: string): string | null {
  return s(arn.split(':')[4]);
}

function endpointInstances(d: Raw): Array<{ type: string | null; count: number; group: string | null }> {
  const variants: Raw[] = Array.isArray(d.ProductionVariants) ? d.ProductionVariants : [];
  return variants.map((v) => ({ type: s(v.InstanceType), count: n(v.CurrentInstanceCount) ?? n(v.DesiredInstanceCount) ?? 0, group: s(v.VariantName) }));
}

function trainingDetails(d: Raw): TrainingDetails {
  const a = (d.AlgorithmSpecification ?? {}) as Raw;
  return {
    image: s(a.TrainingImage),
    algorithmName: s(a.AlgorithmName),
    inputMode: s(a.TrainingInputMode),
    hyperParameters: stringMap(d.HyperParameters),
    outputPath: s((d.OutputDataConfig as Raw | undefined)?.S3OutputPath),
    volumeSizeInGB: n((d.ResourceConfig as Raw | undefined)?.VolumeSizeInGB),
    tuningJobArn: s(d.TuningJobArn),
  };
}

function tuningDetails(d: Raw, i: DescribeInput): TuningDetails {
  const cfg = (d.HyperParameterTuningJobConfig ?? {}) as Raw;
  const c = (d.TrainingJobStatusCounters ?? {}) as Raw;
  const oc = (d.ObjectiveStatusCounters ?? {}) as Raw;
  const best = d.BestTrainingJob as Raw | undefined;
  const metric = best?.FinalHyperParameterTuningJobObjectiveMetric as Raw | undefined;
  return {
    strategy: s(cfg.Strategy),
    objective: { type: s(cfg.HyperParameterTuningJobObjective?.Type), metric: s(cfg.HyperParameterTuningJobObjective?.MetricName) },
    maxTrainingJobs: n(cfg.ResourceLimits?.MaxNumberOfTrainingJobs),
    maxParallelTrainingJobs: n(cfg.ResourceLimits?.MaxParallelTrainingJobs),
    counters: {
      completed: n(c.Completed) ?? 0,
      inProgress: n(c.InProgress) ?? 0,
      retryableError: n(c.RetryableError) ?? 0,
      nonRetryableError: n(c.NonRetryableError) ?? 0,
      stopped: n(c.Stopped) ?? 0,
    },
    objectiveCounters: { succeeded: n(oc.Succeeded) ?? 0, pending: n(oc.Pending) ?? 0, failed: n(oc.Failed) ?? 0 },
    bestTrainingJob: best
      ? { name: String(best.TrainingJobName), status: s(best.TrainingJobStatus), metric: s(metric?.MetricName), value: n(metric?.Value), tunedHyperParameters: stringMap(best.TunedHyperParameters) }
      : null,
    trainingJobs: i.children
      ? i.children.map((x) => ({ name: x.name, arn: x.arn, status: x.status, creationTime: iso(x.createdAt), objective: x.objective ? { metric: x.objective.metric, value: x.objective.value } : null }))
      : null,
    trainingJobsError: i.childrenError ?? null,
  };
}

function transformDetails(d: Raw): TransformDetails {
  const input = (d.TransformInput ?? {}) as Raw;
  return {
    modelName: s(d.ModelName),
    batchStrategy: s(d.BatchStrategy),
    maxPayloadInMB: n(d.MaxPayloadInMB),
    maxConcurrentTransforms: n(d.MaxConcurrentTransforms),
    input: s(input.DataSource?.S3DataSource?.S3Uri),
    contentType: s(input.ContentType),
    output: s((d.TransformOutput as Raw | undefined)?.S3OutputPath),
  };
}

function processingDetails(d: Raw): ProcessingDetails {
  const app = (d.AppSpecification ?? {}) as Raw;
  const inputs: Raw[] = Array.isArray(d.ProcessingInputs) ? d.ProcessingInputs : [];
  const outputs: Raw[] = Array.isArray((d.ProcessingOutputConfig as Raw | undefined)?.Outputs) ? d.ProcessingOutputConfig.Outputs : [];
  return {
    image: s(app.ImageUri),
    entrypoint: strings(app.ContainerEntrypoint),
    arguments: strings(app.ContainerArguments),
    exitMessage: s(d.ExitMessage),
    inputs: inputs.map((x) => ({ name: String(x.InputName ?? ''), s3Uri: s(x.S3Input?.S3Uri) })),
    outputs: outputs.map((x) => ({ name: String(x.OutputName ?? ''), s3Uri: s(x.S3Output?.S3Uri) })),
  };
}

function endpointDetails(d: Raw): EndpointDetails {
  const variants: Raw[] = Array.isArray(d.ProductionVariants) ? d.ProductionVariants : [];
  return {
    endpointConfigName: s(d.EndpointConfigName),
    variants: variants.map((v) => ({
      name: String(v.VariantName ?? ''),
      currentInstanceCount: n(v.CurrentInstanceCount),
      desiredInstanceCount: n(v.DesiredInstanceCount),
      currentWeight: n(v.CurrentWeight),
      desiredWeight: n(v.DesiredWeight),
      images: (Array.isArray(v.DeployedImages) ? (v.DeployedImages as Raw[]) : []).map((im) => String(im.ResolvedImage ?? im.SpecifiedImage ?? '')).filter(Boolean),
      status: (Array.isArray(v.VariantStatus) ? (v.VariantStatus as Raw[]) : []).map((st) => ({ status: String(st.Status ?? ''), message: s(st.StatusMessage), startTime: timeOf(st.StartTime) })),
    })),
  };
}
