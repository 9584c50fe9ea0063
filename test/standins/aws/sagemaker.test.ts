import { describe, expect, it } from 'vitest';
import { endpoint, processingJob, trainingJob, transformJob, tuningJob } from './builders';
import { apiError, models, T0, wire } from './test-support';

const S = 1000;
const M = 60_000;

describe('training job lifecycle on a ManualClock', () => {
  const scenario = {
    jobs: [
      trainingJob({
        name: 'xgb',
        instanceType: 'ml.m4.xlarge',
        instanceCount: 2,
        lifecycle: { at: 0, starting: '3m', downloading: '50s', training: '100s', uploading: '7s' },
        metrics: [{ name: 'validation:merror', value: 0.0773 }],
      }),
    ],
  };

  it('is absent before its creation time', () => {
    const m = models(scenario);
    m.clock.set(T0 - 1);
    const e = apiError(() => m.smOp('DescribeTrainingJob', { TrainingJobName: 'xgb' }));
    expect([e.status, e.code, e.message]).toEqual([400, 'ValidationException', 'Requested resource not found.']);
  });

  it('walks Starting → Downloading → Training → Uploading → Completed with growing transitions', () => {
    const m = models(scenario);
    const at = (ms: number) => {
      m.clock.set(T0 + ms);
      return m.smOp('DescribeTrainingJob', { TrainingJobName: 'xgb' });
    };
    let d = at(10 * S);
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['InProgress', 'Starting']);
    expect(d.SecondaryStatusTransitions).toEqual([{ Status: 'Starting', StartTime: wire(0), StatusMessage: 'Launching requested ML instances' }]);
    expect(d.TrainingStartTime).toBeUndefined();
    expect(d.TrainingTimeInSeconds).toBeUndefined();
    expect(d.FinalMetricDataList).toBeUndefined();
    d = at(100 * S);
    expect(d.SecondaryStatusTransitions[0].StatusMessage).toBe('Preparing the instances for training');
    d = at(3 * M + 1);
    expect(d.SecondaryStatus).toBe('Downloading');
    expect(d.TrainingStartTime).toBe(wire(3 * M));
    expect(d.SecondaryStatusTransitions.map((t: { EndTime?: number }) => t.EndTime)).toEqual([wire(3 * M), undefined]);
    d = at(3 * M + 50 * S);
    expect(d.SecondaryStatus).toBe('Training');
    expect(d.SecondaryStatusTransitions[2].StatusMessage).toBe('Training image download completed. Training in progress.');
    d = at(3 * M + 150 * S);
    expect(d.SecondaryStatus).toBe('Uploading');
    d = at(3 * M + 157 * S);
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Completed', 'Completed']);
    const tr = d.SecondaryStatusTransitions;
    expect(tr.map((t: { Status: string }) => t.Status)).toEqual(['Starting', 'Downloading', 'Training', 'Uploading', 'Completed']);
    expect(tr[4].EndTime).toBe(tr[4].StartTime);
    expect(tr[4].StatusMessage).toBe('Training job completed');
    expect(d.TrainingEndTime).toBe(wire(3 * M + 157 * S));
    expect(d.LastModifiedTime).toBe(d.TrainingEndTime);
    expect(d.TrainingTimeInSeconds).toBe(157);
    expect(d.BillableTimeInSeconds).toBe(157);
    expect(d.EnableManagedSpotTraining).toBe(false);
    expect(d.FinalMetricDataList).toEqual([{ MetricName: 'validation:merror', Value: 0.0773, Timestamp: wire(3 * M + 157 * S) }]);
    expect(d.ResourceConfig).toEqual({ InstanceType: 'ml.m4.xlarge', InstanceCount: 2, VolumeSizeInGB: 30 });
    expect(d.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 86400 });
    expect(d.ModelArtifacts.S3ModelArtifacts).toBe('s3://sagemaker-us-west-2-111122223333/output/xgb/output/model.tar.gz');
    expect(d.TrainingJobArn).toBe('arn:aws:sagemaker:us-west-2:111122223333:training-job/xgb');
    expect(d.CreationTime).toBe(wire(0));
    expect(JSON.stringify(d)).not.toContain('null');
  });

  it('fails with a multi-line FailureReason', () => {
    const m = models({ jobs: [trainingJob({ name: 'bad', lifecycle: { outcome: 'Failed', training: '1m' } })] });
    m.clock.set(T0 + 3 * M);
    const d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'bad' });
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Failed', 'Failed']);
    expect(d.FailureReason).toMatch(/^AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage ".*"\nCommand ".*", exit code: 1$/);
    expect(d.FinalMetricDataList).toBeUndefined();
  });

  it('ends MaxRuntimeExceeded as Stopped with that secondary status', () => {
    const m = models({ jobs: [trainingJob({ name: 'long', maxRuntime: '5m', stopDelay: '20s', lifecycle: { starting: '1m', downloading: '1m', training: '1h', outcome: 'MaxRuntimeExceeded' } })] });
    m.clock.set(T0 + 6 * M + 5 * S);
    let d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'long' });
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Stopping', 'Stopping']);
    m.clock.advance(20 * S);
    d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'long' });
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Stopped', 'MaxRuntimeExceeded']);
    expect(d.TrainingTimeInSeconds).toBe(5 * 60 + 20);
  });

  it('Stop while InProgress: Stopping now, Stopped after the delay; a terminal job is rejected; logs end at the stop', () => {
    const m = models({
      stopDelay: '45s',
      jobs: [trainingJob({ name: 'run', lifecycle: { starting: '1m', downloading: '1m', training: '1h' }, logs: { generate: [{ perSecond: 1 }] } })],
    });
    m.clock.set(T0 + 10 * M);
    expect(m.smOp('StopTrainingJob', { TrainingJobName: 'run' })).toEqual({});
    let d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'run' });
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Stopping', 'Stopping']);
    expect(d.SecondaryStatusTransitions.at(-1)).toEqual({ Status: 'Stopping', StartTime: wire(10 * M), StatusMessage: 'Stopping the training job' });
    let e = apiError(() => m.smOp('StopTrainingJob', { TrainingJobName: 'run' }));
    expect(e.message).toBe('The request was rejected because the training job is in status Stopping.');
    m.clock.advance(45 * S);
    d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'run' });
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Stopped', 'Stopped']);
    expect(d.TrainingEndTime).toBe(wire(10 * M + 45 * S));
    expect(d.TrainingTimeInSeconds).toBe(9 * 60 + 45); // from TrainingStartTime (Downloading at 1m)
    e = apiError(() => m.smOp('StopTrainingJob', { TrainingJobName: 'run' }));
    expect([e.code, e.message]).toEqual(['ValidationException', 'The request was rejected because the training job is in status Stopped.']);
    // The instances are gone: no event after the stop completes is ever visible.
    m.clock.advance(2 * 3_600_000);
    const [stream] = m.logs.streamNames('/aws/sagemaker/TrainingJobs');
    const visible = m.logs.events('/aws/sagemaker/TrainingJobs', stream!).filter((x) => x.visible);
    expect(Math.max(...visible.map((x) => x.timestamp))).toBe(T0 + 10 * M + 45 * S);
    expect(apiError(() => m.smOp('StopTrainingJob', { TrainingJobName: 'nope' })).message).toBe('Requested resource not found.');
  });
});

describe('tuning jobs', () => {
  const hpo = () =>
    models({
      jobs: [
        tuningJob({
          name: 'hpo',
          objective: { type: 'Minimize', metric: 'validation:rmse' },
          maxParallel: 2,
          children: {
            count: 5,
            lifecycle: { starting: '30s', downloading: '10s', training: '2m', uploading: '10s' },
            outcomes: ['Completed', 'Failed', 'Completed', 'Completed', 'Completed'],
            objectiveValues: [0.3, 0, 0.12, 0.25, 0.2],
            retryable: [1],
            gap: '10s',
          },
        }),
      ],
    });

  it('keeps the counters consistent with the children and picks the best by the objective type', () => {
    const m = hpo();
    m.clock.set(T0 + 30 * S);
    let d = m.smOp('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' });
    expect(d.HyperParameterTuningJobStatus).toBe('InProgress');
    expect(d.TrainingJobStatusCounters).toEqual({ Completed: 0, InProgress: 2, RetryableError: 0, NonRetryableError: 0, Stopped: 0 });
    expect(d.ObjectiveStatusCounters).toEqual({ Succeeded: 0, Pending: 2, Failed: 0 });
    expect(d.BestTrainingJob).toBeUndefined();
    m.clock.set(T0 + 3 * M + 20 * S); // children 1-2 done (one failed), 3-4 running
    d = m.smOp('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' });
    expect(d.TrainingJobStatusCounters).toEqual({ Completed: 1, InProgress: 2, RetryableError: 1, NonRetryableError: 0, Stopped: 0 });
    expect(d.ObjectiveStatusCounters).toEqual({ Succeeded: 1, Pending: 2, Failed: 1 });
    expect(d.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric).toEqual({ MetricName: 'validation:rmse', Value: 0.3 });
    m.clock.set(T0 + 3_600_000);
    d = m.smOp('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' });
    expect(d.HyperParameterTuningJobStatus).toBe('Completed');
    expect(d.TrainingJobStatusCounters).toEqual({ Completed: 4, InProgress: 0, RetryableError: 1, NonRetryableError: 0, Stopped: 0 });
    expect(d.ObjectiveStatusCounters).toEqual({ Succeeded: 4, Pending: 0, Failed: 1 });
    expect(d.BestTrainingJob.TrainingJobName).toMatch(/^hpo-003-/);
    expect(d.BestTrainingJob.TunedHyperParameters).toEqual({ eta: expect.any(String), max_depth: expect.stringMatching(/^([3-9]|10)$/) });
    expect(d.HyperParameterTuningEndTime).toBeGreaterThan(d.CreationTime);
    expect(d.HyperParameterTuningJobConfig.ResourceLimits).toEqual({ MaxNumberOfTrainingJobs: 5, MaxParallelTrainingJobs: 2 });
  });

  it('lists children with sorting, filtering and paging (MaxResults default 10)', () => {
    const m = hpo();
    m.clock.set(T0 + 3_600_000);
    const list = (b: Record<string, unknown>) => m.smOp('ListTrainingJobsForHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo', ...b });
    let r = list({});
    expect(r.TrainingJobSummaries).toHaveLength(5);
    expect(r.NextToken).toBeUndefined();
    expect(r.TrainingJobSummaries.map((s: { TrainingJobName: string }) => s.TrainingJobName.slice(0, 7))).toEqual(['hpo-001', 'hpo-002', 'hpo-003', 'hpo-004', 'hpo-005']);
    r = list({ SortBy: 'FinalObjectiveMetricValue', SortOrder: 'Ascending' });
    expect(r.TrainingJobSummaries.map((s: { FinalHyperParameterTuningJobObjectiveMetric: { Value: number } }) => s.FinalHyperParameterTuningJobObjectiveMetric.Value)).toEqual([0.12, 0.2, 0.25, 0.3]);
    r = list({ StatusEquals: 'Failed' });
    expect(r.TrainingJobSummaries).toHaveLength(1);
    expect(r.TrainingJobSummaries[0]).toMatchObject({ TrainingJobStatus: 'Failed', ObjectiveStatus: 'Failed', FailureReason: expect.stringContaining('AlgorithmError') });
    r = list({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Descending' });
    const first = r.TrainingJobSummaries.map((s: { TrainingJobName: string }) => s.TrainingJobName.slice(0, 7));
    expect(first).toEqual(['hpo-005', 'hpo-004']);
    const r2 = list({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Descending', NextToken: r.NextToken });
    const r3 = list({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Descending', NextToken: r2.NextToken });
    expect(r3.NextToken).toBeUndefined();
    expect([...r2.TrainingJobSummaries, ...r3.TrainingJobSummaries].map((s: { TrainingJobName: string }) => s.TrainingJobName.slice(0, 7))).toEqual(['hpo-003', 'hpo-002', 'hpo-001']);
    const e = apiError(() => m.smOp('ListTrainingJobsForHyperParameterTuningJob', { HyperParameterTuningJobName: 'nope' }));
    expect([e.code, e.message]).toEqual(['ResourceNotFound', "Amazon SageMaker can't find a tuning job called nope. Type another name."]);
  });

  it('Stop stops the running children and cancels the ones not started', () => {
    const m = hpo();
    m.clock.set(T0 + 60 * S);
    m.smOp('StopHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' });
    let d = m.smOp('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' });
    expect(d.HyperParameterTuningJobStatus).toBe('Stopping');
    expect(d.TrainingJobStatusCounters.InProgress).toBe(2);
    m.clock.advance(30 * S);
    d = m.smOp('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' });
    expect(d.HyperParameterTuningJobStatus).toBe('Stopped');
    expect(d.TrainingJobStatusCounters).toEqual({ Completed: 0, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 2 });
    m.clock.set(T0 + 3_600_000);
    expect(m.smOp('ListTrainingJobsForHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' }).TrainingJobSummaries).toHaveLength(2);
    const kids = m.sm.get('tuning', 'hpo')!.children;
    expect(apiError(() => m.smOp('DescribeTrainingJob', { TrainingJobName: kids[4]!.name })).message).toBe('Requested resource not found.');
    expect(apiError(() => m.smOp('StopHyperParameterTuningJob', { HyperParameterTuningJobName: 'hpo' })).message).toBe(
      'The request was rejected because the tuning job is in status Stopped.',
    );
    expect(apiError(() => m.smOp('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'nope' })).code).toBe('ResourceNotFound');
  });
});

describe('transform, processing and endpoints', () => {
  it('transform: shapes, start/end times, stop, missing-job error', () => {
    const m = models({ jobs: [transformJob({ name: 'bt', instanceCount: 2, lifecycle: { starting: '3m', running: '5m' } })] });
    m.clock.set(T0 + M);
    let d = m.smOp('DescribeTransformJob', { TransformJobName: 'bt' });
    expect(d).toMatchObject({ TransformJobStatus: 'InProgress', TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 2 }, CreationTime: wire(0) });
    expect(d.TransformStartTime).toBeUndefined();
    expect(d.LastModifiedTime).toBeUndefined();
    m.clock.set(T0 + 4 * M);
    expect(m.smOp('DescribeTransformJob', { TransformJobName: 'bt' }).TransformStartTime).toBe(wire(3 * M));
    m.smOp('StopTransformJob', { TransformJobName: 'bt' });
    m.clock.advance(30 * S);
    d = m.smOp('DescribeTransformJob', { TransformJobName: 'bt' });
    expect([d.TransformJobStatus, d.TransformEndTime]).toEqual(['Stopped', wire(4 * M + 30 * S)]);
    expect(apiError(() => m.smOp('StopTransformJob', { TransformJobName: 'bt' })).message).toBe('The request was rejected because the transform job is in status Stopped.');
    const e = apiError(() => m.smOp('DescribeTransformJob', { TransformJobName: 'nope' }));
    expect([e.code, e.message]).toEqual(['ValidationException', 'Could not find requested job with name nope']);
  });

  it('processing: ExitMessage and FailureReason on failure, missing-job error', () => {
    const m = models({ jobs: [processingJob({ name: 'pp', trainingJob: 'xgb', lifecycle: { starting: '1m', running: '1m', outcome: 'Failed' } })] });
    m.clock.set(T0 + 3 * M);
    const d = m.smOp('DescribeProcessingJob', { ProcessingJobName: 'pp' });
    expect(d).toMatchObject({
      ProcessingJobStatus: 'Failed',
      ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } },
      AppSpecification: { ImageUri: expect.stringContaining('sagemaker-scikit-learn') },
      ProcessingStartTime: wire(M),
      ProcessingEndTime: wire(2 * M),
      TrainingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:training-job/xgb',
    });
    expect(d.ExitMessage).toContain('Traceback');
    expect(d.FailureReason).toBe('AlgorithmError: See job logs for more information');
    expect(apiError(() => m.smOp('StopProcessingJob', { ProcessingJobName: 'pp' })).message).toBe('The request was rejected because the processing job is in status Failed.');
    expect(apiError(() => m.smOp('DescribeProcessingJob', { ProcessingJobName: 'nope' })).message).toBe('Could not find requested job with name nope');
  });

  it('endpoint: Creating → InService with ProductionVariants; missing endpoint error', () => {
    const m = models({ jobs: [endpoint({ name: 'MyEndpoint', variants: [{ instanceCount: 2 }], lifecycle: { creating: '8m' } })] });
    m.clock.set(T0 + M);
    let d = m.smOp('DescribeEndpoint', { EndpointName: 'MyEndpoint' });
    expect(d.EndpointStatus).toBe('Creating');
    expect(d.ProductionVariants).toBeUndefined();
    expect(d.PendingDeploymentSummary.ProductionVariants[0]).toMatchObject({ VariantName: 'AllTraffic', DesiredInstanceCount: 2 });
    m.clock.set(T0 + 9 * M);
    d = m.smOp('DescribeEndpoint', { EndpointName: 'MyEndpoint' });
    expect(d).toMatchObject({ EndpointStatus: 'InService', EndpointArn: 'arn:aws:sagemaker:us-west-2:111122223333:endpoint/myendpoint', LastModifiedTime: wire(8 * M) });
    expect(d.ProductionVariants[0]).toMatchObject({ VariantName: 'AllTraffic', CurrentInstanceCount: 2, DesiredInstanceCount: 2, CurrentWeight: 1 });
    const e = apiError(() => m.smOp('DescribeEndpoint', { EndpointName: 'Gone' }));
    expect([e.code, e.message]).toEqual(['ValidationException', 'Could not find endpoint "arn:aws:sagemaker:us-west-2:111122223333:endpoint/gone".']);
  });

  it('ListTrainingJobs filters, sorts and pages', () => {
    const m = models({ jobs: ['a', 'b', 'c'].map((n, i) => trainingJob({ name: `job-${n}`, lifecycle: { at: i * 60, training: i === 1 ? '2h' : '1m' } })) });
    m.clock.set(T0 + 3_600_000);
    const r = m.smOp('ListTrainingJobs', { SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 2 });
    expect(r.TrainingJobSummaries.map((s: { TrainingJobName: string }) => s.TrainingJobName)).toEqual(['job-c', 'job-b']);
    expect(m.smOp('ListTrainingJobs', { NextToken: r.NextToken, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 2 }).TrainingJobSummaries).toHaveLength(1);
    expect(m.smOp('ListTrainingJobs', { StatusEquals: 'InProgress' }).TrainingJobSummaries.map((s: { TrainingJobName: string }) => s.TrainingJobName)).toEqual(['job-b']);
    expect(m.smOp('ListTrainingJobs', { NameContains: 'JOB-A' }).TrainingJobSummaries).toHaveLength(1);
    expect(m.smOp('ListTrainingJobs', { CreationTimeAfter: wire(30 * S) }).TrainingJobSummaries).toHaveLength(2);
  });
});

describe('SageMaker validation', () => {
  it.each([
    ['DescribeTrainingJob', {}, "1 validation error detected: Value null at 'trainingJobName' failed to satisfy constraint: Member must not be null"],
    ['DescribeTrainingJob', { TrainingJobName: 'bad_name' }, "1 validation error detected: Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"],
    ['DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'x'.repeat(33) }, `2 validation errors detected: Value '${'x'.repeat(33)}' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must have length less than or equal to 32; Value '${'x'.repeat(33)}' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}`],
    ['ListTrainingJobsForHyperParameterTuningJob', { HyperParameterTuningJobName: 'h', MaxResults: 101, SortBy: 'Bogus' }, "2 validation errors detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100; Value 'Bogus' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Name, CreationTime, Status, FinalObjectiveMetricValue]"],
  ])('%s %j', (op, body, message) => {
    const m = models();
    const e = apiError(() => m.smOp(op, body));
    expect([e.status, e.code, e.message]).toEqual([400, 'ValidationException', message]);
  });
});

describe('optional training shapes and explicit timelines', () => {
  it('instance groups, warm pools and debugger rules', () => {
    const m = models({
      jobs: [
        trainingJob({
          name: 'hetero',
          instanceGroups: [
            { name: 'gpus', instanceType: 'ml.p4d.24xlarge', instanceCount: 2 },
            { name: 'cpus', instanceType: 'ml.c5.18xlarge', instanceCount: 3 },
          ],
          keepAlive: '10m',
          debugRules: [{ name: 'LossNotDecreasing', status: 'IssuesFound', processingJob: 'hetero-lossnotdecreasing-1a2b3c4d' }],
          lifecycle: { starting: '1m', downloading: '1m', training: '5m', uploading: '1m' },
          logs: { generate: [{ count: 2 }] },
        }),
      ],
    });
    m.clock.set(T0 + 3 * M);
    let d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'hetero' });
    expect(d.ResourceConfig).toEqual({
      VolumeSizeInGB: 30,
      KeepAlivePeriodInSeconds: 600,
      InstanceGroups: [
        { InstanceGroupName: 'gpus', InstanceType: 'ml.p4d.24xlarge', InstanceCount: 2 },
        { InstanceGroupName: 'cpus', InstanceType: 'ml.c5.18xlarge', InstanceCount: 3 },
      ],
    });
    expect(d.WarmPoolStatus).toEqual({ Status: 'InUse' });
    expect(d.DebugRuleEvaluationStatuses[0]).toMatchObject({ RuleConfigurationName: 'LossNotDecreasing', RuleEvaluationStatus: 'InProgress' });
    expect(m.logs.streamNames('/aws/sagemaker/TrainingJobs', { all: true })).toHaveLength(5);
    m.clock.set(T0 + 9 * M);
    d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'hetero' });
    expect(d.WarmPoolStatus).toEqual({ Status: 'Available' });
    expect(d.DebugRuleEvaluationStatuses[0]).toEqual({
      RuleConfigurationName: 'LossNotDecreasing',
      RuleEvaluationJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:processing-job/hetero-lossnotdecreasing-1a2b3c4d',
      RuleEvaluationStatus: 'IssuesFound',
      LastModifiedTime: wire(9 * M),
    });
    m.clock.set(T0 + 30 * M);
    expect(m.smOp('DescribeTrainingJob', { TrainingJobName: 'hetero' }).WarmPoolStatus).toEqual({ Status: 'Terminated', ResourceRetainedBillableTimeInSeconds: 600 });
  });

  it('follows an explicit timeline, merging messages of the same secondary status into one transition', () => {
    const m = models({
      jobs: [
        trainingJob({
          name: 'scripted',
          timeline: [
            { at: 0, status: 'InProgress', secondary: 'Starting', message: 'Launching requested ML instances' },
            { at: 30, status: 'InProgress', secondary: 'Starting', message: 'Insufficient capacity error from EC2 while launching instances, retrying!' },
            { at: 90, status: 'InProgress', secondary: 'Downloading' },
            { at: 120, status: 'InProgress', secondary: 'Training' },
            { at: 400.25, status: 'Failed', failureReason: 'ClientError: boom' },
          ],
        }),
      ],
    });
    m.clock.set(T0 + 60 * S);
    let d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'scripted' });
    expect(d.SecondaryStatusTransitions).toEqual([
      { Status: 'Starting', StartTime: wire(0), StatusMessage: 'Insufficient capacity error from EC2 while launching instances, retrying!' },
    ]);
    expect(d.LastModifiedTime).toBe(wire(30 * S));
    m.clock.set(T0 + 500 * S);
    d = m.smOp('DescribeTrainingJob', { TrainingJobName: 'scripted' });
    expect(d.SecondaryStatusTransitions.map((t: { Status: string }) => t.Status)).toEqual(['Starting', 'Downloading', 'Training', 'Failed']);
    expect([d.TrainingJobStatus, d.FailureReason, d.TrainingEndTime, d.TrainingTimeInSeconds]).toEqual(['Failed', 'ClientError: boom', wire(400_250), 310]);
  });
});
