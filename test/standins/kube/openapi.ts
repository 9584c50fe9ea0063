// A minimal OpenAPI v3 (/openapi/v3 and /openapi/v3/<api|apis/g/v>), enough for `kubectl apply` and
// `kubectl create -f`: kubectl reads it to learn that the server does field validation (so it skips
// client-side schema validation) and which patch types a resource accepts (CRs: no strategic merge,
// so apply sends a JSON merge patch, as against a real cluster). Schemas are open objects.

import { createHash } from 'node:crypto';
import { apiVersionOf, type Catalogue, type GroupVersion, type ResourceDef } from './catalogue';

function schemaName(def: ResourceDef): string {
  // Reverse-DNS names as the apiserver publishes CRD schemas (e.g. com.amazon.aws.sagemaker.v1.TrainingJob).
  const g = def.group ? def.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${g}.${def.version}.${def.kind}`;
}

const ref = (def: ResourceDef) => ({ $ref: `#/components/schemas/${schemaName(def)}` });

const query = (name: string, type = 'string') => ({ name, in: 'query', schema: { type, uniqueItems: true } });

function operations(def: ResourceDef): Record<string, unknown> {
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  const body = { content: { 'application/json': { schema: ref(def) }, 'application/yaml': { schema: ref(def) } } };
  const ok = (code: string) => ({ [code]: { description: 'OK', content: { 'application/json': { schema: ref(def) } } } });
  const patchTypes = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];
  if (def.origin === 'core') patchTypes.push('application/strategic-merge-patch+json');
  const common = (verb: string) => ({ 'x-kubernetes-action': verb, 'x-kubernetes-group-version-kind': gvk });
  const writeParams = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
  const item = {
    get: { ...common('get'), responses: ok('200') },
    put: { ...common('put'), parameters: writeParams, requestBody: body, responses: ok('200') },
    patch: {
      ...common('patch'),
      parameters: [...writeParams, query('force', 'boolean')],
      requestBody: { content: Object.fromEntries(patchTypes.map((t) => [t, { schema: { type: 'object' } }])) },
      responses: ok('200'),
    },
    delete: { ...common('delete'), parameters: [query('dryRun')], responses: ok('200') },
    parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } }],
  };
  const collection = {
    get: { ...common('list'), parameters: [query('labelSelector'), query('fieldSelector'), query('limit', 'integer'), query('continue'), query('watch', 'boolean')], responses: ok('200') },
    post: { ...common('post'), parameters: writeParams, requestBody: body, responses: { ...ok('200'), ...ok('201') } },
  };
  const base = def.group ? `/apis/${def.group}/${def.version}` : '/api/v1';
  const ns = def.namespaced ? '/namespaces/{namespace}' : '';
  const nsParam = def.namespaced ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } }] : [];
  const out: Record<string, unknown> = {
    [`${base}${ns}/${def.plural}`]: { ...collection, parameters: nsParam },
    [`${base}${ns}/${def.plural}/{name}`]: { ...item, parameters: [...item.parameters, ...nsParam] },
  };
  for (const sub of def.subresources.filter((x) => x.name === 'status')) {
    out[`${base}${ns}/${def.plural}/{name}/${sub.name}`] = { get: item.get, put: item.put, patch: item.patch, parameters: [...item.parameters, ...nsParam] };
  }
  return out;
}

function schema(def: ResourceDef): Record<string, unknown> {
  return {
    type: 'object',
    description: `${def.kind} (${apiVersionOf(def)}), served by the Kubernetes stand-in.`,
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    'x-kubernetes-group-version-kind': [{ group: def.group, version: def.version, kind: def.kind }],
    'x-kubernetes-preserve-unknown-fields': true,
  };
}

export function openApiDocument(gv: GroupVersion, gitVersion: string): Record<string, unknown> {
  const defs = gv.resources.filter((d) => !d.createOnly);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: gitVersion },
    paths: Object.assign({}, ...defs.map(operations)),
    components: { schemas: Object.fromEntries(defs.map((d) => [schemaName(d), schema(d)])) },
  };
}

function gvKey(gv: GroupVersion): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : 'api/v1';
}

/** Every served group/version with a document, by its /openapi/v3 key. */
export function openApiGroupVersions(catalogue: Catalogue): Map<string, GroupVersion> {
  const m = new Map<string, GroupVersion>();
  m.set('api/v1', catalogue.groupVersion('', 'v1')!);
  for (const gv of catalogue.groups()) if (gv.resources.some((d) => !d.createOnly)) m.set(gvKey(gv), gv);
  return m;
}

export function openApiRoot(catalogue: Catalogue, gitVersion: string): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, gv] of openApiGroupVersions(catalogue)) {
    const hash = createHash('sha512').update(JSON.stringify(openApiDocument(gv, gitVersion))).digest('hex').slice(0, 64).toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { paths };
}
