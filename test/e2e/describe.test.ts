// describe against the stand-ins: text, json and yaml for every kind of both operator families.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startHarness, type Harness } from '../helpers/harness';
import { clearLogs } from './support/requests';
import { arnOf, clockAt, fixtureCluster, fixtureJobs, JOBS } from './support/world';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
});
afterAll(() => h?.close());
beforeEach(() => clearLogs(h));

const consoleUrlOf = (fragment: string, name: string, region: string): string => `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/${fragment}/${name}`;

interface Case {
  readonly args: [string, string];
  readonly kind: string;
  readonly group: string;
  readonly type: 'training' | 'tuning' | 'transform' | 'processing' | 'endpoint';
  readonly job: string;
  readonly region: string;
  readonly status: string;
  readonly section: string;
  readonly fragment: string;
  /** Lines of the SageMaker section particular to the kind (without their alignment). */
  readonly particular: ReadonlyArray<readonly [string, string]>;
}

const LEGACY = 'sagemaker.aws.amazon.com';
const ACK = 'sagemaker.services.k8s.aws';

const CASES: Case[] = [
  { args: ['trainingjob', 'resnet50-finetune'], kind: 'TrainingJob', group: ACK, type: 'training', job: JOBS.ackTrainingInProgress, region: 'us-west-2', status: 'InProgress', section: 'SageMaker Training Job:', fragment: 'jobs', particular: [['Secondary Status', 'Training'], ['Instances', '2 x ml.g5.2xlarge'], ['Managed Spot', 'no']] },
  { args: ['hpo', 'xgboost-mnist-hpo'], kind: 'HyperparameterTuningJob', group: LEGACY, type: 'tuning', job: JOBS.legacyTuning, region: 'us-west-2', status: 'Completed', section: 'SageMaker Tuning Job:', fragment: 'hyper-tuning-jobs', particular: [['Objective', 'Minimize validation:error'], ['Limits', '4 training jobs, 2 at a time'], ['Training Jobs', '4 completed, 0 in progress, 0 failed (0 retryable), 0 stopped']] },
  { args: ['tuningjob', 'xgb-churn-hpo'], kind: 'HyperParameterTuningJob', group: ACK, type: 'tuning', job: JOBS.ackTuning, region: 'us-west-2', status: 'Completed', section: 'SageMaker Tuning Job:', fragment: 'hyper-tuning-jobs', particular: [['Objective', 'Maximize validation:auc'], ['Training Jobs', '2 completed, 0 in progress, 0 failed (0 retryable), 0 stopped']] },
  { args: ['batchtransformjob', 'xgboost-batch'], kind: 'BatchTransformJob', group: LEGACY, type: 'transform', job: JOBS.legacyTransform, region: 'us-west-2', status: 'InProgress', section: 'SageMaker Transform Job:', fragment: 'transform-jobs', particular: [['Instances', '2 x ml.m5.large'], ['Model', 'xgboost-mnist-model']] },
  { args: ['transformjob', 'churn-batch-scoring'], kind: 'TransformJob', group: ACK, type: 'transform', job: JOBS.ackTransform, region: 'us-west-2', status: 'Completed', section: 'SageMaker Transform Job:', fragment: 'transform-jobs', particular: [['Instances', '2 x ml.m5.xlarge'], ['Model', 'xgb-churn-model']] },
  { args: ['pj', 'kmeans-mnist-preprocessing-nightly'], kind: 'ProcessingJob', group: LEGACY, type: 'processing', job: JOBS.legacyProcessing, region: 'us-west-2', status: 'InProgress', section: 'SageMaker Processing Job:', fragment: 'processing-jobs', particular: [['Instances', '1 x ml.m5.xlarge'], ['Image', '174872318107.dkr.ecr.us-west-2.amazonaws.com/kmeans:1']] },
  { args: ['processingjob', 'feature-prep'], kind: 'ProcessingJob', group: ACK, type: 'processing', job: JOBS.ackProcessing, region: 'us-east-1', status: 'Completed', section: 'SageMaker Processing Job:', fragment: 'processing-jobs', particular: [['Instances', '1 x ml.m5.2xlarge'], ['Image', 'public.ecr.aws/feature-prep:3']] },
  { args: ['hostingdeployment', 'xgboost-hosting'], kind: 'HostingDeployment', group: LEGACY, type: 'endpoint', job: JOBS.legacyEndpoint, region: 'us-east-1', status: 'InService', section: 'SageMaker Endpoint:', fragment: 'endpoints', particular: [['Endpoint Config', 'xgboost-hosting-config'], ['Instances', '1 (AllTraffic)']] },
  { args: ['endpoint', 'churn-endpoint'], kind: 'Endpoint', group: ACK, type: 'endpoint', job: JOBS.ackEndpoint, region: 'us-east-1', status: 'InService', section: 'SageMaker Endpoint:', fragment: 'endpoints', particular: [['Endpoint Config', 'churn-endpoint-config-v3'], ['Instances', '2 (AllTraffic)']] },
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const field = (key: string, value: string): RegExp => new RegExp(`^  ${escape(key)}: +${escape(value)}$`, 'm');

describe('describe: text', () => {
  it('a legacy training job, in full', async () => {
    const r = await h.run(['describe', 'trainingjob', 'churn-xgb']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Name:             churn-xgb',
        'Namespace:        ml-team',
        'Kind:             TrainingJob',
        'API Version:      sagemaker.aws.amazon.com/v1 (SageMaker Operators for Kubernetes)',
        'Created:          2022-05-03T06:40:52Z',
        'Resource Status:  Completed',
        'SageMaker Training Job:',
        `  Name:              ${JOBS.legacyTrainingCompleted}`,
        `  ARN:               ${arnOf('training-job', JOBS.legacyTrainingCompleted)}`,
        '  Region:            us-east-1',
        '  Account:           111122223333',
        '  Status:            Completed',
        '  Secondary Status:  Completed',
        '  Instances:         1 x ml.m5.xlarge',
        '  Managed Spot:      yes, max wait 2h, savings 25.2%',
        '  Max Runtime:       1h',
        '  Image:             763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker',
        '  Created:           2026-08-20T10:00:00Z',
        '  Started:           2026-08-20T10:01:00Z',
        '  Ended:             2026-08-20T10:06:45Z',
        '  Training Seconds:  345',
        '  Billable Seconds:  258',
        `  Model Artifacts:   s3://sagemaker-us-west-2-111122223333/output/${JOBS.legacyTrainingCompleted}/output/model.tar.gz`,
        `  Console:           ${consoleUrlOf('jobs', JOBS.legacyTrainingCompleted, 'us-east-1')}`,
        'Status Transitions:',
        '  STATUS        START                  END                    DURATION   MESSAGE',
        '  Starting      2026-08-20T10:00:00Z   2026-08-20T10:01:00Z   1m         Preparing the instances for training',
        '  Downloading   2026-08-20T10:01:00Z   2026-08-20T10:01:30Z   30s        Downloading input data',
        '  Training      2026-08-20T10:01:30Z   2026-08-20T10:06:30Z   5m         Training image download completed. Training in progress.',
        '  Uploading     2026-08-20T10:06:30Z   2026-08-20T10:06:45Z   15s        Uploading generated training model',
        '  Completed     2026-08-20T10:06:45Z   2026-08-20T10:06:45Z   0s         Training job completed',
        'Final Metrics:',
        '  NAME               VALUE   TIMESTAMP',
        '  validation:error   0.042   2026-08-20T10:06:45Z',
        'Logs:',
        '  Group:          /aws/sagemaker/TrainingJobs',
        `  Stream Prefix:  ${JOBS.legacyTrainingCompleted}/`,
        `  Streams:        ${JOBS.legacyTrainingCompleted}/algo-1-1787220060`,
        '',
      ].join('\n'),
    );
  });

  it('an ACK training job that failed: both the resource and SageMaker say why, indented', async () => {
    const r = await h.run(['describe', 'trainingjobs.sagemaker.services.k8s.aws/bert-sentiment']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'Resource Status:  Failed',
        'Resource Reason:  AlgorithmError: ExecuteUserScriptError:',
        '                  ExitCode 1',
        `                  ErrorMessage "ModuleNotFoundError: No module named 'evaluate'"`,
        '                  Command "/opt/conda/bin/python3.10 train.py --epochs 3 --model_name bert-base-uncased", exit code: 1',
        'Conditions:',
        '  TYPE                  STATUS   MESSAGE',
        '  ACK.ResourceSynced    True     TrainingJob is in Failed status.',
      ].join('\n'),
    );
    expect(r.stdout).toContain(['  Failure Reason:    AlgorithmError: ExecuteUserScriptError:', '                     ExitCode 1', `                     ErrorMessage "ModuleNotFoundError: No module named 'evaluate'"`].join('\n'));
    expect(r.stdout).toContain('  Failed        2026-08-20T10:06:30Z   2026-08-20T10:06:30Z   0s         Training job failed\n');
  });

  it.each(CASES)('$kind in $group: $args.1', async (c) => {
    const r = await h.run(['describe', ...c.args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out.split('\n').slice(0, 3)).toEqual([`Name:             ${c.args[1]}`, 'Namespace:        ml-team', `Kind:             ${c.kind}`]);
    expect(out).toMatch(new RegExp(`^API Version: +${escape(c.group)}/`, 'm'));
    expect(out).toContain(`\n${c.section}\n`);
    expect(out).toMatch(field('Name', c.job));
    expect(out).toMatch(field('Region', c.region));
    expect(out).toMatch(field('Status', c.status));
    expect(out).toMatch(field('Console', consoleUrlOf(c.fragment, c.job, c.region)));
    for (const [k, v] of c.particular) expect(out).toMatch(field(k, v));
    expect(out).not.toContain('\u001b');
  });

  it('a tuning job lists its training jobs and names the best one', async () => {
    const r = await h.run(['describe', 'hpo', 'xgboost-mnist-hpo']);
    expect(r.stdout).toMatch(new RegExp(`^  Best Training Job: +${JOBS.legacyTuning}-004-[0-9a-f]{8} \\(validation:error 0.1\\)$`, 'm'));
    const table = r.stdout.slice(r.stdout.indexOf('Training Jobs (4):'));
    expect(table.split('\n').slice(0, 6)).toEqual([
      'Training Jobs (4):',
      '  NAME                                            STATUS      OBJECTIVE   CREATED',
      expect.stringMatching(new RegExp(`^  ${JOBS.legacyTuning}-001-[0-9a-f]{8}   Completed   0.3         2026-08-20T10:00:05Z$`)),
      expect.stringMatching(new RegExp(`^  ${JOBS.legacyTuning}-002-[0-9a-f]{8}   Completed   0.2         2026-08-20T10:00:05Z$`)),
      expect.stringMatching(new RegExp(`^  ${JOBS.legacyTuning}-003-[0-9a-f]{8}   Completed   0.25        2026-08-20T10:07:00Z$`)),
      expect.stringMatching(new RegExp(`^  ${JOBS.legacyTuning}-004-[0-9a-f]{8}   Completed   0.1         2026-08-20T10:07:00Z$`)),
    ]);
    expect(h.aws.requests.map((q) => q.operation)).toContain('ListTrainingJobsForHyperParameterTuningJob');
  });

  it('a resource not submitted yet: the Kubernetes side, and why there is no job', async () => {
    const r = await h.run(['describe', 'trainingjob', 'llama-lora-sft']);
    expect(r.stdout).toBe(
      [
        'Name:             llama-lora-sft',
        'Namespace:        ml-team',
        'Kind:             TrainingJob',
        'API Version:      sagemaker.services.k8s.aws/v1alpha1 (ACK SageMaker controller)',
        'Created:          2026-08-22T12:00:41Z',
        'Resource Status:  <none> (the operator has not written a status)',
        'SageMaker Job:    not submitted yet: the ACK controller has not reconciled it yet (no status)',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(h.aws.requests).toEqual([]);
  });

  it('keeps going when the log streams cannot be listed', async () => {
    h.aws.failNext('DescribeLogStreams', 1, 'access-denied');
    const r = await h.run(['describe', 'trainingjob', 'churn-xgb']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Streams: +cannot list them: AccessDeniedException: .+$/m);
  });

  it('colours only when asked to, off a terminal', async () => {
    const plain = await h.run(['describe', 'trainingjob', 'churn-xgb']);
    expect(plain.stdout).not.toContain('\u001b');
    const coloured = await h.run(['describe', 'trainingjob', 'churn-xgb', '--color', 'always']);
    expect(coloured.stdout).toContain('\u001b[32mCompleted\u001b[39m');
  });

  it('works through kubectl (kubectl smlogs describe)', async () => {
    const r = await h.run(['describe', 'processingjob', 'feature-prep', '-n', 'ml-team'], { via: 'kubectl' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(field('Name', JOBS.ackProcessing));
  });
});

describe('describe: -o json and -o yaml', () => {
  it.each(CASES)('$kind in $group: $args.1', async (c) => {
    const j = await h.run(['describe', ...c.args, '-o', 'json']);
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(doc.apiVersion).toBe('kubectl-smlogs/v1');
    expect(doc.kind).toBe('JobDescription');
    expect(doc.kubernetes).toMatchObject({ name: c.args[1], namespace: 'ml-team', kind: c.kind, group: c.group, submission: { state: 'submitted', jobName: c.job, reason: null } });
    expect(doc.kubernetes.object.metadata.name).toBe(c.args[1]);
    expect(doc.sagemaker).toMatchObject({ type: c.type, name: c.job, region: c.region, status: c.status, consoleUrl: consoleUrlOf(c.fragment, c.job, c.region) });
    for (const t of ['training', 'tuning', 'transform', 'processing', 'endpoint']) {
      if (t === c.type) expect(doc.sagemaker[t]).not.toBeNull();
      else expect(doc.sagemaker[t]).toBeNull();
    }
    const nameKey = { training: 'TrainingJobName', tuning: 'HyperParameterTuningJobName', transform: 'TransformJobName', processing: 'ProcessingJobName', endpoint: 'EndpointName' }[c.type];
    expect(doc.sagemaker.description[nameKey]).toBe(c.job);
    expect(doc.sagemaker.description.CreationTime).toBe('2026-08-20T10:00:00.000Z');

    const y = await h.run(['describe', ...c.args, '-o', 'yaml']);
    expect(y.code).toBe(0);
    expect(parse(y.stdout)).toEqual(doc);
  });

  it('the training job fields', async () => {
    const doc = JSON.parse((await h.run(['describe', 'trainingjob', 'churn-xgb', '-o', 'json'])).stdout);
    const s = doc.sagemaker;
    expect(s).toMatchObject({
      status: 'Completed',
      secondaryStatus: 'Completed',
      phase: 'ended',
      outcome: 'completed',
      failureReason: null,
      creationTime: '2026-08-20T10:00:00.000Z',
      startTime: '2026-08-20T10:01:00.000Z',
      endTime: '2026-08-20T10:06:45.000Z',
      instances: [{ type: 'ml.m5.xlarge', count: 1, group: null }],
      instanceCount: 1,
      maxRuntimeSeconds: 3600,
      trainingSeconds: 345,
      billableSeconds: 258,
      spot: { maxWaitSeconds: 7200, savingsPercent: 25.2 },
      metrics: [{ name: 'validation:error', value: 0.042, timestamp: '2026-08-20T10:06:45.000Z' }],
      logs: { group: '/aws/sagemaker/TrainingJobs', streamPrefix: `${JOBS.legacyTrainingCompleted}/`, groupExists: true, streams: [`${JOBS.legacyTrainingCompleted}/algo-1-1787220060`], error: null },
    });
    expect(s.transitions.map((t: any) => [t.status, t.startTime, t.endTime, t.durationSeconds])).toEqual([
      ['Starting', '2026-08-20T10:00:00.000Z', '2026-08-20T10:01:00.000Z', 60],
      ['Downloading', '2026-08-20T10:01:00.000Z', '2026-08-20T10:01:30.000Z', 30],
      ['Training', '2026-08-20T10:01:30.000Z', '2026-08-20T10:06:30.000Z', 300],
      ['Uploading', '2026-08-20T10:06:30.000Z', '2026-08-20T10:06:45.000Z', 15],
      ['Completed', '2026-08-20T10:06:45.000Z', '2026-08-20T10:06:45.000Z', 0],
    ]);
  });

  it('a tuning job with its training jobs', async () => {
    const doc = JSON.parse((await h.run(['describe', 'tuningjob', 'xgb-churn-hpo', '-o', 'json'])).stdout);
    const t = doc.sagemaker.tuning;
    expect(t.counters).toEqual({ completed: 2, inProgress: 0, retryableError: 0, nonRetryableError: 0, stopped: 0 });
    expect(t.objective).toEqual({ type: 'Maximize', metric: 'validation:auc' });
    expect(t.bestTrainingJob).toMatchObject({ name: expect.stringMatching(new RegExp(`^${JOBS.ackTuning}-002-[0-9a-f]{8}$`)), metric: 'validation:auc', value: 0.93 });
    expect(t.trainingJobs.map((j: any) => [j.status, j.objective.value])).toEqual([
      ['Completed', 0.91],
      ['Completed', 0.93],
    ]);
  });

  it('a resource not submitted yet: sagemaker is null', async () => {
    const doc = JSON.parse((await h.run(['describe', 'trainingjob', 'llama-lora-sft', '-o', 'json'])).stdout);
    expect(doc.sagemaker).toBeNull();
    expect(doc.kubernetes.submission).toEqual({ state: 'pending', jobName: null, reason: 'the ACK controller has not reconciled it yet (no status)' });
  });

  it('an ARN needs no kubeconfig: kubernetes is null', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'smlogs-nokube-'));
    const r = await h.run(['describe', 'trainingjob', arnOf('training-job', JOBS.ackTrainingFailed), '-o', 'yaml'], { env: { KUBECONFIG: undefined, HOME: home } });
    expect(r.code).toBe(0);
    const doc = parse(r.stdout);
    expect(doc.kubernetes).toBeNull();
    expect(doc.sagemaker).toMatchObject({ name: JOBS.ackTrainingFailed, region: 'us-west-2', account: '111122223333', status: 'Failed', failureReason: expect.stringContaining('ExitCode 1') });
    expect(h.kube.requests).toEqual([]);
  });
});

describe('describe: errors', () => {
  it('a resource that does not exist', async () => {
    const r = await h.run(['describe', 'trainingjob', 'nope']);
    expect(r.stderr).toBe(
      'error: trainingjobs.sagemaker.aws.amazon.com "nope" not found in namespace "ml-team" (also searched trainingjobs.sagemaker.services.k8s.aws); list them with: kubectl smlogs list -n ml-team\n',
    );
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
  });

  it('a resource whose job SageMaker does not know', async () => {
    const r = await h.run(['describe', 'trainingjob', '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41']);
    expect(r.stderr).toBe('error: training job 9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41 not found in SageMaker in us-west-2 (Requested resource not found.); check the Region (--region) and the AWS account of your credentials (--profile)\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
  });

  it('a bad --output', async () => {
    const r = await h.run(['describe', 'trainingjob', 'churn-xgb', '-o', 'xml']);
    expect(r.stderr).toBe('error: invalid value "xml" for --output: use one of text, json, yaml\n');
    expect(r.code).toBe(2);
  });
});

