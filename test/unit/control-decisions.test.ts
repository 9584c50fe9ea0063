import { describe, expect, it } from 'vitest';
import { accessReviewBody } from '../../src/kube/access';
import { consoleUrl } from '../../src/sagemaker/console';
import { JOB_TYPES, type JobType } from '../../src/sagemaker/job';
import { planStop } from '../../src/sagemaker/stop-plan';
import { endsWait, exitCodeFor, phaseOf } from '../../src/sagemaker/status';
import { mapLimit } from '../../src/core/concurrency';

const snap = (type: JobType, status: string, secondary?: string) => ({ type, status, phase: phaseOf(type, status, secondary) });

describe('which Stop call for which kind and state', () => {
  it('stops InProgress jobs with the API of their kind', () => {
    expect(planStop(snap('training', 'InProgress', 'Training'))).toEqual({ action: 'stop', api: 'StopTrainingJob' });
    expect(planStop(snap('tuning', 'InProgress'))).toEqual({ action: 'stop', api: 'StopHyperParameterTuningJob' });
    expect(planStop(snap('transform', 'InProgress'))).toEqual({ action: 'stop', api: 'StopTransformJob' });
    expect(planStop(snap('processing', 'InProgress'))).toEqual({ action: 'stop', api: 'StopProcessingJob' });
  });
  it('calls nothing for ended jobs, and says how they ended', () => {
    expect(planStop(snap('training', 'Completed', 'Completed'))).toEqual({ action: 'already-ended', outcome: 'completed' });
    expect(planStop(snap('training', 'Failed', 'Failed'))).toEqual({ action: 'already-ended', outcome: 'failed' });
    expect(planStop(snap('training', 'Stopped', 'Stopped'))).toEqual({ action: 'already-ended', outcome: 'stopped' });
    expect(planStop(snap('training', 'Stopped', 'MaxRuntimeExceeded'))).toEqual({ action: 'already-ended', outcome: 'failed' });
    expect(planStop(snap('tuning', 'Completed'))).toEqual({ action: 'already-ended', outcome: 'completed' });
    expect(planStop(snap('processing', 'Stopped'))).toEqual({ action: 'already-ended', outcome: 'stopped' });
  });
  it('does not ask twice for a job that is stopping', () => {
    for (const type of ['training', 'tuning', 'transform', 'processing'] as const) expect(planStop(snap(type, 'Stopping'))).toEqual({ action: 'already-stopping' });
  });
  it('refuses endpoints and statuses SageMaker cannot stop', () => {
    expect(planStop(snap('endpoint', 'InService'))).toMatchObject({ action: 'not-stoppable', why: 'endpoints have no Stop API' });
    expect(planStop(snap('training', 'Deleting'))).toMatchObject({ action: 'not-stoppable', why: 'SageMaker stops only InProgress jobs and this one is Deleting' });
  });
});

describe('wait: when it ends and with which exit code', () => {
  const code = (type: JobType, status: string, secondary?: string): number | undefined => {
    const o = endsWait(type, status, secondary);
    return o === undefined ? undefined : exitCodeFor(o);
  };
  it('maps job outcomes to the contract codes', () => {
    expect(code('training', 'Completed', 'Completed')).toBe(0);
    expect(code('training', 'Failed', 'Failed')).toBe(3);
    expect(code('training', 'Stopped', 'Stopped')).toBe(4);
    expect(code('training', 'Stopped', 'MaxRuntimeExceeded')).toBe(3);
    expect(code('training', 'Stopped', 'MaxWaitTimeExceeded')).toBe(3);
    expect(code('tuning', 'Completed')).toBe(0);
    expect(code('tuning', 'Failed')).toBe(3);
    expect(code('tuning', 'Stopped')).toBe(4);
    expect(code('transform', 'Stopped')).toBe(4);
    expect(code('processing', 'Failed')).toBe(3);
  });
  it('keeps waiting while a job runs or stops', () => {
    for (const s of ['InProgress', 'Stopping']) expect(code('training', s, 'Training')).toBeUndefined();
  });
  it('ends an endpoint wait when it settles: InService 0, Failed 3', () => {
    expect(code('endpoint', 'InService')).toBe(0);
    expect(code('endpoint', 'Failed')).toBe(3);
    for (const s of ['Creating', 'Updating', 'SystemUpdating', 'RollingBack']) expect(code('endpoint', s)).toBeUndefined();
  });
});

describe('console URLs', () => {
  it('opens the page of each kind', () => {
    const expected: Record<JobType, string> = {
      training: 'https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/jobs/x-1',
      tuning: 'https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/hyper-tuning-jobs/x-1',
      transform: 'https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/transform-jobs/x-1',
      processing: 'https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/processing-jobs/x-1',
      endpoint: 'https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/endpoints/x-1',
    };
    for (const t of JOB_TYPES) expect(consoleUrl(t, 'x-1', 'us-west-2')).toBe(expected[t]);
    expect(consoleUrl('training', 'j', 'eu-central-1')).toBe('https://eu-central-1.console.aws.amazon.com/sagemaker/home?region=eu-central-1#/jobs/j');
  });
});

describe('SelfSubjectAccessReview', () => {
  it('asks about delete on the resource, as kubectl auth can-i does', () => {
    expect(accessReviewBody({ verb: 'delete', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs', namespace: 'ml-team', name: 'x' })).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      spec: { resourceAttributes: { namespace: 'ml-team', verb: 'delete', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs', name: 'x' } },
    });
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6, 7, 8, 9], 3, async (x) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, x));
      running--;
      return x * 2;
    });
    expect(out).toEqual([10, 2, 8, 4, 6, 0, 12, 14, 16, 18]);
    expect(peak).toBe(3);
    expect(await mapLimit([], 8, async () => 1)).toEqual([]);
  });
});
