// Plays the part of the two operators in the sandbox: copies each job's live SageMaker status
// from the AWS stand-in into its custom resource, as the legacy operator (every 5 s) and the ACK
// controller (every 30 s) do, so that `kubectl get trainingjobs -w` moves like a real cluster.
import { jobNameOf } from '../../src/kube/job-name';
import { RESOURCE_TYPES, type ResourceType } from '../../src/kube/kinds';
import type { AwsStandIn } from '../../test/standins/aws';
import type { KubeStandIn } from '../../test/standins/kube';

const STATUS_FIELD: Record<string, string> = {
  training: 'trainingJobStatus',
  tuning: 'hyperParameterTuningJobStatus',
  transform: 'transformJobStatus',
  processing: 'processingJobStatus',
  endpoint: 'endpointStatus',
};

const DESCRIBE_STATUS: Record<string, string> = {
  training: 'TrainingJobStatus',
  tuning: 'HyperParameterTuningJobStatus',
  transform: 'TransformJobStatus',
  processing: 'ProcessingJobStatus',
  endpoint: 'EndpointStatus',
};

type Desc = Record<string, any>;

function nextStatus(t: ResourceType, d: Desc, current: Record<string, any>): Record<string, any> {
  const status = { ...current };
  const primary = String(d[DESCRIBE_STATUS[t.jobType]!]);
  status[STATUS_FIELD[t.jobType]!] = primary;
  if (t.jobType === 'training') {
    // The legacy operator blanks the secondary status while Stopping (crds.md §2.1).
    status.secondaryStatus = t.family === 'legacy' && primary === 'Stopping' ? '' : d.SecondaryStatus;
    if (d.FailureReason) status[t.family === 'legacy' ? 'additional' : 'failureReason'] = d.FailureReason;
  }
  if (t.jobType === 'tuning' && t.family === 'legacy' && d.TrainingJobStatusCounters) {
    const c = d.TrainingJobStatusCounters;
    status.trainingJobStatusCounters = {
      completed: c.Completed, inProgress: c.InProgress, nonRetryableError: c.NonRetryableError,
      retryableError: c.RetryableError, stopped: c.Stopped, totalError: c.RetryableError + c.NonRetryableError,
    };
  }
  if (t.jobType === 'tuning' && d.BestTrainingJob?.TrainingJobName) {
    status.bestTrainingJob = { ...(status.bestTrainingJob ?? {}), trainingJobName: d.BestTrainingJob.TrainingJobName };
  }
  if (t.family === 'ack') {
    const message = `${t.kind} is in ${primary} status.`;
    const settled = !['InProgress', 'Stopping', 'Creating', 'Updating'].includes(primary);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    status.conditions = [
      { type: 'ACK.ResourceSynced', status: settled ? 'True' : 'False', message, lastTransitionTime: now },
      { type: 'Ready', status: settled ? 'True' : 'False', message, lastTransitionTime: now },
    ];
  }
  return status;
}

function same(a: Record<string, any>, b: Record<string, any>): boolean {
  const strip = (s: Record<string, any>): string => JSON.stringify({ ...s, conditions: (s.conditions ?? []).map((c: any) => ({ ...c, lastTransitionTime: '' })) });
  return strip(a) === strip(b);
}

/** Starts syncing; returns a function that stops it. */
export function startOperatorSim(aws: AwsStandIn, kube: KubeStandIn, intervalMs = 1000): () => void {
  const tick = (): void => {
    for (const t of RESOURCE_TYPES) {
      const apiVersion = `${t.group}/${t.version}`;
      let objects;
      try {
        objects = kube.store.list(apiVersion, t.plural);
      } catch {
        continue;
      }
      for (const obj of objects) {
        const name = jobNameOf(t.family, t.jobType, obj as any);
        if (!name) continue;
        const d = aws.sagemaker.describe(t.jobType, name) as Desc | undefined;
        if (!d) continue;
        const current = (obj.status ?? {}) as Record<string, any>;
        const next = nextStatus(t, d, current);
        if (same(current, next)) continue;
        kube.store.mutate(apiVersion, t.plural, obj.metadata.namespace, obj.metadata.name, (o) => {
          o.status = next;
        });
      }
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
