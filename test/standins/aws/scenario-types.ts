// The scenario format (YAML, JSON or an object). Times and durations:
//   DurationSpec: a number of SECONDS, or "250ms" | "90s" | "1.5m" | "1h30m" | "2d" (optionally signed).
//   TimeSpec: a DurationSpec relative to the scenario's anchor (`start`, default: the clock time when the
//             scenario is loaded), e.g. -7200 or "-2h"; or an absolute RFC 3339 string; or a Date.

import type { FaultSettingsInput } from './faults';

export type DurationSpec = number | string;
export type TimeSpec = number | string | Date;

export interface AwsScenario {
  /** Anchor for relative times (RFC 3339 or Date). Default: clock.now() when loaded. */
  start?: string | Date;
  region?: string;
  accountId?: string;
  /** Access key id → the account its credentials belong to (STS GetCallerIdentity, AccessDenied messages); others: accountId. */
  callerAccounts?: Record<string, string>;
  /** Default ingestion delay of scenario events (default 1s). */
  ingestionDelay?: DurationSpec;
  /** Default Stopping → Stopped delay (default 30s). */
  stopDelay?: DurationSpec;
  /** Merged over the current fault settings (see FaultSettingsInput). */
  faults?: FaultSettingsInput;
  /** Groups that exist before any stream (e.g. an account that has run jobs before). */
  logGroups?: { name: string; createdAt?: TimeSpec }[];
  jobs?: JobSpec[];
  /** Streams not tied to a job. */
  streams?: RawStreamSpec[];
}

export type JobSpec = TrainingJobSpec | TuningJobSpec | TransformJobSpec | ProcessingJobSpec | EndpointSpec;

// ---- logs ------------------------------------------------------------------------------------------

export interface LogEventSpec {
  at: TimeSpec;
  message: string;
  /** Absolute ingestion time (late arrival); default at + delay. */
  ingestAt?: TimeSpec;
  /** Ingestion delay of this event. */
  delay?: DurationSpec;
}

export interface GeneratorSpec {
  /** Window; default: the job phase's window (`phase`). Required for streams not tied to a job. */
  from?: TimeSpec;
  to?: TimeSpec;
  /**
   * Job phase whose window(s) to fill, one per run (restarts make several). Training: a secondary status
   * (Starting, Downloading, Training (default), Uploading, …) or 'all'. Transform/processing: 'Running'
   * (default, start time → end). Endpoint: 'InService' (default). Open windows last 1 h.
   */
  phase?: string;
  /** Events per instance and window, spread evenly (several per ms when dense) … */
  count?: number;
  /** … or a rate per instance. Exactly one of count / perSecond. */
  perSecond?: number;
  /** Message template with {placeholders}, or `messages` (cycled), or a `preset` (default 'training'). */
  template?: string;
  messages?: string[];
  preset?: string;
  /** Steps per epoch for {epoch}/{step} (default 500). */
  steps?: number;
  /** Ingestion = timestamp (rounded up to `batch`) + delay + uniform jitter, never decreasing in a stream. */
  delay?: DurationSpec;
  jitter?: DurationSpec;
  batch?: DurationSpec;
  /** All events ingested at this time instead (a late burst). */
  ingestAt?: TimeSpec;
  /** Job generators: which instances (1-based; default all), runs (0-based; default all). */
  instances?: number[];
  runs?: number[];
  /** Instance k starts (k-1)·stagger later. */
  stagger?: DurationSpec;
  /** Stream suffix, e.g. 'data-log' for transform data-capture streams. */
  suffix?: string;
  /** Endpoints: variant name (default all variants). */
  variant?: string;
}

export interface JobEventSpec extends LogEventSpec {
  /** 1-based instance (default 1). */
  instance?: number;
  /** 0-based run (restart) index (default 0). */
  run?: number;
  suffix?: string;
  variant?: string;
}

export interface StreamSpec {
  name: string;
  createdAt?: TimeSpec;
  /** Ingestion delay of this stream's events and generators (unless they set their own). */
  ingestionDelay?: DurationSpec;
  events?: LogEventSpec[];
  generate?: GeneratorSpec[];
}

export interface RawStreamSpec extends StreamSpec {
  group: string;
}

export interface JobLogsSpec {
  ingestionDelay?: DurationSpec;
  generate?: GeneratorSpec[];
  events?: JobEventSpec[];
  /** Streams with explicit full names in the job's log group. */
  streams?: StreamSpec[];
}

// ---- jobs ------------------------------------------------------------------------------------------

export interface TimelineEntrySpec {
  at: TimeSpec;
  status: string;
  /** Training: SecondaryStatus (default from status for terminal ones). */
  secondary?: string;
  message?: string;
  failureReason?: string;
  /** Processing. */
  exitMessage?: string;
}

interface JobSpecBase {
  name: string;
  /** Stopping → Stopped delay. */
  stopDelay?: DurationSpec;
  /** A Stop call scripted at this time (the job must be InProgress then). */
  stopAt?: TimeSpec;
  logs?: JobLogsSpec;
  tags?: Record<string, string>;
}

export interface TrainingLifecycleSpec {
  /** CreationTime (default 0 = the anchor). */
  at?: TimeSpec;
  /** Phase durations (defaults 60s, 30s, 5m, 15s). */
  starting?: DurationSpec;
  downloading?: DurationSpec;
  training?: DurationSpec;
  uploading?: DurationSpec;
  /** Default Completed. InProgress = stays in Training. Stopped = a Stop at the end of training. */
  outcome?: 'Completed' | 'Failed' | 'Stopped' | 'MaxRuntimeExceeded' | 'InProgress';
  /** Failed: the phase that fails (default Training), at its end. */
  failIn?: 'Starting' | 'Downloading' | 'Training' | 'Uploading';
  failureReason?: string;
  /** Interruptions during Training: `after` = training time elapsed; a new run (new streams) follows. */
  restarts?: { after: DurationSpec; downtime?: DurationSpec; reason?: 'Interrupted' | 'Restarting' }[];
}

export interface TrainingJobSpec extends JobSpecBase {
  kind: 'training';
  instanceType?: string;
  instanceCount?: number;
  instanceGroups?: { name: string; instanceType: string; instanceCount: number }[];
  volumeSizeInGB?: number;
  maxRuntime?: DurationSpec;
  /** Managed spot training; savings in [0, 1) (default 0.6). */
  spot?: boolean | { savings?: number; maxWait?: DurationSpec };
  /** Warm pool keep-alive period. */
  keepAlive?: DurationSpec;
  hyperParameters?: Record<string, string | number | boolean>;
  image?: string;
  roleArn?: string;
  outputPath?: string;
  /** Channel name → S3 URI. */
  inputs?: Record<string, string>;
  /** Final metrics: list, or a name → value map (shown when the job ends). */
  metrics?: { name: string; value: number; at?: TimeSpec }[] | Record<string, number>;
  metricDefinitions?: { name: string; regex: string }[];
  debugRules?: { name: string; status?: string; at?: TimeSpec; processingJob?: string }[];
  maxRetryAttempts?: number;
  lifecycle?: TrainingLifecycleSpec;
  timeline?: TimelineEntrySpec[];
}

export interface TuningJobSpec extends JobSpecBase {
  kind: 'tuning';
  at?: TimeSpec;
  strategy?: 'Bayesian' | 'Random' | 'Hyperband' | 'Grid';
  objective?: { type?: 'Maximize' | 'Minimize'; metric?: string };
  maxJobs?: number;
  maxParallel?: number;
  /** Parameter → [min, max] (integers → integer parameter). */
  ranges?: Record<string, [number, number]>;
  children?: {
    count?: number;
    lifecycle?: Omit<TrainingLifecycleSpec, 'at' | 'outcome'>;
    outcomes?: ('Completed' | 'Failed' | 'Stopped' | 'MaxRuntimeExceeded' | 'InProgress')[];
    objectiveValues?: number[];
    /** Indices (0-based) of failed children that count as RetryableError. */
    retryable?: number[];
    /** Delay between a slot freeing and the next child's creation (default 10s). */
    gap?: DurationSpec;
    instanceType?: string;
    instanceCount?: number;
    image?: string;
    logs?: JobLogsSpec;
  };
  /** Derived status: InProgress until the last child ends + `finalize`, then this (default Completed). */
  outcome?: 'Completed' | 'Failed';
  failureReason?: string;
  finalize?: DurationSpec;
  /** Explicit tuning status timeline instead of the derived one. */
  timeline?: TimelineEntrySpec[];
}

export interface BatchLifecycleSpec {
  at?: TimeSpec;
  /** Provisioning before the start time (defaults: transform 3m, processing 2m). */
  starting?: DurationSpec;
  /** Running time (default 5m). */
  running?: DurationSpec;
  outcome?: 'Completed' | 'Failed' | 'Stopped' | 'InProgress';
  failureReason?: string;
  exitMessage?: string;
}

export interface TransformJobSpec extends JobSpecBase {
  kind: 'transform';
  lifecycle?: BatchLifecycleSpec;
  timeline?: TimelineEntrySpec[];
  startedAt?: TimeSpec;
  modelName?: string;
  instanceType?: string;
  instanceCount?: number;
  input?: string;
  output?: string;
  contentType?: string;
  splitType?: string;
  batchStrategy?: 'MultiRecord' | 'SingleRecord';
  maxPayloadInMB?: number;
  maxConcurrentTransforms?: number;
}

export interface ProcessingJobSpec extends JobSpecBase {
  kind: 'processing';
  lifecycle?: BatchLifecycleSpec;
  timeline?: TimelineEntrySpec[];
  startedAt?: TimeSpec;
  instanceType?: string;
  instanceCount?: number;
  volumeSizeInGB?: number;
  maxRuntime?: DurationSpec;
  image?: string;
  entrypoint?: string[];
  arguments?: string[];
  roleArn?: string;
  /** A Debugger/Profiler rule job of this training job. */
  trainingJob?: string;
  inputs?: Record<string, string>;
  outputs?: Record<string, string>;
}

export interface EndpointSpec extends Omit<JobSpecBase, 'stopAt'> {
  kind: 'endpoint';
  configName?: string;
  variants?: { name?: string; instanceType?: string; instanceCount?: number; image?: string; weight?: number }[];
  lifecycle?: { at?: TimeSpec; creating?: DurationSpec; outcome?: 'InService' | 'Failed'; failureReason?: string };
  timeline?: TimelineEntrySpec[];
}
