import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../../src/kube/kinds';
import { listDocument, listTable, statusOf, type ListItem } from '../../src/render/listing';
import { Palette } from '../../src/render/palette';
import { progressLines, statusTime } from '../../src/render/progress';
import { humanAge, renderTable } from '../../src/render/table';
import { snapshotOf } from '../../src/sagemaker/snapshot';

const plain = new Palette(false);
const d = (s: number): Date => new Date(s * 1000);
const T0 = 1755684000;

function training(status: string, secondary: string, transitions: Array<[string, number, number?]>, extra: object = {}) {
  return snapshotOf('training', {
    TrainingJobName: 'tj',
    TrainingJobArn: 'arn:aws:sagemaker:us-west-2:1:training-job/tj',
    TrainingJobStatus: status,
    SecondaryStatus: secondary,
    CreationTime: d(T0),
    SecondaryStatusTransitions: transitions.map(([s, start, end]) => ({ Status: s, StartTime: d(start), ...(end ? { EndTime: d(end) } : {}), StatusMessage: `${s} message` })),
    ...extra,
  });
}

describe('wait progress lines', () => {
  const o = { timezone: 'utc' as const, palette: plain, observedAt: 0 };
  it('prints the history on first sight of a running job, then one line per new transition', () => {
    const a = training('InProgress', 'Downloading', [['Starting', T0, T0 + 60], ['Downloading', T0 + 60]]);
    expect(progressLines(undefined, a, o)).toEqual(['2025-08-20T10:00:00.000Z Starting - Starting message', '2025-08-20T10:01:00.000Z Downloading - Downloading message']);
    const b = training('InProgress', 'Training', [['Starting', T0, T0 + 60], ['Downloading', T0 + 60, T0 + 90], ['Training', T0 + 90]]);
    expect(progressLines(a, b, o)).toEqual(['2025-08-20T10:01:30.000Z Training - Training message']);
    expect(progressLines(b, b, o)).toEqual([]);
  });
  it('prints nothing on first sight of an ended job: the final line says it', () => {
    expect(progressLines(undefined, training('Completed', 'Completed', [['Completed', T0, T0]]), o)).toEqual([]);
  });
  it('dates primary status changes of kinds without transitions', () => {
    const raw = { TransformJobName: 't', TransformJobArn: 'a', CreationTime: d(T0), TransformStartTime: d(T0 + 30) };
    const a = snapshotOf('transform', { ...raw, TransformJobStatus: 'InProgress' });
    const b = snapshotOf('transform', { ...raw, TransformJobStatus: 'Stopping' });
    const c = snapshotOf('transform', { ...raw, TransformJobStatus: 'Stopped', TransformEndTime: d(T0 + 300) });
    expect(progressLines(undefined, a, o)).toEqual(['2025-08-20T10:00:30.000Z InProgress']);
    expect(progressLines(a, b, { ...o, observedAt: (T0 + 200) * 1000 })).toEqual(['2025-08-20T10:03:20.000Z Stopping']);
    expect(progressLines(b, c, o)).toEqual(['2025-08-20T10:05:00.000Z Stopped']);
    expect(statusTime(b, false, 42)).toBe(42);
  });
  it('prints tuning counters and the best job when they change', () => {
    const raw = (completed: number, inProgress: number, best?: [string, number]) => ({
      HyperParameterTuningJobName: 'hpo',
      HyperParameterTuningJobArn: 'a',
      HyperParameterTuningJobStatus: 'InProgress',
      CreationTime: d(T0),
      LastModifiedTime: d(T0 + completed * 60),
      TrainingJobStatusCounters: { Completed: completed, InProgress: inProgress, RetryableError: 0, NonRetryableError: 1, Stopped: 0 },
      ...(best ? { BestTrainingJob: { TrainingJobName: best[0], FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:error', Value: best[1] } } } : {}),
    });
    const a = snapshotOf('tuning', raw(0, 2));
    const b = snapshotOf('tuning', raw(1, 2, ['hpo-001-aaaaaaaa', 0.2]));
    expect(progressLines(undefined, a, o)).toEqual(['2025-08-20T10:00:00.000Z InProgress', '2025-08-20T10:00:00.000Z training jobs: 0 completed, 2 in progress, 1 failed, 0 stopped']);
    expect(progressLines(a, b, o)).toEqual(['2025-08-20T10:01:00.000Z training jobs: 1 completed, 2 in progress, 1 failed, 0 stopped', '2025-08-20T10:01:00.000Z best training job: hpo-001-aaaaaaaa (validation:error 0.2)']);
    expect(progressLines(b, b, o)).toEqual([]);
  });
});

describe('tables', () => {
  it('aligns columns like kubectl: widest cell plus three spaces, last column unpadded', () => {
    expect(renderTable(['NAME', 'STATUS'], [['a', 'InProgress'], ['longer-name', '']])).toEqual(['NAME          STATUS', 'a             InProgress', 'longer-name']);
  });
  it('measures painted cells by their text', () => {
    const red = (s: string) => `<${s}>`;
    expect(renderTable(['A', 'B', 'C'], [[{ text: 'x', paint: red }, 'y', 'z']])).toEqual(['A   B   C', '<x>   y   z']);
  });
  it("prints kubectl's AGE", () => {
    const s = 1000;
    const cases: Array<[number, string]> = [
      [-5 * s, '<invalid>'],
      [0, '0s'],
      [119 * s, '119s'],
      [120 * s, '2m'],
      [150 * s, '2m30s'],
      [10 * 60 * s, '10m'],
      [179 * 60 * s, '179m'],
      [3 * 3600 * s, '3h'],
      [(3 * 3600 + 20 * 60) * s, '3h20m'],
      [8 * 3600 * s, '8h'],
      [47 * 3600 * s, '47h'],
      [50 * 3600 * s, '2d2h'],
      [10 * 86400 * s, '10d'],
      [800 * 86400 * s, '2y70d'],
      [3000 * 86400 * s, '8y'],
    ];
    for (const [ms, text] of cases) expect(humanAge(ms), String(ms)).toBe(text);
  });
});

describe('list rows', () => {
  const tj = RESOURCE_TYPES.find((t) => t.family === 'ack' && t.jobType === 'training')!;
  const hd = RESOURCE_TYPES.find((t) => t.family === 'legacy' && t.jobType === 'endpoint')!;
  const now = Date.parse('2026-08-20T12:00:00Z');
  const items: ListItem[] = [
    { type: tj, namespace: 'ml-team', name: 'live', creationTimestamp: '2026-08-20T10:00:00Z', submission: { state: 'submitted', name: 'live-job' }, job: { name: 'live-job', region: 'us-west-2' }, live: { status: 'InProgress', secondary: 'Training' }, resource: { status: 'InProgress', secondary: 'Starting' } },
    { type: tj, namespace: 'ml-team', name: 'lagging', creationTimestamp: '2026-08-20T11:59:00Z', submission: { state: 'submitted', name: 'lag-job' }, job: { name: 'lag-job', region: 'us-east-1' }, resource: { status: 'Completed', secondary: 'Completed' }, error: 'AccessDeniedException: no' },
    { type: hd, namespace: 'prod', name: 'pending', creationTimestamp: '2026-08-20T11:59:58Z', submission: { state: 'pending', reason: 'no status' }, resource: {} },
  ];
  it('prefers the live status and marks the resource status when SageMaker could not be asked', () => {
    expect(items.map((i) => statusOf(i))).toEqual([
      { status: 'InProgress', secondary: 'Training', failureReason: null, source: 'sagemaker' },
      { status: 'Completed', secondary: 'Completed', failureReason: null, source: 'resource' },
      { status: 'Pending', secondary: null, failureReason: null, source: 'none' },
    ]);
  });
  it('prints kubectl-style lines, qualified names for mixed kinds, NAMESPACE with -A', () => {
    expect(listTable(items, { allNamespaces: true, qualifiedNames: true, wide: false, now, palette: plain })).toEqual([
      'NAMESPACE   NAME                                                 SAGEMAKER-JOB     REGION      STATUS       SECONDARY-STATUS   AGE',
      'ml-team     trainingjob.sagemaker.services.k8s.aws/live          live-job          us-west-2   InProgress   Training           120m',
      'ml-team     trainingjob.sagemaker.services.k8s.aws/lagging       lag-job           us-east-1   Completed*   Completed          60s',
      'prod        hostingdeployment.sagemaker.aws.amazon.com/pending   <not submitted>               Pending                         2s',
    ]);
    expect(listTable(items.slice(0, 1), { allNamespaces: false, qualifiedNames: false, wide: false, now, palette: plain })[1]).toBe('live   live-job        us-west-2   InProgress   Training           120m');
  });
  it('documents each row for -o json|yaml', () => {
    const doc = listDocument(items);
    expect(doc.apiVersion).toBe('kubectl-smlogs/v1');
    expect(doc.kind).toBe('JobList');
    expect(doc.items[1]).toEqual({
      namespace: 'ml-team',
      name: 'lagging',
      kind: 'TrainingJob',
      group: 'sagemaker.services.k8s.aws',
      version: 'v1alpha1',
      resource: 'trainingjobs.sagemaker.services.k8s.aws',
      creationTimestamp: '2026-08-20T11:59:00Z',
      submission: { state: 'submitted', jobName: 'lag-job', reason: null },
      sagemaker: { name: 'lag-job', region: 'us-east-1', arn: null },
      status: 'Completed',
      secondaryStatus: 'Completed',
      failureReason: null,
      statusSource: 'resource',
      error: 'AccessDeniedException: no',
    });
    expect(doc.items[2]!.submission).toEqual({ state: 'pending', jobName: null, reason: 'no status' });
  });
});
