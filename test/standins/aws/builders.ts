// Helpers to build scenarios in code. They only add `kind` and sensible log generators; the scenario
// loader validates and fills every default, exactly as for a YAML file.

import type {
  AwsScenario, DurationSpec, EndpointSpec, GeneratorSpec, JobLogsSpec, ProcessingJobSpec, TimeSpec, TrainingJobSpec, TransformJobSpec, TuningJobSpec,
} from './scenario-types';

export function scenario(s: AwsScenario): AwsScenario {
  return s;
}

export function trainingJob(spec: Omit<TrainingJobSpec, 'kind'>): TrainingJobSpec {
  return { kind: 'training', ...spec };
}

export function tuningJob(spec: Omit<TuningJobSpec, 'kind'>): TuningJobSpec {
  return { kind: 'tuning', ...spec };
}

export function transformJob(spec: Omit<TransformJobSpec, 'kind'>): TransformJobSpec {
  return { kind: 'transform', ...spec };
}

export function processingJob(spec: Omit<ProcessingJobSpec, 'kind'>): ProcessingJobSpec {
  return { kind: 'processing', ...spec };
}

export function endpoint(spec: Omit<EndpointSpec, 'kind'>): EndpointSpec {
  return { kind: 'endpoint', ...spec };
}

/** A point in time given in milliseconds relative to the scenario start. */
export function ms(n: number): string {
  return `${Math.round(n)}ms`;
}

/** An absolute point in time from epoch milliseconds. */
export function absolute(epochMs: number): Date {
  return new Date(epochMs);
}

/**
 * Typical training logs per instance: container start-up lines while Downloading, then training lines
 * (`[epoch 3] step 120/500 loss=0.4312`) during Training, `perSecond` (default 2) or `count` per run.
 */
export function trainingLogs(opts: { perSecond?: number; count?: number; delay?: DurationSpec; jitter?: DurationSpec; steps?: number } = {}): JobLogsSpec {
  const training: GeneratorSpec = { phase: 'Training', preset: 'training' };
  if (opts.count !== undefined) training.count = opts.count;
  else training.perSecond = opts.perSecond ?? 2;
  if (opts.delay !== undefined) training.delay = opts.delay;
  if (opts.jitter !== undefined) training.jitter = opts.jitter;
  if (opts.steps !== undefined) training.steps = opts.steps;
  const startup: GeneratorSpec = { phase: 'Downloading', count: 7, preset: 'startup' };
  if (opts.delay !== undefined) startup.delay = opts.delay;
  return { generate: [startup, training] };
}

/**
 * A late burst: `count` events timestamped in [from, to) on one instance, all ingested at `ingestAt`
 * (after events of other instances with newer timestamps were already visible).
 */
export function lateBurst(opts: { instance: number; from: TimeSpec; to?: TimeSpec; count: number; ingestAt: TimeSpec; template?: string }): GeneratorSpec {
  const g: GeneratorSpec = { instances: [opts.instance], from: opts.from, count: opts.count, ingestAt: opts.ingestAt };
  if (opts.to !== undefined) g.to = opts.to;
  g.template = opts.template ?? 'late line {n}/{count} from {host}';
  return g;
}
