// Request routing: authenticate, impersonate, authorize, then serve discovery, reviews or resources.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ANONYMOUS, PUBLIC_PATHS, withAuthenticated, type Authenticator } from './auth';
import type { ResourceRequest, ServerContext } from './context';
import { aggregated, aggregatedContentType, apiResourceList, legacyApiGroup, legacyApiGroupList, legacyApiVersions, versionInfo } from './discovery';
import { faultError, type Faults } from './faults';
import { sendError, sendJson, sendText, type Exchange } from './http';
import { negotiateDiscovery } from './negotiate';
import { openApiDocument, openApiGroupVersions, openApiRoot } from './openapi';
import { parseResourceRequest } from './requestinfo';
import { handleCreate, handleDelete, handleGet, handleList, handlePatch, handleUpdate } from './rest';
import { handleSelfSubjectAccessReview, handleSelfSubjectReview } from './reviews';
import { forbidden, forbiddenMessage, methodNotAllowed, notAcceptable, unauthorized, unknownPath } from './status';
import type { CertificateAuthority } from './tls';
import type { Identity, RequestLogEntry } from './types';
import { handleWatch } from './watch';

/** The request log keeps the most recent entries only. */
export const MAX_LOG = 10_000;

export interface RouterDeps {
  faults: Faults;
  ctx: ServerContext;
  auth: Authenticator;
  ca: CertificateAuthority;
  log: RequestLogEntry[];
}

function authenticate(deps: RouterDeps, req: IncomingMessage, path: string): Identity | undefined {
  let presented = false;
  const socket = req.socket as TLSSocket;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  if (peer && peer.raw) {
    presented = true;
    const v = deps.ca.verifyClient(peer.raw, deps.ctx.now());
    if (v && !('error' in v)) return withAuthenticated({ user: v.user, groups: v.groups, authKind: 'cert' });
  }
  const header = req.headers.authorization;
  if (header) {
    presented = true;
    const m = header.match(/^Bearer\s+(\S+)\s*$/i);
    if (m) {
      const r = deps.auth.token(m[1]!, deps.ctx.now());
      if (r.ok) return r.identity;
    }
  }
  if (!presented && PUBLIC_PATHS.has(path)) return ANONYMOUS;
  return undefined;
}

/** Impersonate-User / Impersonate-Group, each checked against the policy (verb impersonate). */
function impersonate(deps: RouterDeps, req: IncomingMessage, who: Identity): Identity {
  const user = req.headersDistinct['impersonate-user']?.[0];
  const groups = req.headersDistinct['impersonate-group'] ?? [];
  if (user === undefined && groups.length === 0) return who;
  const target = user;
  if (!target) throw forbidden('', 'users', '', 'requested impersonation of groups without a user');
  const check = (resource: string, name: string) => {
    const d = deps.ctx.policy.authorize({ user: who.user, groups: who.groups, verb: 'impersonate', group: '', resource, name, resourceRequest: true });
    if (!d.allowed) {
      throw forbidden('', resource, name, forbiddenMessage({ user: who.user, verb: 'impersonate', group: '', resource, resourceRequest: true }));
    }
  };
  check('users', target);
  for (const g of groups) check('groups', g);
  return withAuthenticated({ user: target, groups, authKind: who.authKind });
}

function authorize(deps: RouterDeps, who: Identity, r: ResourceRequest): void {
  const d = deps.ctx.policy.authorize({
    user: who.user,
    groups: who.groups,
    verb: r.verb,
    group: r.group,
    resource: r.resource,
    subresource: r.subresource,
    namespace: r.namespace,
    name: r.name,
    resourceRequest: true,
  });
  if (d.allowed) return;
  const message = forbiddenMessage({
    user: who.user,
    verb: r.verb,
    group: r.group,
    resource: r.resource,
    subresource: r.subresource,
    namespace: r.namespace,
    resourceRequest: true,
  });
  throw forbidden(r.group, r.resource, r.name ?? '', message);
}

export async function route(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const log: RequestLogEntry = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    authKind: 'none',
    status: 0,
    time: Date.now(),
  };
  if (req.headers.accept !== undefined) log.accept = req.headers.accept;
  if (req.headers['user-agent'] !== undefined) log.userAgent = req.headers['user-agent'];
  if (req.headers['content-type'] !== undefined) log.contentType = req.headers['content-type'];
  deps.log.push(log);
  // Bounded, so a long sandbox run does not grow without end (tests clear it with `requests.length = 0`).
  if (deps.log.length > MAX_LOG) deps.log.splice(0, deps.log.length - MAX_LOG);
  const x: Exchange = { req, res, url, query, log };
  try {
    const fault = deps.faults.take(log.method, url.pathname, url.search);
    if (fault) {
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.reset) {
        log.status = -1;
        req.socket.destroy();
        return;
      }
      if (fault.status) {
        if (fault.retryAfterSeconds) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        throw faultError(fault);
      }
    }
    const authenticated = authenticate(deps, req, path);
    if (!authenticated) throw unauthorized();
    log.authKind = authenticated.authKind;
    log.user = authenticated.user;
    const who = impersonate(deps, req, authenticated);
    log.user = who.user;
    await dispatch(deps, x, path, who);
  } catch (e) {
    sendError(x, e);
  }
}

async function dispatch(deps: RouterDeps, x: Exchange, path: string, who: Identity): Promise<void> {
  const { ctx } = deps;
  const method = x.req.method ?? 'GET';
  const isRead = method === 'GET' || method === 'HEAD';

  switch (path) {
    case '/version':
      if (!isRead) throw methodNotAllowed();
      return sendJson(x, 200, versionInfo(ctx.minor, ctx.gitVersion));
    case '/healthz':
    case '/livez':
    case '/readyz':
      return sendText(x, 200, 'ok');
    case '/api':
    case '/apis':
      if (!isRead) throw methodNotAllowed();
      return discoveryRoot(ctx, x, path === '/api' ? 'api' : 'apis');
    case '/api/v1':
      if (!isRead) throw methodNotAllowed();
      return sendJson(x, 200, apiResourceList(ctx.catalogue.groupVersion('', 'v1')!));
  }

  if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) {
    if (!isRead) throw methodNotAllowed();
    const gitVersion = versionInfo(ctx.minor, ctx.gitVersion).gitVersion!;
    if (path === '/openapi/v3') return sendJson(x, 200, openApiRoot(ctx.catalogue, gitVersion));
    const gv = openApiGroupVersions(ctx.catalogue).get(path.slice('/openapi/v3/'.length));
    if (!gv) throw unknownPath();
    return sendJson(x, 200, openApiDocument(gv, gitVersion));
  }

  const segs = path.split('/').filter((s) => s !== '');
  if (segs[0] === 'apis' && (segs.length === 2 || segs.length === 3)) {
    if (!isRead) throw methodNotAllowed();
    const gv = ctx.catalogue.groups().find((g) => g.group === segs[1] && (segs.length === 2 || g.version === segs[2]));
    if (!gv) throw unknownPath();
    return sendJson(x, 200, segs.length === 2 ? legacyApiGroup(gv) : apiResourceList(gv));
  }

  const r = parseResourceRequest(method, path, x.query);
  if (!r) throw unknownPath();
  authorize(deps, who, r);
  const def = ctx.catalogue.resource(r.group, r.version, r.resource);
  if (!def || r.extra) throw unknownPath();
  if (def.createOnly) {
    if (method !== 'POST' || r.name !== undefined || r.namespace !== undefined) throw methodNotAllowed();
    if (def.kind === 'SelfSubjectAccessReview') return handleSelfSubjectAccessReview(ctx, x, who);
    return handleSelfSubjectReview(x, who);
  }
  // A namespaced resource named without a namespace, or a cluster-scoped one inside a namespace, has no route.
  if (def.namespaced && r.namespace === undefined && r.name !== undefined) throw unknownPath();
  if (!def.namespaced && r.namespace !== undefined && def.kind !== 'Namespace') throw unknownPath();
  if (r.subresource !== undefined && !def.subresources.some((s) => s.name === r.subresource)) throw unknownPath();
  switch (r.verb) {
    case 'get':
      return handleGet(ctx, x, r, def);
    case 'list':
      return handleList(ctx, x, r, def);
    case 'watch':
      return handleWatch(ctx, x, r, def);
    case 'create':
      return handleCreate(ctx, x, r, def);
    case 'update':
      return handleUpdate(ctx, x, r, def);
    case 'patch':
      return handlePatch(ctx, x, r, def);
    case 'delete':
      return handleDelete(ctx, x, r, def);
    default:
      throw methodNotAllowed();
  }
}

function discoveryRoot(ctx: ServerContext, x: Exchange, root: 'api' | 'apis'): void {
  const wanted = negotiateDiscovery(x.req.headers.accept);
  if (wanted === undefined) throw notAcceptable(['application/json', aggregatedContentType('v2'), aggregatedContentType('v2beta1')]);
  if (ctx.discovery === 'aggregated' && wanted !== 'legacy') {
    sendJson(x, 200, aggregated(ctx.catalogue, root, wanted), aggregatedContentType(wanted));
    return;
  }
  sendJson(x, 200, root === 'api' ? legacyApiVersions(ctx.address()) : legacyApiGroupList(ctx.catalogue));
}
