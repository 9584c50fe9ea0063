// The soak scenario (issue 7, point 1): a distributed training job whose instances log for the
// job's whole life while CloudWatch misbehaves in every way the stand-in knows at once. Shared by
// `npm run soak` (scripts/soak.ts, a million events) and the CI version (test/e2e/soak-short.test.ts),
// so that the short run proves the same thing as the long one, only smaller.
//
// Time is compressed: the AWS stand-in runs on a RealClock `speed` times faster than the wall, so
// an hour-long job takes minutes. The plugin's own loop runs on the wall clock, so its wall-time
// knobs (poll, sweep, discovery, drain grace, status interval, call budget, the stand-in's quotas)
// are scaled by the same factor: per second of emulator time it behaves as it would at speed 1.
// Its emulator-time knobs (late-event window, hot lag) are compared with event timestamps and stay.
import { DEFAULT_QUOTAS, RealClock, type AwsScenario, type FaultSettingsInput, type GeneratorSpec } from '../standins/aws';
import type { KubeObject, KubeScenario } from '../standins/kube';
import { DEFAULT_RATES } from '../../src/logs/budget';
import { DEFAULT_FOLLOW_TUNING } from '../../src/logs/tuning';

export const SOAK_GROUP = '/aws/sagemaker/TrainingJobs';
export const SOAK_NAMESPACE = 'ml-team';
const ACCOUNT = '111122223333';
const REGION = 'us-west-2';
const S = 1000;

export interface SoakOptions {
  /** Events the job writes in total (rounded down to a multiple of `instances`). */
  readonly events: number;
  readonly instances: number;
  /** Emulator ms of the Training phase, over which the events are spread. */
  readonly trainingMs: number;
  /** Emulator ms per wall ms. */
  readonly speed: number;
  readonly outcome?: 'Completed' | 'Failed';
  /** Share of each instance's events shipped late in one burst (out of order within its stream). */
  readonly lateShare?: number;
  /** Seed of the stand-in's fault RNG. */
  readonly seed?: number;
  /** Overrides of the fault mix (tests that need a quieter or harsher run). */
  readonly faults?: FaultSettingsInput;
  /** AWS's clock starts this many emulator ms behind the plugin's (a local clock running ahead). */
  readonly awsClockBehindMs?: number;
}

export interface SoakPlan {
  readonly options: Required<Omit<SoakOptions, 'faults'>>;
  readonly job: string;
  /** The custom resource the user names: `kubectl smlogs trainingjob <resource>`. */
  readonly resource: string;
  readonly perInstance: number;
  readonly total: number;
  readonly lifecycle: { starting: number; downloading: number; training: number; uploading: number };
  /** Emulator ms from creation to the end of the job. */
  readonly durationMs: number;
  readonly aws: AwsScenario;
  readonly faults: FaultSettingsInput;
  readonly cluster: KubeScenario;
  readonly clock: RealClock;
  /** SMLOGS_TUNING for the plugin (its wall-time loop scaled to the clock). */
  readonly tuning: string;
  /** --api-rate for the plugin (the default budget, scaled to the clock). */
  readonly apiRate: string;
  readonly expectedExit: number;
}

/**
 * Every fault at once. Probabilities apply to every AWS call (SageMaker's Describe included);
 * a dropped connection is cut before the response or after the headers and half the body, half
 * each. Latency and its jitter are wall time, as on a real network.
 */
export const SOAK_FAULTS: FaultSettingsInput = {
  throttleProbability: 0.3,
  serverErrorProbability: 0.05,
  dropProbability: 0.04,
  emptyPageProbability: 0.1,
  partialPageProbability: 0.05,
  latencyMs: 2,
  latencyJitterMs: 40,
};

// Ingestion model. Fifteen agents ship within ~3 s in 1 s batches; one lags by ~12-16 s (its
// lines land after newer lines of the others); each instance also ships one burst of lines
// 20-35 s late, after newer lines of its own stream were ingested. All stay inside the engine's
// documented late-event window (60 s), which is what it promises to cover.
const NORMAL = { delay: '1s', jitter: '2s', batch: '1s' } as const;
const LAGGING = { delay: '12s', jitter: '4s', batch: '5s' } as const;
const BURST_SPAN_MS = 10 * S;
const BURST_LATE_MS = 20 * S;
const BURST_JITTER = '5s';
const STARTUP_LINES = 7;
const UPLOAD_LINES = 3;

export function soakPlan(o: SoakOptions): SoakPlan {
  const { faults: faultOverrides, ...rest } = o;
  const options: SoakPlan['options'] = { outcome: 'Completed', lateShare: 0.02, seed: 7, awsClockBehindMs: 0, ...rest };
  const { instances, speed, trainingMs } = options;
  if (!(instances >= 2) || !Number.isInteger(instances)) throw new Error(`instances must be an integer >= 2, got ${instances}`);
  if (!(speed >= 1)) throw new Error(`speed must be >= 1, got ${speed}`);
  const perInstance = Math.floor(options.events / instances);
  const late = options.lateShare > 0 ? Math.max(1, Math.round(perInstance * options.lateShare)) : 0;
  const training = perInstance - STARTUP_LINES - UPLOAD_LINES - late;
  if (training < 1) throw new Error(`${options.events} events are too few for ${instances} instances`);

  // Starting lasts long enough for the plugin to be up before the first line (the whole job is
  // followed, not caught up); Uploading outlasts the lagging agent, so every line is ingested
  // before the job ends and a correct tail prints all of them before it exits.
  const lifecycle = { starting: 60 * S, downloading: 10 * S, training: trainingMs, uploading: 30 * S };
  const trainStart = lifecycle.starting + lifecycle.downloading;
  const durationMs = trainStart + lifecycle.training + lifecycle.uploading;
  const job = `soak-${instances}x${perInstance}`;
  const ms = (n: number): string => `${Math.round(n)}ms`;
  const all = Array.from({ length: instances }, (_, k) => k + 1);

  const generate: GeneratorSpec[] = [
    { phase: 'Downloading', count: STARTUP_LINES, preset: 'startup', ...NORMAL },
    // {n} makes every line of a stream unique, so a duplicate can only be a duplicate print.
    { phase: 'Training', count: training, template: '[epoch {epoch}] step {step}/{steps} loss={loss} {host} seq={n}/{count}', instances: all.slice(0, -1), ...NORMAL },
    { phase: 'Training', count: training, template: '[epoch {epoch}] step {step}/{steps} loss={loss} {host} seq={n}/{count}', instances: [instances], ...LAGGING },
    { phase: 'Uploading', count: UPLOAD_LINES, template: 'uploading model artifacts {n}/{count} from {host}', ...NORMAL },
  ];
  if (late > 0) {
    for (const k of all) {
      // Bursts spread over the training phase, one instance after another, clear of its edges.
      const from = trainStart + ((k - 0.5) / instances) * 0.9 * lifecycle.training;
      generate.push({
        instances: [k],
        from: ms(from),
        to: ms(from + BURST_SPAN_MS),
        count: late,
        ingestAt: ms(from + BURST_SPAN_MS + BURST_LATE_MS),
        jitter: BURST_JITTER,
        template: 'late line {n}/{count} from {host}, shipped after newer ones',
      });
    }
  }

  const failed = options.outcome === 'Failed';
  const aws: AwsScenario = {
    region: REGION,
    accountId: ACCOUNT,
    logGroups: [{ name: SOAK_GROUP, createdAt: '-30d' }],
    jobs: [
      {
        kind: 'training',
        name: job,
        instanceType: 'ml.p4d.24xlarge',
        instanceCount: instances,
        lifecycle: {
          at: 0,
          starting: ms(lifecycle.starting),
          downloading: ms(lifecycle.downloading),
          training: ms(lifecycle.training),
          uploading: ms(lifecycle.uploading),
          // Failing at the end of Uploading keeps every line ingested before the end, as above.
          ...(failed ? { outcome: 'Failed' as const, failIn: 'Uploading' as const, failureReason: 'ClientError: soak: out of disk space while saving the model' } : { outcome: 'Completed' as const }),
        },
        logs: { generate },
      },
    ],
  };

  const faults: FaultSettingsInput = {
    ...SOAK_FAULTS,
    // The account's quotas per second of emulator time.
    quotas: Object.fromEntries(Object.entries(DEFAULT_QUOTAS).map(([op, r]) => [op, r * speed])),
    ...faultOverrides,
  };

  const resource = 'soak-training';
  const cr: KubeObject = {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'TrainingJob',
    metadata: { name: resource, namespace: SOAK_NAMESPACE },
    spec: { trainingJobName: job, resourceConfig: { instanceCount: instances, instanceType: 'ml.p4d.24xlarge', volumeSizeInGB: 100 } },
    status: {
      ackResourceMetadata: { arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${job}`, ownerAccountID: ACCOUNT, region: REGION },
      trainingJobStatus: 'InProgress',
      secondaryStatus: 'Starting',
    },
  };
  const cluster: KubeScenario = {
    namespaces: [{ name: SOAK_NAMESPACE, annotations: { 'services.k8s.aws/default-region': REGION } }],
    objects: [cr],
  };

  // The emulator starts at the wall clock (or awsClockBehindMs behind it) and runs `speed` times
  // faster, so AWS's clock soon runs ahead of the plugin's. Behind it, the catch-up is bounded
  // by the streams' newest ingestion rather than by the plugin's clock (src/logs/tail.ts).
  const clock = new RealClock({ speed, offsetMs: -options.awsClockBehindMs });

  const wall = (n: number): number => Math.max(20, Math.round(n / speed));
  const t = DEFAULT_FOLLOW_TUNING;
  const tuning = [
    `pollMinMs=${wall(t.pollMinMs)}`,
    `pollMaxMs=${wall(t.pollMaxMs)}`,
    `sweepEveryMs=${wall(t.sweepEveryMs)}`,
    `discoveryEveryMs=${wall(t.discoveryEveryMs)}`,
    `drainGraceMs=${wall(t.drainGraceMs)}`,
    `statusIntervalMs=${wall(5000)}`, // src/cli/commands/logs.ts STATUS_INTERVAL_MS
  ].join(',');
  const apiRate = Object.entries(DEFAULT_RATES).map(([op, r]) => `${op}=${r * speed}`).join(',');

  return {
    options,
    job,
    resource,
    perInstance,
    total: perInstance * instances,
    lifecycle,
    durationMs,
    aws,
    faults,
    cluster,
    clock,
    tuning,
    apiRate,
    expectedExit: failed ? 3 : 0,
  };
}
