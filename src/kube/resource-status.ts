import type { JobType } from '../sagemaker/job';
import type { Family } from './kinds';
import { str, type KubeObject } from './object';

// Both operators name the status field alike (crds.md §2); only the failure text differs: the
// legacy operator writes it (or its own API error) to `additional`.
const STATUS_FIELD: Readonly<Record<JobType, string>> = {
  training: 'trainingJobStatus',
  tuning: 'hyperParameterTuningJobStatus',
  transform: 'transformJobStatus',
  processing: 'processingJobStatus',
  endpoint: 'endpointStatus',
};

/** What the custom resource itself says about the job: the operator's last look, which lags. */
export interface ResourceStatus {
  readonly status?: string;
  readonly secondary?: string;
  readonly failureReason?: string;
}

export function resourceStatusOf(family: Family, type: JobType, obj: KubeObject): ResourceStatus {
  const s = obj.status ?? {};
  const status = str(s[STATUS_FIELD[type]]);
  const secondary = str(s.secondaryStatus);
  const failureReason = family === 'ack' ? str(s.failureReason) : str(s.additional) ?? str(s.failureReason);
  return { ...(status ? { status } : {}), ...(secondary ? { secondary } : {}), ...(failureReason ? { failureReason } : {}) };
}

export interface ConditionSummary {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

/** status.conditions (ACK), in the controller's order. */
export function conditionsOf(obj: KubeObject): ConditionSummary[] {
  const list: unknown = obj.status?.conditions;
  if (!Array.isArray(list)) return [];
  return list
    .filter((c: any) => c && typeof c.type === 'string')
    .map((c: any) => ({
      type: c.type,
      status: String(c.status ?? 'Unknown'),
      ...(str(c.reason) ? { reason: c.reason } : {}),
      ...(str(c.message) ? { message: c.message } : {}),
      ...(str(c.lastTransitionTime) ? { lastTransitionTime: c.lastTransitionTime } : {}),
    }));
}
