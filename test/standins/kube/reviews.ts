// SelfSubjectAccessReview (kubectl auth can-i) and SelfSubjectReview (kubectl auth whoami).

import type { ServerContext } from './context';
import { isObject, readJson, readRaw, sendJson, type Exchange } from './http';
import { decodeSelfSubjectAccessReview, unwrap } from './protobuf';
import { badRequest, invalid } from './status';
import type { Identity } from './types';

const isProtobuf = (x: Exchange) => (x.req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf');

export async function handleSelfSubjectAccessReview(ctx: ServerContext, x: Exchange, identity: Identity): Promise<void> {
  // kubectl's typed client posts protobuf; the answer is JSON, which client-go decodes by Content-Type.
  const body = isProtobuf(x) ? decodeSelfSubjectAccessReview(unwrap(await readRaw(x)).raw) : await readJson(x);
  if (!isObject(body)) throw badRequest('the request body must be a JSON object');
  if (body.kind !== undefined && body.kind !== 'SelfSubjectAccessReview') {
    throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (SelfSubjectAccessReview)`);
  }
  const spec = isObject(body.spec) ? body.spec : {};
  const ra = isObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nra = isObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  if ((ra === undefined) === (nra === undefined)) {
    throw invalid('authorization.k8s.io', 'SelfSubjectAccessReview', '', [
      {
        field: 'spec.resourceAttributes',
        message: `Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`,
      },
    ]);
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const decision = ra
    ? ctx.policy.authorize({
        user: identity.user,
        groups: identity.groups,
        verb: str(ra.verb),
        group: str(ra.group),
        resource: str(ra.resource),
        subresource: str(ra.subresource) || undefined,
        namespace: str(ra.namespace) || undefined,
        name: str(ra.name) || undefined,
        resourceRequest: true,
      })
    : ctx.policy.authorize({
        user: identity.user,
        groups: identity.groups,
        verb: str(nra!.verb),
        group: '',
        resource: '',
        path: str(nra!.path),
        resourceRequest: false,
      });
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.denied) status.denied = true;
  if (decision.reason) status.reason = decision.reason;
  const metadata = { creationTimestamp: null, ...(isObject(body.metadata) ? body.metadata : {}) };
  sendJson(x, 201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata, spec, status });
}

export async function handleSelfSubjectReview(x: Exchange, identity: Identity): Promise<void> {
  const body = isProtobuf(x) ? (unwrap(await readRaw(x)), {}) : await readJson(x);
  if (!isObject(body)) throw badRequest('the request body must be a JSON object');
  const metadata = { creationTimestamp: null, ...(isObject(body.metadata) ? body.metadata : {}) };
  sendJson(x, 201, {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata,
    status: { userInfo: { username: identity.user, groups: identity.groups } },
  });
}
