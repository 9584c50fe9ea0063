// Every submitted fixture custom resource (test/fixtures/crs) with the header `logs` prints for it
// on stderr, and the KIND words of the contract: shared by the resolve-*.test.ts files.
import { JOBS } from './world';

export const LEGACY = 'sagemaker.aws.amazon.com';
export const ACK = 'sagemaker.services.k8s.aws';
export const LEGACY_V = `${LEGACY}/v1`;
export const ACK_V = `${ACK}/v1alpha1`;
/** The legacy TrainingJob the operator spawned for its tuning job (its CR name is its SageMaker name). */
export const HPO_CHILD = '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41';

export type JobType = 'training' | 'tuning' | 'transform' | 'processing' | 'endpoint';
export const NOUN: Record<JobType, string> = { training: 'training job', tuning: 'tuning job', transform: 'transform job', processing: 'processing job', endpoint: 'endpoint' };

// The contract's table, spelled out here (not imported) so that the test checks the contract.
export const WORDS: Record<JobType, string[]> = {
  training: ['trainingjob', 'trainingjobs', 'tj'],
  tuning: ['hyperparametertuningjob', 'hyperparametertuningjobs', 'tuningjob', 'tuningjobs', 'hpo'],
  transform: ['batchtransformjob', 'batchtransformjobs', 'transformjob', 'transformjobs', 'btj'],
  processing: ['processingjob', 'processingjobs', 'pj'],
  endpoint: ['hostingdeployment', 'hostingdeployments', 'endpoint', 'endpoints', 'hd'],
};

export interface Fixture {
  readonly family: 'legacy' | 'ack';
  readonly type: JobType;
  readonly kind: string;
  readonly plural: string;
  readonly name: string;
  readonly header: string;
}

export function fixture(family: 'legacy' | 'ack', type: JobType, kind: string, plural: string, name: string, job: string, region: string, status: string): Fixture {
  const group = family === 'legacy' ? LEGACY : ACK;
  return { family, type, kind, plural, name, header: `${plural}.${group}/${name}: ${NOUN[type]} ${job} in ${region}, ${status}` };
}

/** Every submitted fixture (test/fixtures/crs), with the header `logs` prints for it on stderr. */
export const FIXTURES: Fixture[] = [
  fixture('legacy', 'training', 'TrainingJob', 'trainingjobs', 'churn-xgb', JOBS.legacyTrainingCompleted, 'us-east-1', 'Completed'),
  fixture('legacy', 'training', 'TrainingJob', 'trainingjobs', 'xgboost-mnist', JOBS.legacyTrainingInProgress, 'us-west-2', 'InProgress (Training)'),
  fixture('legacy', 'training', 'TrainingJob', 'trainingjobs', HPO_CHILD, HPO_CHILD, 'us-west-2', 'Completed'),
  fixture('ack', 'training', 'TrainingJob', 'trainingjobs', 'resnet50-finetune', JOBS.ackTrainingInProgress, 'us-west-2', 'InProgress (Training)'),
  fixture('ack', 'training', 'TrainingJob', 'trainingjobs', 'bert-sentiment', JOBS.ackTrainingFailed, 'us-east-1', 'Failed'),
  fixture('legacy', 'tuning', 'HyperparameterTuningJob', 'hyperparametertuningjobs', 'xgboost-mnist-hpo', JOBS.legacyTuning, 'us-west-2', 'Completed'),
  fixture('ack', 'tuning', 'HyperParameterTuningJob', 'hyperparametertuningjobs', 'xgb-churn-hpo', JOBS.ackTuning, 'us-west-2', 'Completed'),
  fixture('legacy', 'transform', 'BatchTransformJob', 'batchtransformjobs', 'xgboost-batch', JOBS.legacyTransform, 'us-west-2', 'InProgress'),
  fixture('ack', 'transform', 'TransformJob', 'transformjobs', 'churn-batch-scoring', JOBS.ackTransform, 'us-west-2', 'Completed'),
  fixture('legacy', 'processing', 'ProcessingJob', 'processingjobs', 'kmeans-mnist-preprocessing-nightly', JOBS.legacyProcessing, 'us-west-2', 'InProgress'),
  fixture('ack', 'processing', 'ProcessingJob', 'processingjobs', 'feature-prep', JOBS.ackProcessing, 'us-east-1', 'Completed'),
  fixture('legacy', 'endpoint', 'HostingDeployment', 'hostingdeployments', 'xgboost-hosting', JOBS.legacyEndpoint, 'us-east-1', 'InService'),
  fixture('ack', 'endpoint', 'Endpoint', 'endpoints', 'churn-endpoint', JOBS.ackEndpoint, 'us-east-1', 'InService'),
];

/** trainingjob, TRAININGJOB, Trainingjob: KIND is case-insensitive. */
export const casing = (w: string, i: number): string => [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1)][i % 3]!;
/** TrainingJobs from TrainingJob. */
export const pluralKind = (f: Fixture): string => f.kind + f.plural.slice(f.kind.length);

