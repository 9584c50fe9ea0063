// Parse /api/v1/... and /apis/<group>/<version>/... into a resource request (k8s RequestInfoFactory).

import type { ResourceRequest } from './context';

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function isTruthyParam(v: string | undefined): boolean {
  return v === 'true' || v === '1';
}

/** Returns undefined for paths that are not resource requests (discovery, /version, unknown roots). */
export function parseResourceRequest(method: string, pathname: string, query: Record<string, string>): ResourceRequest | undefined {
  const segs = pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let parts: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1]!;
    parts = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1]!;
    version = segs[2]!;
    parts = segs.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
  }
  const r: ResourceRequest = { verb: '', group, version, resource: parts[0]!, extra: parts.length > 3 };
  if (namespace !== undefined) r.namespace = namespace;
  if (parts.length >= 2) r.name = parts[1];
  if (parts.length >= 3) r.subresource = parts[2];
  const watch = isTruthyParam(query.watch);
  switch (method) {
    case 'GET':
    case 'HEAD':
      r.verb = watch ? 'watch' : r.name !== undefined ? 'get' : 'list';
      break;
    case 'POST':
      r.verb = 'create';
      break;
    case 'PUT':
      r.verb = 'update';
      break;
    case 'PATCH':
      r.verb = 'patch';
      break;
    case 'DELETE':
      r.verb = r.name !== undefined ? 'delete' : 'deletecollection';
      break;
    default:
      r.verb = method.toLowerCase();
  }
  return r;
}
