// list against the stand-ins: both families with SageMaker's live status, like kubectl get.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startHarness, type Harness } from '../helpers/harness';
import { clearLogs, lines } from './support/requests';
import { clockAt, fixtureCluster, fixtureJobs, JOBS } from './support/world';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
  // One more training job, in another namespace, for -A.
  h.kube.loadObjects([
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'TrainingJob',
      metadata: { name: 'other-team-job', namespace: 'research', creationTimestamp: '2026-08-20T10:00:00Z' },
      spec: { trainingJobName: JOBS.ackTrainingFailed },
      status: { ackResourceMetadata: { arn: `arn:aws:sagemaker:us-west-2:111122223333:training-job/${JOBS.ackTrainingFailed}`, ownerAccountID: '111122223333', region: 'us-west-2' }, trainingJobStatus: 'InProgress' },
    },
  ]);
});
afterAll(() => h?.close());
beforeEach(() => {
  clearLogs(h);
  h.kube.policy.allowAll();
});

const AGE = '\\S+';
const row = (...cells: string[]): RegExp => new RegExp(`^${cells.map((c) => (c === AGE ? c : c.replace(/[.*+?^${}()|[\]\\<>]/g, '\\$&'))).join(' +')}$`);

describe('list', () => {
  it('every SageMaker resource of the namespace, both families, with the live status', async () => {
    const r = await h.run(['list']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^NAME +SAGEMAKER-JOB +REGION +STATUS +SECONDARY-STATUS +AGE$/);
    const expected = [
      row('trainingjob.sagemaker.aws.amazon.com/9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', 'us-west-2', 'Completed*', 'Completed', AGE),
      row('trainingjob.sagemaker.aws.amazon.com/churn-xgb', JOBS.legacyTrainingCompleted, 'us-east-1', 'Completed', 'Completed', AGE),
      row('trainingjob.sagemaker.aws.amazon.com/xgboost-mnist', JOBS.legacyTrainingInProgress, 'us-west-2', 'InProgress', 'Training', AGE),
      row('hyperparametertuningjob.sagemaker.aws.amazon.com/xgboost-mnist-hpo', JOBS.legacyTuning, 'us-west-2', 'Completed', AGE),
      row('batchtransformjob.sagemaker.aws.amazon.com/xgboost-batch', JOBS.legacyTransform, 'us-west-2', 'InProgress', AGE),
      row('processingjob.sagemaker.aws.amazon.com/kmeans-mnist-preprocessing-nightly', JOBS.legacyProcessing, 'us-west-2', 'InProgress', AGE),
      row('hostingdeployment.sagemaker.aws.amazon.com/xgboost-hosting', JOBS.legacyEndpoint, 'us-east-1', 'InService', AGE),
      row('trainingjob.sagemaker.services.k8s.aws/bert-sentiment', JOBS.ackTrainingFailed, 'us-east-1', 'Failed', 'Failed', AGE),
      row('trainingjob.sagemaker.services.k8s.aws/llama-lora-sft', '<not submitted>', 'Pending', AGE),
      row('trainingjob.sagemaker.services.k8s.aws/resnet50-finetune', JOBS.ackTrainingInProgress, 'us-west-2', 'InProgress', 'Training', AGE),
      row('hyperparametertuningjob.sagemaker.services.k8s.aws/xgb-churn-hpo', JOBS.ackTuning, 'us-west-2', 'Completed', AGE),
      row('transformjob.sagemaker.services.k8s.aws/churn-batch-scoring', JOBS.ackTransform, 'us-west-2', 'Completed', AGE),
      row('processingjob.sagemaker.services.k8s.aws/feature-prep', JOBS.ackProcessing, 'us-east-1', 'Completed', AGE),
      row('endpoint.sagemaker.services.k8s.aws/churn-endpoint', JOBS.ackEndpoint, 'us-east-1', 'InService', AGE),
    ];
    expect(out.slice(1)).toEqual(expected.map((e) => expect.stringMatching(e)));
    // The legacy HPO child's job is unknown to SageMaker: its row falls back to the resource's status.
    expect(r.stderr).toBe('* = status from the resource, which lags: SageMaker could not be asked about 1 of 14: ValidationException: Requested resource not found.\n');
    const describes = h.aws.requests.filter((q) => q.operation.startsWith('Describe'));
    expect(describes.length).toBe(13); // every submitted resource once; the pending one not at all
  });

  it('one kind: plain names for one resource type, kind.group/name when both groups serve it', async () => {
    const one = await h.run(['list', 'transformjobs.sagemaker.services.k8s.aws']);
    expect(lines(one.stdout)).toEqual([expect.stringMatching(/^NAME +SAGEMAKER-JOB/), expect.stringMatching(row('churn-batch-scoring', JOBS.ackTransform, 'us-west-2', 'Completed', AGE))]);
    const both = await h.run(['list', 'processingjob']);
    expect(lines(both.stdout).slice(1)).toEqual([
      expect.stringMatching(row('processingjob.sagemaker.aws.amazon.com/kmeans-mnist-preprocessing-nightly', JOBS.legacyProcessing, 'us-west-2', 'InProgress', AGE)),
      expect.stringMatching(row('processingjob.sagemaker.services.k8s.aws/feature-prep', JOBS.ackProcessing, 'us-east-1', 'Completed', AGE)),
    ]);
  });

  it('-A adds NAMESPACE and reaches every namespace', async () => {
    const r = await h.run(['list', 'trainingjobs.sagemaker.services.k8s.aws', '-A']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(/^NAMESPACE +NAME +SAGEMAKER-JOB +REGION +STATUS +SECONDARY-STATUS +AGE$/),
      expect.stringMatching(row('ml-team', 'bert-sentiment', JOBS.ackTrainingFailed, 'us-east-1', 'Failed', 'Failed', AGE)),
      expect.stringMatching(row('ml-team', 'llama-lora-sft', '<not submitted>', 'Pending', AGE)),
      expect.stringMatching(row('ml-team', 'resnet50-finetune', JOBS.ackTrainingInProgress, 'us-west-2', 'InProgress', 'Training', AGE)),
      expect.stringMatching(row('research', 'other-team-job', JOBS.ackTrainingFailed, 'us-west-2', 'Failed', 'Failed', AGE)),
    ]);
    expect(h.kube.requests.some((q) => q.path === '/apis/sagemaker.services.k8s.aws/v1alpha1/trainingjobs')).toBe(true);
  });

  it('-o json and -o yaml: one document for machines', async () => {
    const j = await h.run(['list', 'trainingjob', '-o', 'json']);
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(doc.apiVersion).toBe('kubectl-smlogs/v1');
    expect(doc.kind).toBe('JobList');
    expect(doc.items.map((i: any) => [i.name, i.status, i.statusSource])).toEqual([
      ['9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', 'Completed', 'resource'],
      ['churn-xgb', 'Completed', 'sagemaker'],
      ['xgboost-mnist', 'InProgress', 'sagemaker'],
      ['bert-sentiment', 'Failed', 'sagemaker'],
      ['llama-lora-sft', 'Pending', 'none'],
      ['resnet50-finetune', 'InProgress', 'sagemaker'],
    ]);
    expect(doc.items[3]).toMatchObject({
      namespace: 'ml-team',
      kind: 'TrainingJob',
      group: 'sagemaker.services.k8s.aws',
      resource: 'trainingjobs.sagemaker.services.k8s.aws',
      sagemaker: { name: JOBS.ackTrainingFailed, region: 'us-east-1' },
      failureReason: expect.stringContaining('ExitCode 1'),
      error: null,
    });
    const y = await h.run(['list', 'trainingjob', '-o', 'yaml']);
    expect(parse(y.stdout)).toEqual(doc);
  });

  it('-o wide adds the failure reason', async () => {
    const r = await h.run(['list', 'trainingjobs.sagemaker.services.k8s.aws', '-o', 'wide']);
    expect(lines(r.stdout)[0]).toMatch(/ AGE +FAILURE-REASON$/);
    expect(lines(r.stdout)[1]).toMatch(/ AlgorithmError: ExecuteUserScriptError:$/);
  });

  it('an empty namespace', async () => {
    const r = await h.run(['list', '-n', 'empty']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('No resources found in empty namespace.\n');
    expect(r.code).toBe(0);
  });

  it('a namespace the caller may not list: one clear line', async () => {
    h.kube.policy.deny({ user: 'tester', verb: 'list', namespace: 'locked' });
    const r = await h.run(['list', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'locked']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: forbidden: you may not list trainingjobs.sagemaker.services.k8s.aws in namespace "locked" (ask for RBAC verb "list"): trainingjobs.sagemaker.services.k8s.aws is forbidden: User "tester" cannot list resource "trainingjobs" in API group "sagemaker.services.k8s.aws" in the namespace "locked"\n',
    );
    expect(r.code).toBe(1);
  });

  it('works through kubectl (kubectl smlogs list)', async () => {
    const r = await h.run(['list', 'endpoints', '-n', 'ml-team'], { via: 'kubectl' });
    expect(r.code).toBe(0);
    expect(lines(r.stdout).slice(1)).toEqual([
      expect.stringMatching(row('hostingdeployment.sagemaker.aws.amazon.com/xgboost-hosting', JOBS.legacyEndpoint, 'us-east-1', 'InService', AGE)),
      expect.stringMatching(row('endpoint.sagemaker.services.k8s.aws/churn-endpoint', JOBS.ackEndpoint, 'us-east-1', 'InService', AGE)),
    ]);
  });
});

describe('list: only the groups the cluster serves', () => {
  let only: Harness;
  beforeAll(async () => {
    only = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster(), groups: ['ack'] } });
  });
  afterAll(() => only?.close());

  it('asks nothing of a group that is not installed', async () => {
    const r = await only.run(['list', 'trainingjob']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => l.split(/ +/)[0])).toEqual(['NAME', 'bert-sentiment', 'llama-lora-sft', 'resnet50-finetune']);
    expect(only.kube.requests.filter((q) => q.path.startsWith('/apis/sagemaker.aws.amazon.com'))).toEqual([]);
  });

  it('says so when neither operator is installed', async () => {
    only.kube.setGroups([]);
    const r = await only.run(['list']);
    expect(r.stderr).toBe(
      'error: the cluster serves no SageMaker custom resources: neither the SageMaker Operators for Kubernetes (sagemaker.aws.amazon.com) nor the ACK SageMaker controller (sagemaker.services.k8s.aws) is installed\n',
    );
    expect(r.code).toBe(1);
    only.kube.setGroups(['ack']);
  });
});
