// Resource handlers: GET/LIST (objects, Tables, PartialObjectMetadata), POST, PUT, PATCH, DELETE.

import { randomBytes, randomUUID } from 'node:crypto';
import { Catalogue, apiVersionOf, type ResourceDef } from './catalogue';
import type { ResourceRequest, ServerContext } from './context';
import { isObject, readBody, readJson, readRaw, sendJson, type Exchange } from './http';
import { decodeNamespace, unwrap } from './protobuf';
import { negotiateObject, type ObjectRepresentation } from './negotiate';
import { jsonPatch, mergePatch } from './patch';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import {
  alreadyExists,
  badRequest,
  conflict,
  expired,
  invalid,
  methodNotAllowed,
  notAcceptable,
  notFound,
  unsupportedMediaType,
} from './status';
import { timestamp } from './store';
import { buildTable, type IncludeObject } from './tables';
import type { KubeObject } from './types';

const ACCEPTED = [
  'application/json',
  'application/json;as=Table;v=v1;g=meta.k8s.io',
  'application/json;as=Table;v=v1beta1;g=meta.k8s.io',
  'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io',
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
];

export function representation(x: Exchange, list: boolean): ObjectRepresentation {
  const rep = negotiateObject(x.req.headers.accept, list);
  if (!rep) throw notAcceptable(ACCEPTED);
  return rep;
}

function contentTypeOf(rep: ObjectRepresentation): string {
  return rep.as === 'object' ? 'application/json' : `application/json;as=${rep.as};v=${rep.version};g=meta.k8s.io`;
}

export function includeObject(query: Record<string, string>): IncludeObject {
  const v = query.includeObject;
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** Core typed lists carry no kind/apiVersion on their items; CR lists keep them. */
function listItem(def: ResourceDef, o: KubeObject): unknown {
  if (def.origin !== 'core') return o;
  const { kind: _k, apiVersion: _a, ...rest } = o;
  return rest;
}

function partial(o: KubeObject, version: string): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: o.metadata };
}

// ---------- GET ----------

export function handleGet(ctx: ServerContext, x: Exchange, r: ResourceRequest, def: ResourceDef): void {
  const rep = representation(x, false);
  const obj = ctx.store.lookup(def, r.namespace, r.name!);
  if (!obj) throw notFound(def.group, def.plural, r.name!);
  if (rep.as === 'Table') {
    const table = buildTable(def, [obj], {
      now: ctx.now(),
      include: includeObject(x.query),
      metaVersion: rep.version,
      metadata: { resourceVersion: obj.metadata.resourceVersion! },
    });
    sendJson(x, 200, table, contentTypeOf(rep));
  } else if (rep.as === 'PartialObjectMetadata') {
    sendJson(x, 200, partial(obj, rep.version), contentTypeOf(rep));
  } else {
    sendJson(x, 200, obj);
  }
}

// ---------- LIST ----------

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64');
}

function decodeContinue(s: string): ContinueToken {
  let t: unknown;
  try {
    t = JSON.parse(Buffer.from(s, 'base64').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data or JSON');
  }
  if (!isObject(t) || t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  return t as unknown as ContinueToken;
}

function itemKey(def: ResourceDef, o: KubeObject): string {
  return def.namespaced ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/** Objects matching the namespace, name and selectors of a list or watch request. */
export function selectorFor(def: ResourceDef, r: ResourceRequest, query: Record<string, string>): (o: KubeObject) => boolean {
  const label = query.labelSelector ? parseLabelSelector(query.labelSelector) : undefined;
  const fieldsAllowed = def.kind === 'Namespace' ? ['metadata.name', 'status.phase'] : def.namespaced ? ['metadata.name', 'metadata.namespace'] : ['metadata.name'];
  const field = query.fieldSelector ? parseFieldSelector(query.fieldSelector, fieldsAllowed) : undefined;
  return (o) =>
    (!def.namespaced || !r.namespace || o.metadata.namespace === r.namespace) &&
    (r.name === undefined || o.metadata.name === r.name) &&
    (!label || label(o.metadata.labels)) &&
    (!field || field(o));
}

export function handleList(ctx: ServerContext, x: Exchange, r: ResourceRequest, def: ResourceDef): void {
  const rep = representation(x, true);
  const match = selectorFor(def, r, x.query);
  let items = ctx.store.listDef(def, r.namespace).filter(match);
  let rv = Number(ctx.store.resourceVersion);
  if (x.query.continue) {
    const t = decodeContinue(x.query.continue);
    if (t.rv < ctx.store.oldestWatchableResourceVersion) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    rv = t.rv;
    items = items.filter((o) => itemKey(def, o) >= t.start);
  }
  const metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: String(rv) };
  const limit = x.query.limit ? Number.parseInt(x.query.limit, 10) : 0;
  if (limit > 0 && items.length > limit) {
    const last = items[limit - 1]!;
    const remaining = items.length - limit;
    items = items.slice(0, limit);
    metadata.continue = encodeContinue({ v: 'meta.k8s.io/v1', rv, start: `${itemKey(def, last)}\u0000` });
    if (!x.query.labelSelector && !x.query.fieldSelector) metadata.remainingItemCount = remaining;
  }
  if (rep.as === 'Table') {
    const tableMeta: { resourceVersion?: string; continue?: string; remainingItemCount?: number } = { ...metadata };
    const table = buildTable(def, items, { now: ctx.now(), include: includeObject(x.query), metaVersion: rep.version, metadata: tableMeta });
    sendJson(x, 200, table, contentTypeOf(rep));
    return;
  }
  if (rep.as === 'PartialObjectMetadataList') {
    sendJson(
      x,
      200,
      { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${rep.version}`, metadata, items: items.map((o) => partial(o, rep.version)) },
      contentTypeOf(rep),
    );
    return;
  }
  if (def.origin === 'core') {
    sendJson(x, 200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata, items: items.map((o) => listItem(def, o)) });
  } else {
    sendJson(x, 200, { apiVersion: apiVersionOf(def), items, kind: def.listKind, metadata });
  }
}

// ---------- writes ----------

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function generateSuffix(): string {
  return [...randomBytes(5)].map((b) => NAME_CHARS[b % NAME_CHARS.length]).join('');
}

function checkTypeMeta(def: ResourceDef, body: Record<string, unknown>): void {
  if (typeof body.kind !== 'string' || body.kind === '') throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  if (body.apiVersion !== apiVersionOf(def)) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(def)})`);
  }
  if (body.kind !== def.kind) throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${def.kind})`);
}

function dryRun(query: Record<string, string>): boolean {
  return query.dryRun === 'All';
}

const isCR = (def: ResourceDef) => def.origin === 'legacy' || def.origin === 'ack';

export async function handleCreate(ctx: ServerContext, x: Exchange, r: ResourceRequest, def: ResourceDef): Promise<void> {
  if (r.subresource) throw methodNotAllowed();
  if (def.namespaced && !r.namespace) throw methodNotAllowed();
  // kubectl's typed client posts namespaces (`kubectl create namespace`) as protobuf.
  const body =
    def.kind === 'Namespace' && (x.req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')
      ? decodeNamespace(unwrap(await readRaw(x)).raw)
      : await readJson(x);
  if (!isObject(body)) throw badRequest('the request body must be a JSON object');
  checkTypeMeta(def, body);
  const obj = structuredClone(body) as KubeObject;
  const md = (isObject(obj.metadata) ? obj.metadata : {}) as KubeObject['metadata'];
  obj.metadata = md;
  if (!md.name) {
    if (typeof md.generateName === 'string' && md.generateName) md.name = `${md.generateName}${generateSuffix()}`;
    else throw invalid(def.group, def.kind, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required', reason: 'FieldValueRequired' }]);
  }
  if (def.namespaced) {
    if (md.namespace && md.namespace !== r.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    md.namespace = r.namespace!;
    if (!ctx.store.namespaceExists(r.namespace!)) throw notFound('', 'namespaces', r.namespace!);
  } else {
    delete md.namespace;
  }
  if (ctx.store.lookup(def, md.namespace, md.name)) throw alreadyExists(def.group, def.plural, md.name);
  md.uid = randomUUID();
  md.creationTimestamp = timestamp(ctx.now());
  delete md.deletionTimestamp;
  delete md.resourceVersion;
  if (isCR(def)) {
    md.generation = 1;
    // With the status subresource enabled the main resource ignores status on create.
    delete obj.status;
  }
  if (dryRun(x.query)) {
    sendJson(x, 201, obj);
    return;
  }
  sendJson(x, 201, ctx.store.commit(def, obj));
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, ...rest } = o;
    return JSON.stringify(sortKeys(rest));
  };
  return strip(a) !== strip(b);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** Merge an incoming full object into the stored one as an update of the resource or its status. */
function applyUpdate(def: ResourceDef, current: KubeObject, incoming: KubeObject, subresource: string | undefined): KubeObject {
  let next: KubeObject;
  if (subresource === 'status') {
    next = structuredClone(current);
    if (incoming.status === undefined) delete next.status;
    else next.status = structuredClone(incoming.status);
  } else {
    next = structuredClone(incoming);
    const md = (isObject(next.metadata) ? next.metadata : {}) as KubeObject['metadata'];
    next.metadata = md;
    md.name = current.metadata.name;
    if (def.namespaced) md.namespace = current.metadata.namespace!;
    md.uid = current.metadata.uid!;
    md.creationTimestamp = current.metadata.creationTimestamp!;
    if (current.metadata.deletionTimestamp) md.deletionTimestamp = current.metadata.deletionTimestamp;
    else delete md.deletionTimestamp;
    if (isCR(def)) {
      if (current.status === undefined) delete next.status;
      else next.status = structuredClone(current.status);
      md.generation = (current.metadata.generation ?? 1) + (specChanged(current, next) ? 1 : 0);
    }
  }
  next.apiVersion = current.apiVersion;
  next.kind = current.kind;
  return next;
}

/** Store an updated object; an object being deleted whose last finalizer went away is removed. */
function commitUpdate(ctx: ServerContext, def: ResourceDef, next: KubeObject): KubeObject {
  const md = next.metadata;
  if (md.deletionTimestamp && (!md.finalizers || md.finalizers.length === 0)) {
    return ctx.store.remove(apiVersionOf(def), def.kind, md.namespace, md.name) ?? next;
  }
  return ctx.store.commit(def, next);
}

function checkSubresource(def: ResourceDef, r: ResourceRequest): void {
  if (r.subresource !== undefined && !def.subresources.some((s) => s.name === r.subresource)) throw methodNotAllowed();
}

export async function handleUpdate(ctx: ServerContext, x: Exchange, r: ResourceRequest, def: ResourceDef): Promise<void> {
  checkSubresource(def, r);
  const body = await readJson(x);
  if (!isObject(body)) throw badRequest('the request body must be a JSON object');
  checkTypeMeta(def, body);
  const incoming = body as KubeObject;
  const name = isObject(incoming.metadata) ? incoming.metadata.name : undefined;
  if (name !== r.name) throw badRequest(`the name of the object (${String(name)}) does not match the name on the URL (${r.name})`);
  const current = ctx.store.lookup(def, r.namespace, r.name!);
  if (!current) throw notFound(def.group, def.plural, r.name!);
  const rv = incoming.metadata.resourceVersion;
  if (!rv) {
    throw invalid(def.group, def.kind, r.name!, [
      { field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' },
    ]);
  }
  if (rv !== current.metadata.resourceVersion) throw conflict(def.group, def.plural, r.name!);
  const next = applyUpdate(def, current, incoming, r.subresource);
  if (dryRun(x.query)) {
    sendJson(x, 200, next);
    return;
  }
  sendJson(x, 200, commitUpdate(ctx, def, next));
}

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json'];

export async function handlePatch(ctx: ServerContext, x: Exchange, r: ResourceRequest, def: ResourceDef): Promise<void> {
  checkSubresource(def, r);
  const ct = (x.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const strategicOk = !isCR(def);
  if (!PATCH_TYPES.includes(ct) && !(strategicOk && ct === 'application/strategic-merge-patch+json')) {
    throw unsupportedMediaType(strategicOk ? [...PATCH_TYPES, 'application/strategic-merge-patch+json'] : PATCH_TYPES);
  }
  const text = await readBody(x);
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (e) {
    throw badRequest(`the request body is not valid JSON: ${(e as Error).message}`);
  }
  const current = ctx.store.lookup(def, r.namespace, r.name!);
  if (!current) throw notFound(def.group, def.plural, r.name!);
  const patched = (ct === 'application/json-patch+json' ? jsonPatch(current, patch) : mergePatch(current, patch)) as KubeObject;
  if (!isObject(patched)) throw badRequest('the patch did not produce an object');
  const md = (isObject(patched.metadata) ? patched.metadata : {}) as KubeObject['metadata'];
  if (md.resourceVersion !== undefined && md.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(def.group, def.plural, r.name!);
  }
  if (md.name !== undefined && md.name !== current.metadata.name) {
    throw badRequest(`the name of the object (${String(md.name)}) does not match the name on the URL (${r.name})`);
  }
  const next = applyUpdate(def, current, patched, r.subresource);
  if (dryRun(x.query)) {
    sendJson(x, 200, next);
    return;
  }
  sendJson(x, 200, commitUpdate(ctx, def, next));
}

export async function handleDelete(ctx: ServerContext, x: Exchange, r: ResourceRequest, def: ResourceDef): Promise<void> {
  if (r.subresource) throw methodNotAllowed();
  await readBody(x); // DeleteOptions: accepted and ignored
  const current = ctx.store.lookup(def, r.namespace, r.name!);
  if (!current) throw notFound(def.group, def.plural, r.name!);
  if (dryRun(x.query)) {
    sendJson(x, 200, current);
    return;
  }
  if (def.kind === 'Namespace') {
    // Cascade: everything in the namespace goes with it (finalizers are not waited for).
    for (const d of Catalogue.all()) {
      if (!d.namespaced || d.createOnly) continue;
      for (const o of ctx.store.listDef(d, r.name)) ctx.store.remove(apiVersionOf(d), d.kind, o.metadata.namespace, o.metadata.name);
    }
    sendJson(x, 200, ctx.store.remove('v1', 'Namespace', undefined, r.name!) ?? current);
    return;
  }
  if (current.metadata.finalizers && current.metadata.finalizers.length > 0) {
    if (current.metadata.deletionTimestamp) {
      sendJson(x, 200, current);
      return;
    }
    const next = structuredClone(current);
    next.metadata.deletionTimestamp = timestamp(ctx.now());
    next.metadata.deletionGracePeriodSeconds = 0;
    sendJson(x, 200, ctx.store.commit(def, next));
    return;
  }
  sendJson(x, 200, ctx.store.remove(apiVersionOf(def), def.kind, r.namespace, r.name!) ?? current);
}

