import type { KubeClient } from './http';

/** What a SelfSubjectAccessReview asks: may I <verb> <resource>.<group> <name> in <namespace>? */
export interface AccessQuestion {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface AccessAnswer {
  readonly allowed: boolean;
  /** An authorizer said no explicitly (as opposed to no rule saying yes). */
  readonly denied: boolean;
  readonly reason?: string;
}

export const SSAR_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

export function accessReviewBody(q: AccessQuestion): object {
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: {
      resourceAttributes: {
        ...(q.namespace ? { namespace: q.namespace } : {}),
        verb: q.verb,
        group: q.group,
        resource: q.resource,
        ...(q.name ? { name: q.name } : {}),
      },
    },
  };
}

interface ReviewAnswer {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

/**
 * Asks the API server what `kubectl auth can-i` asks, as the caller (impersonation included).
 * Anything but an explicit `allowed: true` is a no.
 */
export async function canI(client: KubeClient, q: AccessQuestion): Promise<AccessAnswer> {
  const answer = await client.post<ReviewAnswer>(SSAR_PATH, accessReviewBody(q));
  const s = answer.status ?? {};
  const reason = s.reason || s.evaluationError || undefined;
  return { allowed: s.allowed === true, denied: s.denied === true, ...(reason ? { reason } : {}) };
}
