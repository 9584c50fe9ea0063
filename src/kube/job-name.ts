import type { JobType } from '../sagemaker/job';
import type { Family } from './kinds';
import { str, type KubeObject } from './object';

// Where each operator keeps the SageMaker name, in the order to read it (crds.md §2, §8).
const LEGACY_NAME_PATHS: Readonly<Record<JobType, ReadonlyArray<readonly ['spec' | 'status', string]>>> = {
  training: [['spec', 'trainingJobName'], ['status', 'sageMakerTrainingJobName']],
  tuning: [['spec', 'hyperParameterTuningJobName'], ['status', 'sageMakerHyperParameterTuningJobName']],
  transform: [['spec', 'transformJobName'], ['status', 'sageMakerTransformJobName']],
  // The legacy ProcessingJob spec has no name field: the operator only writes it to status.
  processing: [['status', 'sageMakerProcessingJobName']],
  endpoint: [['spec', 'endpointName'], ['status', 'endpointName']],
};

const ACK_NAME_FIELD: Readonly<Record<JobType, string>> = {
  training: 'trainingJobName',
  tuning: 'hyperParameterTuningJobName',
  transform: 'transformJobName',
  processing: 'processingJobName',
  endpoint: 'endpointName',
};

const LEGACY_STATUS_FIELD: Readonly<Record<JobType, string>> = {
  training: 'trainingJobStatus',
  tuning: 'hyperParameterTuningJobStatus',
  transform: 'transformJobStatus',
  processing: 'processingJobStatus',
  endpoint: 'endpointStatus',
};

/** The SageMaker name a resource names, if it names one yet. */
export function jobNameOf(family: Family, type: JobType, obj: KubeObject): string | undefined {
  if (family === 'legacy') {
    for (const [part, field] of LEGACY_NAME_PATHS[type]) {
      const v = str(obj[part]?.[field]);
      if (v) return v;
    }
    return undefined;
  }
  const fromSpec = str(obj.spec?.[ACK_NAME_FIELD[type]]);
  if (fromSpec) return fromSpec;
  const arn = str(obj.status?.ackResourceMetadata?.arn);
  return arn ? arn.slice(arn.indexOf('/', nthIndex(arn, ':', 5)) + 1) || undefined : undefined;
}

function nthIndex(s: string, c: string, n: number): number {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = s.indexOf(c, i + 1);
    if (i < 0) return s.length;
  }
  return i;
}

/**
 * The name the legacy operator will generate when the spec names none (controllers/common.go
 * GetGeneratedJobName): `<name>-<uid without dashes>` cut to fit; tuning jobs (32 characters) get
 * the bare uid. Shown as a hint while a resource is waiting to be submitted.
 */
export function legacyGeneratedName(type: JobType, crName: string, uid: string): string {
  const uid32 = uid.replace(/-/g, '');
  const max = type === 'tuning' ? 32 : 63;
  const full = `${crName}-${uid32}`;
  if (full.length <= max) return full;
  if (max > 33) return `${crName.slice(0, max - 33)}-${uid32}`;
  return uid32.slice(0, max);
}

/** Why a resource has no SageMaker job behind it yet, or undefined when it has one. */
export type Submission = { readonly state: 'submitted'; readonly name: string } | { readonly state: 'pending'; readonly reason: string } | { readonly state: 'rejected'; readonly reason: string };

const OPERATOR_ONLY_STATUSES = new Set(['', 'SynchronizingK8sJobWithSageMaker']);

/**
 * Whether the operator has created the SageMaker job. ACK: an ARN in ackResourceMetadata (an
 * ACK.Terminal condition without one means SageMaker refused the create). Legacy: the name in
 * status, or a SageMaker status.
 */
export function submissionOf(family: Family, type: JobType, obj: KubeObject): Submission {
  const name = jobNameOf(family, type, obj);
  if (family === 'ack') {
    const arn = str(obj.status?.ackResourceMetadata?.arn);
    const conditions: any[] = Array.isArray(obj.status?.conditions) ? (obj.status!.conditions as any[]) : [];
    const terminal = conditions.find((c) => c?.type === 'ACK.Terminal' && c?.status === 'True');
    if (!arn && terminal) return { state: 'rejected', reason: str(terminal.message) ?? 'the controller marked it terminal' };
    if (arn && name) return { state: 'submitted', name };
    return { state: 'pending', reason: obj.status ? 'the ACK controller has not created the SageMaker job yet' : 'the ACK controller has not reconciled it yet (no status)' };
  }
  const status = str(obj.status?.[LEGACY_STATUS_FIELD[type]]) ?? '';
  const statusName = LEGACY_NAME_PATHS[type].filter(([part]) => part === 'status').map(([, f]) => str(obj.status?.[f]))[0];
  if (name && (statusName || !OPERATOR_ONLY_STATUSES.has(status))) return { state: 'submitted', name };
  return { state: 'pending', reason: status ? `the operator has not created the SageMaker job yet (status ${status})` : 'the operator has not created the SageMaker job yet (no status)' };
}
