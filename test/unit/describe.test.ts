import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RESOURCE_TYPES } from '../../src/kube/kinds';
import { describeDocument, plainJson, type DescribeInput } from '../../src/render/describe-doc';
import { describeText, shortTime } from '../../src/render/describe-text';
import { listDocument } from '../../src/render/listing';
import { Palette } from '../../src/render/palette';
import { serialize } from '../../src/cli/output-format';
import { snapshotOf } from '../../src/sagemaker/snapshot';
import { crFixture } from '../helpers/fixtures';

// DescribeTrainingJob of a real completed job (aws-wire.md §5), times as the SDK gives them (Dates).
const d = (s: number): Date => new Date(s * 1000);
const completed = {
  TrainingJobName: 'xgboost-training-job',
  TrainingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:training-job/xgboost-training-job',
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  CreationTime: d(1634017780.493),
  TrainingStartTime: d(1634017966.108),
  TrainingEndTime: d(1634018125.548),
  LastModifiedTime: d(1634018125.548),
  TrainingTimeInSeconds: 159,
  BillableTimeInSeconds: 159,
  EnableManagedSpotTraining: false,
  AlgorithmSpecification: { TrainingImage: '433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:1', TrainingInputMode: 'File' },
  HyperParameters: { num_round: '18', objective: 'multi:softmax' },
  ResourceConfig: { InstanceType: 'ml.m4.xlarge', InstanceCount: 1, VolumeSizeInGB: 5 },
  StoppingCondition: { MaxRuntimeInSeconds: 86400 },
  OutputDataConfig: { S3OutputPath: 's3://bucket/output' },
  ModelArtifacts: { S3ModelArtifacts: 's3://bucket/output/xgboost-training-job/output/model.tar.gz' },
  FinalMetricDataList: [{ MetricName: 'validation:merror', Value: 0.0773, Timestamp: d(1634018116) }],
  SecondaryStatusTransitions: [
    { Status: 'Starting', StartTime: d(1634017780.493), EndTime: d(1634017966.108), StatusMessage: 'Preparing the instances for training' },
    { Status: 'Downloading', StartTime: d(1634017966.108), EndTime: d(1634018015.493), StatusMessage: 'Downloading input data' },
    { Status: 'Training', StartTime: d(1634018015.493), EndTime: d(1634018118.557), StatusMessage: 'Training image download completed. Training in progress.' },
    { Status: 'Uploading', StartTime: d(1634018118.557), EndTime: d(1634018125.548), StatusMessage: 'Uploading generated training model' },
    { Status: 'Completed', StartTime: d(1634018125.548), EndTime: d(1634018125.548), StatusMessage: 'Training job completed' },
  ],
};

const legacyTj = RESOURCE_TYPES.find((t) => t.family === 'legacy' && t.jobType === 'training')!;
const ackTj = RESOURCE_TYPES.find((t) => t.family === 'ack' && t.jobType === 'training')!;
const job = { region: 'us-west-2', account: '111122223333' };
const plain = new Palette(false);

function trainingInput(raw: Record<string, unknown> = completed): DescribeInput {
  return {
    resource: { type: legacyTj, namespace: 'ml-team', object: crFixture('legacy-trainingjob-completed'), submission: { state: 'submitted', name: String(raw.TrainingJobName) } },
    job,
    snapshot: snapshotOf('training', raw),
    logs: { group: '/aws/sagemaker/TrainingJobs', prefix: 'xgboost-training-job/', groupExists: true, streams: ['xgboost-training-job/algo-1-1634017966'] },
  };
}

describe('describe document (-o json|yaml)', () => {
  it('has the documented envelope and both parts', () => {
    const doc = describeDocument(trainingInput());
    expect(doc.apiVersion).toBe('kubectl-smlogs/v1');
    expect(doc.kind).toBe('JobDescription');
    expect(doc.kubernetes).toMatchObject({ name: 'churn-xgb', namespace: 'ml-team', kind: 'TrainingJob', group: 'sagemaker.aws.amazon.com', version: 'v1', resource: 'trainingjobs.sagemaker.aws.amazon.com', operator: 'legacy' });
    expect(doc.kubernetes!.object.metadata).not.toHaveProperty('managedFields');
    expect(doc.sagemaker).toMatchObject({
      type: 'training',
      name: 'xgboost-training-job',
      region: 'us-west-2',
      account: '111122223333',
      status: 'Completed',
      secondaryStatus: 'Completed',
      phase: 'ended',
      outcome: 'completed',
      failureReason: null,
      creationTime: '2021-10-12T05:49:40.493Z',
      startTime: '2021-10-12T05:52:46.108Z',
      endTime: '2021-10-12T05:55:25.548Z',
      instances: [{ type: 'ml.m4.xlarge', count: 1, group: null }],
      instanceCount: 1,
      maxRuntimeSeconds: 86400,
      trainingSeconds: 159,
      billableSeconds: 159,
      spot: null,
      metrics: [{ name: 'validation:merror', value: 0.0773, timestamp: '2021-10-12T05:55:16.000Z' }],
      modelArtifacts: 's3://bucket/output/xgboost-training-job/output/model.tar.gz',
      consoleUrl: 'https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/jobs/xgboost-training-job',
      logs: { group: '/aws/sagemaker/TrainingJobs', streamPrefix: 'xgboost-training-job/', groupExists: true, streams: ['xgboost-training-job/algo-1-1634017966'], error: null },
      training: { image: '433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:1', inputMode: 'File', hyperParameters: { num_round: '18', objective: 'multi:softmax' }, outputPath: 's3://bucket/output', volumeSizeInGB: 5, tuningJobArn: null },
      tuning: null,
      transform: null,
      processing: null,
      endpoint: null,
    });
  });

  it('gives each transition its start, end and duration in seconds', () => {
    const t = describeDocument(trainingInput()).sagemaker!.transitions;
    expect(t.map((x) => [x.status, x.durationSeconds])).toEqual([
      ['Starting', 185.615],
      ['Downloading', 49.385],
      ['Training', 103.064],
      ['Uploading', 6.991],
      ['Completed', 0],
    ]);
    expect(t[0]).toEqual({ status: 'Starting', startTime: '2021-10-12T05:49:40.493Z', endTime: '2021-10-12T05:52:46.108Z', durationSeconds: 185.615, message: 'Preparing the instances for training' });
    const running = { ...completed, TrainingJobStatus: 'InProgress', SecondaryStatus: 'Training', SecondaryStatusTransitions: completed.SecondaryStatusTransitions.slice(0, 3).map((x, i) => (i === 2 ? { ...x, EndTime: undefined } : x)) };
    expect(describeDocument(trainingInput(running)).sagemaker!.transitions[2]).toMatchObject({ status: 'Training', endTime: null, durationSeconds: null });
  });

  it('keeps the raw Describe answer with RFC 3339 times', () => {
    const raw = describeDocument(trainingInput()).sagemaker!.description;
    expect(raw.CreationTime).toBe('2021-10-12T05:49:40.493Z');
    expect((raw.SecondaryStatusTransitions as any[])[4].StartTime).toBe('2021-10-12T05:55:25.548Z');
    expect(plainJson({ a: undefined, b: [new Date(0)], c: { d: 1 } })).toEqual({ b: ['1970-01-01T00:00:00.000Z'], c: { d: 1 } });
  });

  it('has the same keys for every kind, absent values as null', () => {
    const kinds = {
      training: completed,
      tuning: { HyperParameterTuningJobName: 'hpo', HyperParameterTuningJobArn: 'arn:aws:sagemaker:us-west-2:1:hyper-parameter-tuning-job/hpo', HyperParameterTuningJobStatus: 'InProgress', CreationTime: d(1), TrainingJobStatusCounters: {}, ObjectiveStatusCounters: {}, HyperParameterTuningJobConfig: {} },
      transform: { TransformJobName: 't', TransformJobArn: 'arn:aws:sagemaker:us-west-2:1:transform-job/t', TransformJobStatus: 'InProgress', ModelName: 'm', CreationTime: d(1), TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 2 } },
      processing: { ProcessingJobName: 'p', ProcessingJobArn: 'arn:aws:sagemaker:us-west-2:1:processing-job/p', ProcessingJobStatus: 'Completed', CreationTime: d(1), ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 } }, AppSpecification: { ImageUri: 'img' } },
      endpoint: { EndpointName: 'e', EndpointArn: 'arn:aws:sagemaker:us-west-2:1:endpoint/e', EndpointStatus: 'InService', CreationTime: d(1), LastModifiedTime: d(2) },
    } as const;
    const keySets = Object.entries(kinds).map(([type, raw]) => Object.keys(describeDocument({ job, snapshot: snapshotOf(type as any, raw as any) }).sagemaker!).sort());
    for (const k of keySets) expect(k).toEqual(keySets[0]);
  });

  it('describes tuning jobs: counters, objective, best job and the training jobs', () => {
    const raw = {
      HyperParameterTuningJobName: 'hpo-1',
      HyperParameterTuningJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:hyper-parameter-tuning-job/hpo-1',
      HyperParameterTuningJobStatus: 'Completed',
      CreationTime: d(1700000000),
      HyperParameterTuningEndTime: d(1700003600),
      HyperParameterTuningJobConfig: { Strategy: 'Bayesian', HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:error' }, ResourceLimits: { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 2 } },
      TrainingJobStatusCounters: { Completed: 8, InProgress: 0, RetryableError: 1, NonRetryableError: 0, Stopped: 1 },
      ObjectiveStatusCounters: { Succeeded: 8, Pending: 0, Failed: 2 },
      BestTrainingJob: { TrainingJobName: 'hpo-1-007-5e2a9c41', TrainingJobStatus: 'Completed', TunedHyperParameters: { num_round: '18' }, FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:error', Value: 0.0512 } },
    };
    const doc = describeDocument({
      job,
      snapshot: snapshotOf('tuning', raw),
      children: [{ name: 'hpo-1-001-0a0b0c0d', arn: 'arn:x', status: 'Completed', createdAt: 1700000100000, objective: { metric: 'validation:error', value: 0.07 } }],
    });
    expect(doc.kubernetes).toBeNull();
    expect(doc.sagemaker!.tuning).toEqual({
      strategy: 'Bayesian',
      objective: { type: 'Minimize', metric: 'validation:error' },
      maxTrainingJobs: 10,
      maxParallelTrainingJobs: 2,
      counters: { completed: 8, inProgress: 0, retryableError: 1, nonRetryableError: 0, stopped: 1 },
      objectiveCounters: { succeeded: 8, pending: 0, failed: 2 },
      bestTrainingJob: { name: 'hpo-1-007-5e2a9c41', status: 'Completed', metric: 'validation:error', value: 0.0512, tunedHyperParameters: { num_round: '18' } },
      trainingJobs: [{ name: 'hpo-1-001-0a0b0c0d', arn: 'arn:x', status: 'Completed', creationTime: '2023-11-14T22:15:00.000Z', objective: { metric: 'validation:error', value: 0.07 } }],
      trainingJobsError: null,
    });
    expect(doc.sagemaker!.consoleUrl).toBe('https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/hyper-tuning-jobs/hpo-1');
  });

  it('describes endpoints by their variants', () => {
    const raw = {
      EndpointName: 'ep',
      EndpointArn: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/ep',
      EndpointConfigName: 'ep-config',
      EndpointStatus: 'InService',
      CreationTime: d(1700000000),
      LastModifiedTime: d(1700000600),
      ProductionVariants: [{ VariantName: 'AllTraffic', CurrentInstanceCount: 2, DesiredInstanceCount: 2, CurrentWeight: 1, DesiredWeight: 1, DeployedImages: [{ SpecifiedImage: 'img:1', ResolvedImage: 'img@sha256:abc' }] }],
    };
    const s = describeDocument({ job: { region: 'us-east-1' }, snapshot: snapshotOf('endpoint', raw) }).sagemaker!;
    expect(s.instances).toEqual([{ type: null, count: 2, group: 'AllTraffic' }]);
    expect(s.outcome).toBe('completed');
    expect(s.endpoint).toEqual({
      endpointConfigName: 'ep-config',
      variants: [{ name: 'AllTraffic', currentInstanceCount: 2, desiredInstanceCount: 2, currentWeight: 1, desiredWeight: 1, images: ['img@sha256:abc'], status: [] }],
    });
  });

  it('describes a resource not submitted yet without a SageMaker part', () => {
    const type = RESOURCE_TYPES.find((t) => t.family === 'ack' && t.jobType === 'training')!;
    const doc = describeDocument({ resource: { type, namespace: 'ml-team', object: crFixture('ack-trainingjob-unreconciled'), submission: { state: 'pending', reason: 'the ACK controller has not reconciled it yet (no status)' } } });
    expect(doc.sagemaker).toBeNull();
    expect(doc.kubernetes!.submission).toEqual({ state: 'pending', jobName: null, reason: 'the ACK controller has not reconciled it yet (no status)' });
    expect(doc.kubernetes!.status).toBeNull();
  });

  it('serialises to JSON and YAML that read back the same', () => {
    const doc = describeDocument(trainingInput());
    expect(JSON.parse(serialize(doc, 'json'))).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(parse(serialize(doc, 'yaml'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe('describe text', () => {
  it('prints kubectl-describe-like sections with a timeline', () => {
    const text = describeText(describeDocument(trainingInput()), { palette: plain, now: 0 });
    expect(text).toBe(
      [
        'Name:             churn-xgb',
        'Namespace:        ml-team',
        'Kind:             TrainingJob',
        'API Version:      sagemaker.aws.amazon.com/v1 (SageMaker Operators for Kubernetes)',
        'Created:          2022-05-03T06:40:52Z',
        'Resource Status:  Completed',
        'SageMaker Training Job:',
        '  Name:              xgboost-training-job',
        '  ARN:               arn:aws:sagemaker:us-west-2:111122223333:training-job/xgboost-training-job',
        '  Region:            us-west-2',
        '  Account:           111122223333',
        '  Status:            Completed',
        '  Secondary Status:  Completed',
        '  Instances:         1 x ml.m4.xlarge',
        '  Managed Spot:      no',
        '  Max Runtime:       1d',
        '  Image:             433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:1',
        '  Created:           2021-10-12T05:49:40Z',
        '  Started:           2021-10-12T05:52:46Z',
        '  Ended:             2021-10-12T05:55:25Z',
        '  Training Seconds:  159',
        '  Billable Seconds:  159',
        '  Model Artifacts:   s3://bucket/output/xgboost-training-job/output/model.tar.gz',
        '  Console:           https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/jobs/xgboost-training-job',
        'Status Transitions:',
        '  STATUS        START                  END                    DURATION   MESSAGE',
        '  Starting      2021-10-12T05:49:40Z   2021-10-12T05:52:46Z   3m6s       Preparing the instances for training',
        '  Downloading   2021-10-12T05:52:46Z   2021-10-12T05:53:35Z   49s        Downloading input data',
        '  Training      2021-10-12T05:53:35Z   2021-10-12T05:55:18Z   1m43s      Training image download completed. Training in progress.',
        '  Uploading     2021-10-12T05:55:18Z   2021-10-12T05:55:25Z   7s         Uploading generated training model',
        '  Completed     2021-10-12T05:55:25Z   2021-10-12T05:55:25Z   0s         Training job completed',
        'Final Metrics:',
        '  NAME                VALUE    TIMESTAMP',
        '  validation:merror   0.0773   2021-10-12T05:55:16Z',
        'Logs:',
        '  Group:          /aws/sagemaker/TrainingJobs',
        '  Stream Prefix:  xgboost-training-job/',
        '  Streams:        xgboost-training-job/algo-1-1634017966',
        '',
      ].join('\n'),
    );
  });

  it('indents multi-line failure reasons, shows spot savings and per-instance seconds', () => {
    const failed = {
      ...completed,
      TrainingJobStatus: 'Failed',
      SecondaryStatus: 'Failed',
      FailureReason: 'AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage "boom"',
      EnableManagedSpotTraining: true,
      BillableTimeInSeconds: 53,
      ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 2 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
    };
    const text = describeText(describeDocument({ ...trainingInput(failed), resource: undefined }), { palette: plain, now: 0 });
    expect(text).toContain(['  Failure Reason:    AlgorithmError: ExecuteUserScriptError:', '                     ExitCode 1', '                     ErrorMessage "boom"'].join('\n'));
    expect(text).toContain('  Instances:         2 x ml.g5.2xlarge\n');
    expect(text).toContain('  Managed Spot:      yes, max wait 2h, savings 66.7%\n');
    expect(text).toContain('  Training Seconds:  318 (159 s x 2 instances)\n');
    expect(text).toContain('  Billable Seconds:  106 (53 s x 2 instances)\n');
    expect(text.startsWith('SageMaker Training Job:\n')).toBe(true);
  });

  it('shows how long the current status has lasted, and cuts long cells to the terminal', () => {
    const running = { ...completed, TrainingJobStatus: 'InProgress', SecondaryStatus: 'Training', SecondaryStatusTransitions: [{ Status: 'Training', StartTime: d(1000), StatusMessage: 'x'.repeat(200) }] };
    const text = describeText(describeDocument({ job, snapshot: snapshotOf('training', running) }), { palette: plain, now: 1000_000 + 125_000, maxWidth: 100 });
    const row = text.split('\n').find((l) => l.startsWith('  Training   '))!;
    expect(row).toMatch(/^  Training {3}1970-01-01T00:16:40Z {3}- {5}2m5s so far {3}x+…$/);
    expect(row.length).toBe(100);
  });

  it('describes a pending resource and says why there is no job', () => {
    const type = ackTj;
    const text = describeText(describeDocument({ resource: { type, namespace: 'ml-team', object: crFixture('ack-trainingjob-unreconciled'), submission: { state: 'pending', reason: 'the ACK controller has not reconciled it yet (no status)' } } }), { palette: plain, now: 0 });
    expect(text).toContain('Resource Status:  <none> (the operator has not written a status)\n');
    expect(text).toContain('SageMaker Job:    not submitted yet: the ACK controller has not reconciled it yet (no status)\n');
  });

  it('lists ACK conditions', () => {
    const object = crFixture('ack-trainingjob-inprogress');
    const text = describeText(describeDocument({ resource: { type: ackTj, namespace: 'ml-team', object, submission: { state: 'pending', reason: 'x' } } }), { palette: plain, now: 0 });
    expect(text).toContain(
      ['Conditions:', '  TYPE                  STATUS   MESSAGE', '  ACK.ResourceSynced    False    TrainingJob is in InProgress status.', '  ACK.LateInitialized   True     Late initialization successful', '  Ready                 False    TrainingJob is in InProgress status.'].join('\n'),
    );
  });

  it('shortens times to whole seconds', () => {
    expect(shortTime('2021-10-12T05:49:40.493Z')).toBe('2021-10-12T05:49:40Z');
    expect(shortTime(null)).toBeUndefined();
  });
});

describe('docs/describe-schema.md', () => {
  // The documented keys are the keys: a key added to the document without its line in the docs
  // (or the other way round) fails here.
  const docs = readFileSync(path.resolve(__dirname, '../../docs/describe-schema.md'), 'utf8');
  function documentedKeys(heading: string): string[] {
    const start = docs.indexOf(`\n${heading}\n`);
    expect(start, heading).toBeGreaterThan(0);
    const rest = docs.slice(start + heading.length + 2);
    const tableStart = rest.indexOf('\n|') + 1;
    const tableEnd = rest.indexOf('\n\n', tableStart);
    return rest
      .slice(tableStart, tableEnd < 0 ? undefined : tableEnd)
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .flatMap((l) => l.split('|')[1]!.split(',').map((k) => k.trim().replace(/`/g, '')))
      .sort();
  }

  it('documents every key of kubernetes, sagemaker, tuning and list items', () => {
    const doc = describeDocument(trainingInput());
    expect(documentedKeys('### `kubernetes`')).toEqual(Object.keys(doc.kubernetes!).sort());
    expect(documentedKeys('### `sagemaker`')).toEqual(Object.keys(doc.sagemaker!).sort());
    const tuning = describeDocument({ job, snapshot: snapshotOf('tuning', { HyperParameterTuningJobName: 'h', HyperParameterTuningJobStatus: 'InProgress' }) }).sagemaker!.tuning!;
    expect(documentedKeys('`tuning`:')).toEqual(Object.keys(tuning).sort());
    const item = listDocument([{ type: ackTj, namespace: 'n', name: 'x', submission: { state: 'pending', reason: 'r' }, resource: {} }]).items[0]!;
    expect(documentedKeys('Each item:')).toEqual(Object.keys(item).sort());
  });
});
