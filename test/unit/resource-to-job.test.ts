import { describe, expect, it } from 'vitest';
import { awsTargetOf } from '../../src/kube/aws-target';
import { jobNameOf, legacyGeneratedName, submissionOf } from '../../src/kube/job-name';
import type { Family } from '../../src/kube/kinds';
import type { JobType } from '../../src/sagemaker/job';
import { crFixture } from '../helpers/fixtures';

const cases: Array<[string, Family, JobType, string, string]> = [
  ['legacy-trainingjob-inprogress', 'legacy', 'training', 'xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84', 'us-west-2'],
  ['legacy-trainingjob-completed', 'legacy', 'training', 'churn-xgb-2022-05-03-a', 'us-east-1'],
  ['legacy-trainingjob-hpo-child', 'legacy', 'training', '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', 'us-west-2'],
  ['legacy-hyperparametertuningjob-completed', 'legacy', 'tuning', '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61', 'us-west-2'],
  ['legacy-batchtransformjob-inprogress', 'legacy', 'transform', 'xgboost-batch-2a7d9f305c1e4b8a8f643e9b1c7d0a52', 'us-west-2'],
  ['legacy-processingjob-inprogress', 'legacy', 'processing', 'kmeans-mnist-preprocessing-nig-b5c80e129f3d4a67b2e471d6a0c95f38', 'us-west-2'],
  ['legacy-hostingdeployment-inservice', 'legacy', 'endpoint', 'xgboost-hosting-a41f0c228e3b4d0eb7c56f2e91d3a8b4', 'us-east-1'],
  ['ack-trainingjob-inprogress', 'ack', 'training', 'resnet50-finetune-20260820', 'us-west-2'],
  ['ack-trainingjob-failed', 'ack', 'training', 'bert-sentiment-0821-1', 'us-east-1'],
  ['ack-hyperparametertuningjob-completed', 'ack', 'tuning', 'xgb-churn-hpo-0822', 'us-west-2'],
  ['ack-transformjob-inprogress', 'ack', 'transform', 'churn-batch-scoring-20260822', 'us-west-2'],
  ['ack-processingjob-completed', 'ack', 'processing', 'feature-prep-20260823-0300', 'us-east-1'],
  ['ack-endpoint-inservice', 'ack', 'endpoint', 'churn-endpoint', 'us-east-1'],
];

describe('every fixture resolves to its SageMaker name and region', () => {
  it.each(cases)('%s', (file, family, type, name, region) => {
    const obj = crFixture(file);
    expect(jobNameOf(family, type, obj)).toBe(name);
    expect(submissionOf(family, type, obj)).toEqual({ state: 'submitted', name });
    expect(awsTargetOf(family, obj).region).toBe(region);
  });
});

describe('name fallbacks', () => {
  it('legacy ProcessingJob reads only the status', () => {
    const obj = crFixture('legacy-processingjob-inprogress');
    expect(jobNameOf('legacy', 'processing', { ...obj, status: {} })).toBeUndefined();
  });
  it('legacy spec name first, then status', () => {
    const obj = crFixture('legacy-trainingjob-inprogress');
    expect(jobNameOf('legacy', 'training', { ...obj, spec: { ...obj.spec, trainingJobName: undefined } })).toBe('xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84');
  });
  it('HostingDeployment: status.endpointName when the spec names none', () => {
    expect(crFixture('legacy-hostingdeployment-inservice').spec?.endpointName).toBeUndefined();
  });
  it('ACK: spec name, else the ARN', () => {
    const obj = crFixture('ack-trainingjob-inprogress');
    expect(jobNameOf('ack', 'training', { ...obj, spec: { ...obj.spec, trainingJobName: undefined } })).toBe('resnet50-finetune-20260820');
  });
  it('generated legacy names (crds.md §3)', () => {
    expect(legacyGeneratedName('training', 'xgboost-mnist', 'cf1e16fb-10a5-11ea-aa45-0a350733ba06')).toBe('xgboost-mnist-cf1e16fb10a511eaaa450a350733ba06');
    expect(legacyGeneratedName('processing', 'kmeans-mnist-preprocessing-nightly', 'b5c80e12-9f3d-4a67-b2e4-71d6a0c95f38')).toBe('kmeans-mnist-preprocessing-nig-b5c80e129f3d4a67b2e471d6a0c95f38');
    expect(legacyGeneratedName('tuning', 'xgboost-mnist-hpo', '9d4e1a7c-2b6f-4c83-a15e-7f0c3b8d2e61')).toBe('9d4e1a7c2b6f4c83a15e7f0c3b8d2e61');
  });
});

describe('submission', () => {
  it('an unreconciled ACK resource is pending', () => {
    const s = submissionOf('ack', 'training', crFixture('ack-trainingjob-unreconciled'));
    expect(s).toEqual({ state: 'pending', reason: 'the ACK controller has not reconciled it yet (no status)' });
  });
  it('an ACK create refused by SageMaker is rejected with its message', () => {
    const obj = crFixture('ack-trainingjob-unreconciled');
    const s = submissionOf('ack', 'training', { ...obj, status: { conditions: [{ type: 'ACK.Terminal', status: 'True', message: 'ValidationException: bad instance type' }] } });
    expect(s).toEqual({ state: 'rejected', reason: 'ValidationException: bad instance type' });
  });
  it('a legacy resource before the operator touched it is pending', () => {
    const obj = crFixture('legacy-trainingjob-completed');
    expect(submissionOf('legacy', 'training', { ...obj, status: {} }).state).toBe('pending');
    expect(submissionOf('legacy', 'training', { ...obj, status: { trainingJobStatus: 'SynchronizingK8sJobWithSageMaker' } }).state).toBe('pending');
  });
});

describe('AWS target', () => {
  it('ACK region precedence: metadata, ARN, resource annotation, namespace annotation', () => {
    const failed = crFixture('ack-trainingjob-failed');
    expect(awsTargetOf('ack', failed)).toMatchObject({ region: 'us-east-1', regionFrom: 'status.ackResourceMetadata.region', account: '111122223333' });
    const bare = { ...failed, status: {} };
    expect(awsTargetOf('ack', bare)).toMatchObject({ region: 'us-east-1', regionFrom: 'annotation services.k8s.aws/region' });
    const noAnno = { ...bare, metadata: { ...bare.metadata, annotations: {} } };
    expect(awsTargetOf('ack', noAnno, { annotations: { 'services.k8s.aws/default-region': 'eu-west-1', 'services.k8s.aws/endpoint-url': 'http://127.0.0.1:9' } })).toEqual({
      region: 'eu-west-1',
      regionFrom: 'namespace annotation services.k8s.aws/default-region',
      sageMakerEndpoint: 'http://127.0.0.1:9',
    });
    expect(awsTargetOf('ack', noAnno).region).toBeUndefined();
  });
  it('legacy: spec.region and spec.sageMakerEndpoint', () => {
    const obj = crFixture('legacy-trainingjob-completed');
    expect(awsTargetOf('legacy', { ...obj, spec: { ...obj.spec, sageMakerEndpoint: 'https://sm.example' } })).toEqual({ region: 'us-east-1', regionFrom: 'spec.region', sageMakerEndpoint: 'https://sm.example' });
  });
});
