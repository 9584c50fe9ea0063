// stop's guards, proven from the stand-ins' request logs: no Stop* call is ever made without
// confirmation, when the RBAC check denies or cannot be made, or when the credentials reach a job
// of another account than the one the resource (or ARN) names.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsScenario } from '../standins/aws';
import { startHarness, type Harness } from '../helpers/harness';
import { accessReviews, clearLogs, lines, sageMakerCalls, stopCalls } from './support/requests';
import { clockAt, fixtureCluster, fixtureJobs, JOBS } from './support/world';

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
/** The account the fixtures' resources and ARNs name. */
const OWNER = '111122223333';
/** The account the credentials reach in the second world: same job names, another account. */
const OTHER = '444455556666';

let h: Harness;
let elsewhere: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 60_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
  elsewhere = await startHarness({ clock: clockAt(2 * 60_000), aws: { scenario: { ...fixtureJobs(), accountId: OTHER } as AwsScenario }, kube: { scenario: fixtureCluster() } });
});
afterAll(async () => {
  await h?.close();
  await elsewhere?.close();
});
beforeEach(() => {
  for (const [x, accountId] of [[h, OWNER], [elsewhere, OTHER]] as const) {
    x.aws.reset();
    x.aws.loadScenario({ ...fixtureJobs(), accountId } as AwsScenario);
    x.kube.policy.allowAll();
    clearLogs(x);
  }
});

describe('no Stop call without a yes', () => {
  it.each([
    ['no --yes off a terminal', ['stop', 'trainingjob', 'resnet50-finetune'], 2],
    ['--dry-run', ['stop', 'trainingjob', 'resnet50-finetune', '--dry-run'], 0],
    ['--dry-run --yes', ['stop', 'trainingjob', 'resnet50-finetune', '--dry-run', '--yes'], 0],
  ])('%s', async (_what, args, code) => {
    const r = await h.run(args);
    expect(r.code).toBe(code);
    expect(stopCalls(h)).toEqual([]);
  });
});

describe('no Stop call when the RBAC check says no or cannot answer', () => {
  it('denied: exit 1, one line', async () => {
    h.kube.policy.deny({ user: 'tester', verb: 'delete', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs', namespace: 'ml-team', name: 'resnet50-finetune' });
    const r = await h.run(['stop', 'trainingjob', 'resnet50-finetune', '--yes']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(stopCalls(h)).toEqual([]);
  });

  it.each([
    [500, 'an error on the server ("") has prevented the request from succeeding'],
    [403, 'selfsubjectaccessreviews is forbidden'],
    [503, 'the server is currently unable to handle the request'],
  ])('the review itself fails with %i: fail closed, exit 1', async (status, message) => {
    const remove = h.kube.faults.add({ method: 'POST', path: SSAR, status, message });
    try {
      const r = await h.run(['stop', 'trainingjob', 'resnet50-finetune', '--yes']);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual([
        `error: not stopping training job ${JOBS.ackTrainingInProgress}: cannot check whether you may delete trainingjobs.sagemaker.services.k8s.aws "resnet50-finetune" in namespace "ml-team" (SelfSubjectAccessReview failed: ${status}: ${message})`,
      ]);
      expect(accessReviews(h)).toBeGreaterThanOrEqual(1);
      expect(stopCalls(h)).toEqual([]);
    } finally {
      remove();
    }
  });

  it('a dropped connection on the review: fail closed', async () => {
    const remove = h.kube.faults.add({ method: 'POST', path: SSAR, reset: true });
    try {
      const r = await h.run(['stop', 'trainingjob', 'resnet50-finetune', '--yes']);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(lines(r.stderr)[0]).toMatch(/^error: not stopping training job .*SelfSubjectAccessReview failed/);
      expect(stopCalls(h)).toEqual([]);
    } finally {
      remove();
    }
  });
});

describe('no Stop call for a job of another account', () => {
  const refusal = (label: string, job: string): string =>
    `error: not stopping training job ${job}: ${label} belongs to AWS account ${OWNER}, but your credentials reach a job of that name in account ${OTHER}; pass --profile with credentials for account ${OWNER}`;

  it.each([['--yes'], ['--dry-run']])('an ACK resource whose owner account differs from the job reached (%s)', async (flag) => {
    const r = await elsewhere.run(['stop', 'trainingjob', 'resnet50-finetune', flag]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([refusal('trainingjobs.sagemaker.services.k8s.aws/resnet50-finetune', JOBS.ackTrainingInProgress)]);
    expect(sageMakerCalls(elsewhere)).toEqual(['DescribeTrainingJob']);
    expect(accessReviews(elsewhere)).toBe(0);
  });

  it('an ARN of one account, credentials of another', async () => {
    const arn = `arn:aws:sagemaker:us-west-2:${OWNER}:training-job/${JOBS.legacyTrainingInProgress}`;
    const r = await elsewhere.run(['stop', 'trainingjob', arn, '--yes']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([refusal(arn, JOBS.legacyTrainingInProgress)]);
    expect(stopCalls(elsewhere)).toEqual([]);
  });

  it('the same resource with credentials of its own account is stopped (the guard is not blanket)', async () => {
    const r = await h.run(['stop', 'trainingjob', 'resnet50-finetune', '--yes']);
    expect(r.code).toBe(0);
    expect(stopCalls(h)).toEqual([`StopTrainingJob ${JOBS.ackTrainingInProgress}`]);
  });
});
