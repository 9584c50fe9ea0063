// The jobs behind every fixture custom resource (test/fixtures/crs), for the AWS stand-in, and a
// cluster holding those resources, for the Kubernetes stand-in. Times are relative to ANCHOR; tests
// drive a ManualClock so every status and time they assert is fixed.
import { ManualClock, endpoint, processingJob, scenario, trainingJob, trainingLogs, transformJob, tuningJob, type AwsScenario } from '../../standins/aws';
import type { KubeScenario } from '../../standins/kube';

export const ANCHOR = Date.parse('2026-08-20T10:00:00Z');

/** SageMaker names the fixtures point at. */
export const JOBS = {
  legacyTrainingCompleted: 'churn-xgb-2022-05-03-a',
  legacyTrainingInProgress: 'xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84',
  ackTrainingInProgress: 'resnet50-finetune-20260820',
  ackTrainingFailed: 'bert-sentiment-0821-1',
  legacyTuning: '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61',
  ackTuning: 'xgb-churn-hpo-0822',
  legacyTransform: 'xgboost-batch-2a7d9f305c1e4b8a8f643e9b1c7d0a52',
  ackTransform: 'churn-batch-scoring-20260822',
  legacyProcessing: 'kmeans-mnist-preprocessing-nig-b5c80e129f3d4a67b2e471d6a0c95f38',
  ackProcessing: 'feature-prep-20260823-0300',
  legacyEndpoint: 'xgboost-hosting-a41f0c228e3b4d0eb7c56f2e91d3a8b4',
  ackEndpoint: 'churn-endpoint',
} as const;

export const EXTRA = {
  stopped: 'nightly-stopped',
  tooLong: 'too-long',
  brokenEndpoint: 'broken-endpoint',
  lateSubmitted: 'llama-lora-sft-20260822',
} as const;

export function arnOf(type: 'training-job' | 'endpoint' | 'hyper-parameter-tuning-job', name: string): string {
  return `arn:aws:sagemaker:us-west-2:111122223333:${type}/${name}`;
}

export const FAILURE_REASON = 'AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage "ModuleNotFoundError: No module named \'evaluate\'"';

/** Every fixture's job; the clock is expected at ANCHOR + 2 h (all finite lifecycles have ended by then). */
export function fixtureJobs(): AwsScenario {
  return scenario({
    start: new Date(ANCHOR),
    region: 'us-west-2',
    accountId: '111122223333',
    jobs: [
      trainingJob({
        name: JOBS.legacyTrainingCompleted,
        instanceType: 'ml.m5.xlarge',
        instanceCount: 1,
        spot: { savings: 0.25, maxWait: '2h' },
        maxRuntime: '1h',
        metrics: { 'validation:error': 0.042 },
        lifecycle: { at: 0, starting: 60, downloading: 30, training: 300, uploading: 15 },
        logs: trainingLogs({ count: 5 }),
      }),
      trainingJob({ name: JOBS.legacyTrainingInProgress, instanceType: 'ml.m5.xlarge', instanceCount: 2, lifecycle: { at: 0, outcome: 'InProgress' }, logs: trainingLogs({ count: 3 }) }),
      trainingJob({ name: JOBS.ackTrainingInProgress, instanceType: 'ml.g5.2xlarge', instanceCount: 2, lifecycle: { at: 0, outcome: 'InProgress' } }),
      trainingJob({ name: JOBS.ackTrainingFailed, instanceType: 'ml.g5.xlarge', lifecycle: { at: 0, outcome: 'Failed', failureReason: FAILURE_REASON } }),
      tuningJob({ name: JOBS.legacyTuning, at: 0, objective: { type: 'Minimize', metric: 'validation:error' }, maxJobs: 4, maxParallel: 2, children: { count: 4, objectiveValues: [0.3, 0.2, 0.25, 0.1] } }),
      tuningJob({ name: JOBS.ackTuning, at: 0, objective: { type: 'Maximize', metric: 'validation:auc' }, maxJobs: 2, maxParallel: 2, children: { count: 2, objectiveValues: [0.91, 0.93] } }),
      transformJob({ name: JOBS.legacyTransform, modelName: 'xgboost-mnist-model', instanceType: 'ml.m5.large', instanceCount: 2, lifecycle: { at: 0, outcome: 'InProgress' } }),
      transformJob({ name: JOBS.ackTransform, modelName: 'xgb-churn-model', instanceType: 'ml.m5.xlarge', instanceCount: 2, lifecycle: { at: 0, starting: 60, running: 300 } }),
      processingJob({ name: JOBS.legacyProcessing, image: '174872318107.dkr.ecr.us-west-2.amazonaws.com/kmeans:1', instanceType: 'ml.m5.xlarge', instanceCount: 1, lifecycle: { at: 0, outcome: 'InProgress' } }),
      processingJob({ name: JOBS.ackProcessing, image: 'public.ecr.aws/feature-prep:3', instanceType: 'ml.m5.2xlarge', instanceCount: 1, lifecycle: { at: 0, starting: 60, running: 600 } }),
      endpoint({ name: JOBS.legacyEndpoint, configName: 'xgboost-hosting-config', variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }], lifecycle: { at: 0, creating: 300 } }),
      // Reached by ARN only (no custom resource), and the job of a resource applied later.
      trainingJob({ name: EXTRA.stopped, instanceType: 'ml.m5.large', lifecycle: { at: 0, outcome: 'Stopped' } }),
      trainingJob({ name: EXTRA.tooLong, instanceType: 'ml.m5.large', maxRuntime: '5m', lifecycle: { at: 0, outcome: 'MaxRuntimeExceeded' } }),
      endpoint({ name: EXTRA.brokenEndpoint, lifecycle: { at: 0, creating: 300, outcome: 'Failed', failureReason: 'The primary container for production variant AllTraffic did not pass the ping health check.' } }),
      trainingJob({ name: EXTRA.lateSubmitted, instanceType: 'ml.g5.12xlarge', lifecycle: { at: 0 } }),
      endpoint({ name: JOBS.ackEndpoint, configName: 'churn-endpoint-config-v3', variants: [{ name: 'AllTraffic', instanceType: 'ml.c5.xlarge', instanceCount: 2 }], lifecycle: { at: 0, creating: 300 } }),
    ],
  });
}

export function clockAt(offsetMs: number): ManualClock {
  return new ManualClock(ANCHOR + offsetMs);
}

/** Both CRD families, every fixture in ml-team (no endpoint-url annotation: the stand-in's endpoint comes from the environment). */
export function fixtureCluster(extra: Partial<KubeScenario> = {}): KubeScenario {
  return {
    namespaces: [{ name: 'ml-team', annotations: { 'services.k8s.aws/default-region': 'us-west-2' } }, { name: 'empty' }, { name: 'locked' }],
    objects: [{ file: 'test/fixtures/crs/*.yaml' }],
    ...extra,
  } as KubeScenario;
}
