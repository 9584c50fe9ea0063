// metav1.Status bodies, spelled exactly as kube-apiserver spells them (kube-wire.md §4).

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** An HTTP error answered with a Status body. */
export class ApiError extends Error {
  constructor(readonly body: StatusBody) {
    super(body.message);
    this.name = 'ApiError';
  }

  get code(): number {
    return this.body.code;
  }
}

function status(code: number, reason: string, message: string, details?: StatusDetails): ApiError {
  const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details !== undefined) body.details = details;
  // Key order as Go serialises metav1.Status: kind, apiVersion, metadata, status, message, reason, details, code.
  return new ApiError(reorder(body));
}

function reorder(b: StatusBody): StatusBody {
  const out: Partial<StatusBody> = { kind: b.kind, apiVersion: b.apiVersion, metadata: b.metadata, status: b.status };
  out.message = b.message;
  out.reason = b.reason;
  if (b.details !== undefined) out.details = cleanDetails(b.details);
  out.code = b.code;
  return out as StatusBody;
}

function cleanDetails(d: StatusDetails): StatusDetails {
  // StatusDetails fields are omitempty: name, group, kind, uid, causes, retryAfterSeconds.
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

/** `plural.group` as schema.GroupResource.String() prints it (bare plural for the core group). */
export function qualifiedResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function notFound(group: string, resource: string, name: string): ApiError {
  return status(404, 'NotFound', `${qualifiedResource(group, resource)} "${name}" not found`, { name, group, kind: resource });
}

/** The 404 for a path nothing is served at (an uninstalled CRD, an unknown group). */
export function unknownPath(): ApiError {
  return status(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function unauthorized(): ApiError {
  return status(401, 'Unauthorized', 'Unauthorized');
}

/** The authorizer's explanation, as responsewriters.forbiddenMessage builds it. */
export function forbiddenMessage(a: {
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  path?: string;
  resourceRequest: boolean;
}): string {
  if (!a.resourceRequest) return `User "${a.user}" cannot ${a.verb} path "${a.path ?? ''}"`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (a.namespace) return `User "${a.user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" in the namespace "${a.namespace}"`;
  return `User "${a.user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" at the cluster scope`;
}

/** apierrors.NewForbidden. */
export function forbidden(group: string, resource: string, name: string, reason: string): ApiError {
  let message: string;
  if (!group && !resource) message = `forbidden: ${reason}`;
  else if (!name) message = `${qualifiedResource(group, resource)} is forbidden: ${reason}`;
  else message = `${qualifiedResource(group, resource)} "${name}" is forbidden: ${reason}`;
  return status(403, 'Forbidden', message, { name, group, kind: resource });
}

export function alreadyExists(group: string, resource: string, name: string): ApiError {
  return status(409, 'AlreadyExists', `${qualifiedResource(group, resource)} "${name}" already exists`, { name, group, kind: resource });
}

export function conflict(group: string, resource: string, name: string): ApiError {
  return status(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(group, resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group, kind: resource },
  );
}

export function badRequest(message: string): ApiError {
  return status(400, 'BadRequest', message);
}

export function invalid(group: string, kind: string, name: string, causes: Array<{ field: string; message: string; reason?: string }>): ApiError {
  const what = group ? `${kind}.${group}` : kind;
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return status(422, 'Invalid', `${what} "${name}" is invalid: ${text}`, {
    name,
    group,
    kind,
    causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

export function methodNotAllowed(): ApiError {
  return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function notAcceptable(accepted: string[]): ApiError {
  return status(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

export function unsupportedMediaType(accepted: string[]): ApiError {
  return status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

export function expired(message: string): ApiError {
  return status(410, 'Expired', message);
}

export function internalError(message: string): ApiError {
  return status(500, 'InternalError', `Internal error occurred: ${message}`);
}
