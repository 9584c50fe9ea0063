import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeStandIn, StandInConfigError, type KubeStandIn } from './index';
import { AGGREGATED_ACCEPT, TABLE_ACCEPT, fixturesYaml, request, watch } from './testing';

const FIXTURES = path.join(__dirname, '../../fixtures/crs');
const LEGACY = '/apis/sagemaker.aws.amazon.com/v1';
const ACK = '/apis/sagemaker.services.k8s.aws/v1alpha1';
const ACK_V = 'sagemaker.services.k8s.aws/v1alpha1';

let s: KubeStandIn;
const alice = { token: 'alice-token' };

beforeAll(async () => {
  s = await startKubeStandIn({
    scenario: {
      namespaces: [{ name: 'ml-team', annotations: { 'services.k8s.aws/default-region': 'us-west-2', 'services.k8s.aws/endpoint-url': 'https://sm.example' } }, { name: 'locked' }],
      users: [
        { name: 'alice', groups: ['ml-engineers'], tokens: ['alice-token'] },
        { name: 'bob', tokens: ['bob-token'] },
      ],
      policy: { rules: [{ user: 'bob', namespace: 'locked' }, { user: 'bob', verb: 'delete', group: 'sagemaker.services.k8s.aws' }, { user: 'bob', verb: 'list', namespace: '' }] },
    },
    bookmarkIntervalMs: 100,
  });
  s.loadObjects(fixturesYaml(FIXTURES));
});
afterAll(() => s.close());

describe('authentication', () => {
  it('no credentials: 401 with the Unauthorized Status, except /version', async () => {
    const r = await request(s, '/apis');
    expect(r.status).toBe(401);
    expect(r.text).toBe('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}');
    expect(r.headers['content-type']).toBe('application/json');
    expect((await request(s, '/version')).json.minor).toBe('32');
    expect((await request(s, '/healthz')).text).toBe('ok');
  });

  it('a bad token is refused everywhere, /version included', async () => {
    expect((await request(s, '/version', { token: 'wrong' })).status).toBe(401);
    expect((await request(s, `${ACK}/namespaces/ml-team/trainingjobs`, { token: 'wrong' })).status).toBe(401);
  });

  it('tokens and client certificates authenticate; the request log records who and how', async () => {
    s.requests.length = 0;
    expect((await request(s, '/api', alice)).status).toBe(200);
    const cert = s.issueClientCert('carol', ['ml-engineers']);
    const r = await request(s, `${ACK}/namespaces/ml-team/trainingjobs?limit=1`, { cert, accept: 'application/json' });
    expect(r.status).toBe(200);
    expect(s.requests.map(({ time: _t, userAgent: _u, ...e }) => e)).toEqual([
      { method: 'GET', path: '/api', query: {}, authKind: 'token', user: 'alice', status: 200 },
      { method: 'GET', path: `${ACK}/namespaces/ml-team/trainingjobs`, query: { limit: '1' }, accept: 'application/json', authKind: 'cert', user: 'carol', status: 200 },
    ]);
    expect(typeof s.requests[0]!.time).toBe('number');
  });

  it('a certificate from another CA does not authenticate', async () => {
    const other = await startKubeStandIn();
    try {
      const foreign = other.issueClientCert('mallory');
      expect((await request(s, '/apis', { cert: foreign })).status).toBe(401);
      // ... but a valid token next to it still does (union of authenticators).
      expect((await request(s, '/apis', { cert: foreign, token: 'alice-token' })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('addTokenUser registers tokens at run time', async () => {
    s.addTokenUser('dave', 'dave-token', ['ops']);
    const r = await request(s, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { token: 'dave-token', method: 'POST', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(r.status).toBe(201);
    expect(r.json.status.userInfo).toEqual({ username: 'dave', groups: ['ops', 'system:authenticated'] });
  });
});

describe('discovery', () => {
  it('aggregated when asked, with the exact Content-Type', async () => {
    const r = await request(s, '/apis', { ...alice, accept: AGGREGATED_ACCEPT });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(r.json.kind).toBe('APIGroupDiscoveryList');
    const beta = await request(s, '/api', { ...alice, accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList;profile=nopeer,application/json' });
    expect(beta.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
    expect(beta.json.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
  });

  it('legacy otherwise', async () => {
    const api = await request(s, '/api', alice);
    expect(api.headers['content-type']).toBe('application/json');
    expect(api.json).toEqual({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${s.port}` }] });
    const apis = await request(s, '/apis', alice);
    expect(apis.json.kind).toBe('APIGroupList');
    const core = await request(s, '/api/v1', alice);
    expect(core.json.resources.map((r: any) => r.name)).toEqual(['endpoints', 'namespaces', 'namespaces/finalize', 'namespaces/status']);
    const gv = await request(s, `${ACK}`, alice);
    expect(gv.json.resources.map((r: any) => r.name)).toContain('endpoints/status');
    expect((await request(s, '/apis/sagemaker.services.k8s.aws', alice)).json).toMatchObject({ kind: 'APIGroup', name: 'sagemaker.services.k8s.aws' });
  });

  it('legacy-only mode never answers aggregated', async () => {
    const old = await startKubeStandIn({ discovery: 'legacy', minor: 28 });
    try {
      old.addTokenUser('u', 'u-token');
      const r = await request(old, '/apis', { token: 'u-token', accept: AGGREGATED_ACCEPT });
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.json.kind).toBe('APIGroupList');
      expect((await request(old, '/version')).json).toMatchObject({ minor: '28', gitVersion: 'v1.28.15' });
    } finally {
      await old.close();
    }
  });

  it('uninstalled groups disappear from discovery and their paths 404', async () => {
    s.setGroups(['ack']);
    try {
      const apis = await request(s, '/apis', alice);
      expect(apis.json.groups.map((g: any) => g.name)).not.toContain('sagemaker.aws.amazon.com');
      for (const p of [LEGACY, `${LEGACY}/namespaces/ml-team/trainingjobs`, `${LEGACY}/namespaces/ml-team/trainingjobs/xgboost-mnist`, '/apis/sagemaker.aws.amazon.com']) {
        const r = await request(s, p, alice);
        expect(r.status).toBe(404);
        expect(r.json).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
      }
    } finally {
      s.setGroups(['legacy', 'ack']);
    }
    expect((await request(s, `${LEGACY}/namespaces/ml-team/trainingjobs/xgboost-mnist`, alice)).status).toBe(200);
  });
});

describe('OpenAPI v3 (for kubectl apply)', () => {
  it('the root lists served group/versions; CRs take no strategic merge patch, core does', async () => {
    const root = await request(s, '/openapi/v3', alice);
    expect(Object.keys(root.json.paths)).toEqual(['api/v1', 'apis/sagemaker.aws.amazon.com/v1', 'apis/sagemaker.services.k8s.aws/v1alpha1']);
    const url = root.json.paths['apis/sagemaker.services.k8s.aws/v1alpha1'].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/sagemaker\.services\.k8s\.aws\/v1alpha1\?hash=[0-9A-F]{64}$/);
    const doc = (await request(s, url, alice)).json;
    const item = doc.paths['/apis/sagemaker.services.k8s.aws/v1alpha1/namespaces/{namespace}/trainingjobs/{name}'];
    expect(item.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'sagemaker.services.k8s.aws', version: 'v1alpha1', kind: 'TrainingJob' });
    expect(Object.keys(item.patch.requestBody.content).sort()).toEqual(['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json']);
    expect(item.patch.parameters.map((p: any) => p.name)).toContain('fieldValidation');
    expect(doc.components.schemas['aws.k8s.services.sagemaker.v1alpha1.TrainingJob']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1', kind: 'TrainingJob' },
    ]);
    const core = (await request(s, '/openapi/v3/api/v1', alice)).json;
    expect(Object.keys(core.paths['/api/v1/namespaces/{name}'].patch.requestBody.content)).toContain('application/strategic-merge-patch+json');
    expect((await request(s, '/openapi/v3/apis/nope/v1', alice)).status).toBe(404);
  });
});

describe('objects', () => {
  it('GET returns the stored object (fixture resourceVersion kept)', async () => {
    const r = await request(s, `${ACK}/namespaces/ml-team/trainingjobs/resnet50-finetune`, alice);
    expect(r.status).toBe(200);
    expect(r.json.metadata).toMatchObject({ name: 'resnet50-finetune', namespace: 'ml-team', uid: 'e7a2c915-4d3b-4f0a-8b6e-5c19d2f7a803', resourceVersion: '48213377' });
    expect(r.json.status.trainingJobStatus).toBe('InProgress');
  });

  it('GET of a missing object: the NotFound Status', async () => {
    const r = await request(s, `${LEGACY}/namespaces/ml-team/trainingjobs/nope`, alice);
    expect(r.status).toBe(404);
    expect(r.text).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"trainingjobs.sagemaker.aws.amazon.com \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","group":"sagemaker.aws.amazon.com","kind":"trainingjobs"},"code":404}',
    );
  });

  it('GET as a Table: one row, PartialObjectMetadata, the object resourceVersion', async () => {
    const r = await request(s, `${LEGACY}/namespaces/ml-team/trainingjobs/xgboost-mnist`, { ...alice, accept: TABLE_ACCEPT });
    expect(r.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(r.json.metadata).toEqual({ resourceVersion: '4820117' });
    expect(r.json.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Status', 'Secondary-Status', 'Creation-Time', 'Sagemaker-Job-Name']);
    expect(r.json.rows).toHaveLength(1);
    expect(r.json.rows[0].cells).toEqual(['xgboost-mnist', 'InProgress', 'Training', '2022-05-03T08:02:11Z', 'xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84']);
    expect(r.json.rows[0].object.kind).toBe('PartialObjectMetadata');
    expect(r.json.rows[0].object.metadata.namespace).toBe('ml-team');
  });

  it('LIST: <Kind>List with the list resourceVersion', async () => {
    const r = await request(s, `${ACK}/namespaces/ml-team/trainingjobs`, alice);
    expect(Object.keys(r.json)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
    expect(r.json.apiVersion).toBe(ACK_V);
    expect(r.json.kind).toBe('TrainingJobList');
    expect(r.json.metadata).toEqual({ resourceVersion: s.store.resourceVersion });
    expect(r.json.items.map((o: any) => o.metadata.name)).toEqual(['bert-sentiment', 'llama-lora-sft', 'resnet50-finetune']);
    expect(r.json.items[0].kind).toBe('TrainingJob');
    const empty = await request(s, `${ACK}/namespaces/nowhere/trainingjobs`, alice);
    expect(empty.json.items).toEqual([]);
  });

  it('LIST across namespaces, with label and field selectors', async () => {
    s.store.put({ apiVersion: ACK_V, kind: 'TrainingJob', metadata: { name: 'other-ns-job', namespace: 'team-b', labels: { team: 'b' } } });
    const all = await request(s, `${ACK}/trainingjobs`, alice);
    expect(all.json.items.map((o: any) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'ml-team/bert-sentiment',
      'ml-team/llama-lora-sft',
      'ml-team/resnet50-finetune',
      'team-b/other-ns-job',
    ]);
    const byLabel = await request(s, `${ACK}/trainingjobs?labelSelector=team%3Db`, alice);
    expect(byLabel.json.items.map((o: any) => o.metadata.name)).toEqual(['other-ns-job']);
    const byName = await request(s, `${ACK}/namespaces/ml-team/trainingjobs?fieldSelector=metadata.name%3Dbert-sentiment`, alice);
    expect(byName.json.items.map((o: any) => o.metadata.name)).toEqual(['bert-sentiment']);
    const bad = await request(s, `${ACK}/trainingjobs?fieldSelector=spec.x%3D1`, alice);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"');
    s.store.remove(ACK_V, 'TrainingJob', 'team-b', 'other-ns-job');
  });

  it('LIST pages with limit and continue', async () => {
    const p1 = await request(s, `${LEGACY}/namespaces/ml-team/trainingjobs?limit=2`, alice);
    expect(p1.json.items.map((o: any) => o.metadata.name)).toEqual(['9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', 'churn-xgb']);
    expect(p1.json.metadata.remainingItemCount).toBe(1);
    const rv = p1.json.metadata.resourceVersion;
    s.store.mutate('sagemaker.aws.amazon.com/v1', 'TrainingJob', 'ml-team', 'churn-xgb', (o) => {
      o.metadata.labels = { touched: 'yes' };
    });
    const p2 = await request(s, `${LEGACY}/namespaces/ml-team/trainingjobs?limit=2&continue=${encodeURIComponent(p1.json.metadata.continue)}`, alice);
    expect(p2.json.items.map((o: any) => o.metadata.name)).toEqual(['xgboost-mnist']);
    expect(p2.json.metadata.continue).toBeUndefined();
    expect(p2.json.metadata.resourceVersion).toBe(rv);
    const table = await request(s, `${LEGACY}/namespaces/ml-team/trainingjobs?limit=1`, { ...alice, accept: TABLE_ACCEPT });
    expect(table.json.rows).toHaveLength(1);
    expect(typeof table.json.metadata.continue).toBe('string');
    const bad = await request(s, `${LEGACY}/namespaces/ml-team/trainingjobs?continue=garbage`, alice);
    expect(bad.status).toBe(400);
  });

  it('LIST as a Table across namespaces; includeObject', async () => {
    const r = await request(s, `${LEGACY}/hyperparametertuningjobs`, { ...alice, accept: TABLE_ACCEPT });
    expect(r.json.rows[0].cells).toEqual(['xgboost-mnist-hpo', 'Completed', '2022-05-03T09:13:58Z', 8, 0, 0, 2, '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61']);
    expect(r.json.rows[0].object.metadata.namespace).toBe('ml-team');
    const none = await request(s, `${LEGACY}/hyperparametertuningjobs?includeObject=None`, { ...alice, accept: TABLE_ACCEPT });
    expect(none.json.rows[0].object).toBeUndefined();
    const full = await request(s, `${LEGACY}/hyperparametertuningjobs?includeObject=Object`, { ...alice, accept: TABLE_ACCEPT });
    expect(full.json.rows[0].object.kind).toBe('HyperparameterTuningJob');
    const beta = await request(s, `${LEGACY}/hyperparametertuningjobs`, { ...alice, accept: 'application/json;as=Table;v=v1beta1;g=meta.k8s.io' });
    expect(beta.json.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect((await request(s, `${LEGACY}/hyperparametertuningjobs`, { ...alice, accept: 'application/yaml' })).status).toBe(406);
  });

  it('PartialObjectMetadataList', async () => {
    const r = await request(s, `${ACK}/namespaces/ml-team/endpoints`, { ...alice, accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' });
    expect(r.json.kind).toBe('PartialObjectMetadataList');
    expect(r.json.items).toEqual([{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: expect.objectContaining({ name: 'churn-endpoint' }) }]);
  });

  it('namespaces carry their annotations; core lists drop item kinds; core endpoints are separate', async () => {
    const ns = await request(s, '/api/v1/namespaces/ml-team', alice);
    expect(ns.json).toMatchObject({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'ml-team', annotations: { 'services.k8s.aws/default-region': 'us-west-2', 'services.k8s.aws/endpoint-url': 'https://sm.example' } },
      status: { phase: 'Active' },
    });
    const list = await request(s, '/api/v1/namespaces', alice);
    expect(list.json.kind).toBe('NamespaceList');
    expect(list.json.items.map((n: any) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'locked', 'ml-team', 'team-b']);
    expect(list.json.items[0].kind).toBeUndefined();
    expect((await request(s, '/api/v1/namespaces/missing', alice)).json.message).toBe('namespaces "missing" not found');
    expect((await request(s, '/api/v1/namespaces/ml-team/endpoints', alice)).json).toMatchObject({ kind: 'EndpointsList', items: [] });
  });
});

describe('authorization', () => {
  const bob = { token: 'bob-token' };
  it('403 for get, list and watch, namespaced and cluster-wide', async () => {
    const get = await request(s, `${LEGACY}/namespaces/locked/trainingjobs/foo`, bob);
    expect(get.status).toBe(403);
    expect(get.text).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"trainingjobs.sagemaker.aws.amazon.com \\"foo\\" is forbidden: User \\"bob\\" cannot get resource \\"trainingjobs\\" in API group \\"sagemaker.aws.amazon.com\\" in the namespace \\"locked\\"","reason":"Forbidden","details":{"name":"foo","group":"sagemaker.aws.amazon.com","kind":"trainingjobs"},"code":403}',
    );
    const list = await request(s, `${LEGACY}/namespaces/locked/trainingjobs`, bob);
    expect(list.json.message).toBe('trainingjobs.sagemaker.aws.amazon.com is forbidden: User "bob" cannot list resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "locked"');
    const w = await request(s, `${LEGACY}/namespaces/locked/trainingjobs?watch=1`, bob);
    expect(w.json.message).toBe('trainingjobs.sagemaker.aws.amazon.com is forbidden: User "bob" cannot watch resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "locked"');
    const all = await request(s, `${ACK}/trainingjobs`, bob);
    expect(all.json.message).toBe('trainingjobs.sagemaker.services.k8s.aws is forbidden: User "bob" cannot list resource "trainingjobs" in API group "sagemaker.services.k8s.aws" at the cluster scope');
    const core = await request(s, '/api/v1/namespaces/locked', bob);
    expect(core.json.message).toBe('namespaces "locked" is forbidden: User "bob" cannot get resource "namespaces" in API group "" in the namespace "locked"');
    expect((await request(s, `${ACK}/namespaces/ml-team/trainingjobs`, bob)).status).toBe(200);
  });

  it('SelfSubjectAccessReview answers 201 from the same policy', async () => {
    const review = (verb: string, group: string, who = bob) =>
      request(s, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        ...who,
        method: 'POST',
        body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: { resourceAttributes: { namespace: 'ml-team', verb, group, resource: 'trainingjobs', name: 'x' } } },
      });
    const no = await review('delete', 'sagemaker.services.k8s.aws');
    expect(no.status).toBe(201);
    expect(no.json).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'ml-team', verb: 'delete', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs', name: 'x' } },
      status: { allowed: false, denied: true },
    });
    expect((await review('delete', 'sagemaker.aws.amazon.com')).json.status).toEqual({ allowed: true });
    expect((await review('delete', 'sagemaker.services.k8s.aws', alice)).json.status).toEqual({ allowed: true });
    s.policy.deny({ user: 'alice', verb: 'delete', reason: 'frozen' });
    try {
      expect((await review('delete', 'sagemaker.services.k8s.aws', alice)).json.status).toEqual({ allowed: false, denied: true, reason: 'frozen' });
      // and the real request is refused the same way
      const del = await request(s, `${ACK}/namespaces/ml-team/trainingjobs/x`, { ...alice, method: 'DELETE' });
      expect(del.status).toBe(403);
    } finally {
      s.policy.allowAll();
      for (const r of [{ user: 'bob', namespace: 'locked' }, { user: 'bob', verb: 'delete', group: 'sagemaker.services.k8s.aws' }, { user: 'bob', verb: 'list', namespace: '' }]) s.policy.deny(r);
    }
    const bad = await request(s, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { ...alice, method: 'POST', body: { spec: {} } });
    expect(bad.status).toBe(422);
    expect((await request(s, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', alice)).status).toBe(405);
  });

  it('reads protobuf SelfSubjectAccessReviews (what kubectl posts)', async () => {
    const str = (no: number, v: string) => Buffer.concat([Buffer.from([(no << 3) | 2, Buffer.byteLength(v)]), Buffer.from(v)]);
    const msg = (no: number, body: Buffer) => Buffer.concat([Buffer.from([(no << 3) | 2, body.length]), body]);
    const ra = Buffer.concat([str(1, 'ml-team'), str(2, 'delete'), str(3, 'sagemaker.services.k8s.aws'), str(5, 'trainingjobs')]);
    const raw = Buffer.concat([msg(1, Buffer.alloc(0)), msg(2, msg(1, ra))]);
    const typeMeta = Buffer.concat([str(1, 'authorization.k8s.io/v1'), str(2, 'SelfSubjectAccessReview')]);
    const body = Buffer.concat([Buffer.from('k8s\0', 'binary'), msg(1, typeMeta), msg(2, raw)]);
    const r = await request(s, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      token: 'bob-token',
      method: 'POST',
      body,
      contentType: 'application/vnd.kubernetes.protobuf',
      accept: 'application/vnd.kubernetes.protobuf,application/json',
    });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json.spec.resourceAttributes).toEqual({ namespace: 'ml-team', verb: 'delete', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs' });
    expect(r.json.status).toEqual({ allowed: false, denied: true });
  });

  it('impersonation needs the impersonate verb', async () => {
    const r = await request(s, '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      ...alice,
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      headers: { 'Impersonate-User': 'bob', 'Impersonate-Group': ['g1', 'g2'] },
    });
    expect(r.json.status.userInfo).toEqual({ username: 'bob', groups: ['g1', 'g2', 'system:authenticated'] });
    s.policy.deny({ user: 'alice', verb: 'impersonate' });
    try {
      const no = await request(s, '/apis', { ...alice, headers: { 'Impersonate-User': 'bob' } });
      expect(no.status).toBe(403);
      expect(no.json.message).toBe('users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
    } finally {
      s.policy.allowAll();
      for (const r of [{ user: 'bob', namespace: 'locked' }, { user: 'bob', verb: 'delete', group: 'sagemaker.services.k8s.aws' }, { user: 'bob', verb: 'list', namespace: '' }]) s.policy.deny(r);
    }
  });
});

describe('watch', () => {
  const path1 = `${ACK}/namespaces/ml-team/trainingjobs`;

  it('from "now": ADDED for what exists, then live changes; NDJSON over chunked HTTP', async () => {
    const w = watch(s, `${path1}?watch=true&fieldSelector=metadata.name%3Dresnet50-finetune`, alice);
    expect(await w.status).toBe(200);
    const h = await w.headers;
    expect(h['content-type']).toBe('application/json');
    expect(h['transfer-encoding']).toBe('chunked');
    await w.waitFor(1);
    expect(w.events[0].type).toBe('ADDED');
    expect(w.events[0].object.metadata.name).toBe('resnet50-finetune');
    s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'resnet50-finetune', (o) => {
      (o.status as any).secondaryStatus = 'Uploading';
    });
    s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'bert-sentiment', (o) => {
      o.metadata.labels = { x: 'y' };
    });
    const [, mod] = await w.waitFor(2);
    expect(mod.type).toBe('MODIFIED');
    expect(mod.object.status.secondaryStatus).toBe('Uploading');
    expect(mod.object.metadata.resourceVersion).toBe(s.store.get(ACK_V, 'TrainingJob', 'ml-team', 'resnet50-finetune')!.metadata.resourceVersion);
    w.close();
  });

  it('from a resourceVersion: replays later events only; DELETED; selector transitions', async () => {
    const rv = s.store.resourceVersion;
    s.store.put({ apiVersion: ACK_V, kind: 'TrainingJob', metadata: { name: 'w1', namespace: 'ml-team', labels: { watch: 'me' } } });
    const w = watch(s, `${path1}?watch=1&resourceVersion=${rv}&labelSelector=watch%3Dme`, alice);
    await w.waitFor(1);
    s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'w1', (o) => {
      o.metadata.labels = { watch: 'not-me' };
    });
    s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'w1', (o) => {
      o.metadata.labels = { watch: 'me' };
    });
    s.store.remove(ACK_V, 'TrainingJob', 'ml-team', 'w1');
    const ev = await w.waitFor(4);
    expect(ev.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:w1', 'DELETED:w1', 'ADDED:w1', 'DELETED:w1']);
    w.close();
  });

  it('BOOKMARK events when allowed, and timeoutSeconds ends the stream (with a last bookmark)', async () => {
    const w = watch(s, `${path1}?watch=true&resourceVersion=${s.store.resourceVersion}&allowWatchBookmarks=true&timeoutSeconds=1`, alice);
    await w.ended;
    const bookmarks = w.events.filter((e) => e.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThanOrEqual(2);
    expect(bookmarks[0]).toEqual({ type: 'BOOKMARK', object: { kind: 'TrainingJob', apiVersion: ACK_V, metadata: { resourceVersion: s.store.resourceVersion } } });
    expect(w.events.every((e) => e.type === 'BOOKMARK')).toBe(true);
  });

  it('sendInitialEvents ends the initial list with the initial-events-end bookmark', async () => {
    const w = watch(s, `${path1}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`, alice);
    const ev = await w.waitFor(4);
    expect(ev.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'ADDED', 'BOOKMARK']);
    expect(ev[3].object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    w.close();
  });

  it('a too-old resourceVersion gets one ERROR event with the 410 Expired Status', async () => {
    const before = Number(s.store.resourceVersion);
    s.store.compact();
    s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'bert-sentiment', (o) => {
      o.metadata.labels = { compacted: 'yes' };
    });
    const w = watch(s, `${path1}?watch=true&resourceVersion=${before - 1}`, alice);
    expect(await w.status).toBe(200);
    await w.ended;
    expect(w.events).toEqual([
      {
        type: 'ERROR',
        object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${before - 1} (${before})`, reason: 'Expired', code: 410 },
      },
    ]);
  });

  it('Table watches carry one-row Tables; headers only in the first', async () => {
    const w = watch(s, `${path1}?watch=true`, { ...alice, accept: TABLE_ACCEPT });
    const ev = await w.waitFor(3);
    expect(ev[0].object.kind).toBe('Table');
    expect(ev[0].object.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'FAILURE-REASON', 'SECONDARY-STATUS', 'STATUS']);
    expect(ev[1].object.columnDefinitions).toBeNull();
    expect(ev[2].object.rows[0].cells[0]).toBe('resnet50-finetune');
    w.close();
  });

  it('close() ends open watches', async () => {
    const extra = await startKubeStandIn();
    extra.addTokenUser('u', 't');
    const w = watch(extra, `${ACK}/trainingjobs?watch=true`, { token: 't' });
    expect(await w.status).toBe(200);
    await extra.close();
    await w.ended;
  });
});

describe('writes', () => {
  const base = `${ACK}/namespaces/ml-team/trainingjobs`;
  const body = (name: string) => ({ apiVersion: ACK_V, kind: 'TrainingJob', metadata: { name }, spec: { trainingJobName: name }, status: { trainingJobStatus: 'Ignored' } });

  it('create: 201, status stripped, generation 1; 409 when it exists; 404 for a missing namespace', async () => {
    const r = await request(s, base, { ...alice, method: 'POST', body: body('new-job') });
    expect(r.status).toBe(201);
    expect(r.json.metadata).toMatchObject({ name: 'new-job', namespace: 'ml-team', generation: 1 });
    expect(r.json.status).toBeUndefined();
    const again = await request(s, base, { ...alice, method: 'POST', body: body('new-job') });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('trainingjobs.sagemaker.services.k8s.aws "new-job" already exists');
    const nsMissing = await request(s, `${ACK}/namespaces/ghost/trainingjobs`, { ...alice, method: 'POST', body: body('x') });
    expect(nsMissing.status).toBe(404);
    expect(nsMissing.json.message).toBe('namespaces "ghost" not found');
    const wrongKind = await request(s, base, { ...alice, method: 'POST', body: { ...body('y'), apiVersion: 'sagemaker.aws.amazon.com/v1' } });
    expect(wrongKind.status).toBe(400);
  });

  it('update and patch: conflicts, generation, the status subresource', async () => {
    const cur = (await request(s, `${base}/new-job`, alice)).json;
    const stale = { ...cur, metadata: { ...cur.metadata, resourceVersion: '1' } };
    expect((await request(s, `${base}/new-job`, { ...alice, method: 'PUT', body: stale })).status).toBe(409);
    const upd = await request(s, `${base}/new-job`, { ...alice, method: 'PUT', body: { ...cur, spec: { trainingJobName: 'renamed' } } });
    expect(upd.status).toBe(200);
    expect(upd.json.metadata.generation).toBe(2);
    const st = await request(s, `${base}/new-job/status`, {
      ...alice,
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { trainingJobStatus: 'InProgress' }, spec: { trainingJobName: 'ignored' } },
    });
    expect(st.json.status).toEqual({ trainingJobStatus: 'InProgress' });
    expect(st.json.spec.trainingJobName).toBe('renamed');
    expect(st.json.metadata.generation).toBe(2);
    const jp = await request(s, `${base}/new-job`, {
      ...alice,
      method: 'PATCH',
      contentType: 'application/json-patch+json',
      body: [{ op: 'add', path: '/metadata/labels', value: { a: 'b' } }],
    });
    expect(jp.json.metadata.labels).toEqual({ a: 'b' });
    expect(jp.json.metadata.generation).toBe(2);
    const smp = await request(s, `${base}/new-job`, { ...alice, method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: {} });
    expect(smp.status).toBe(415);
  });

  it('delete: finalizers hold the object with a deletionTimestamp until removed', async () => {
    await request(s, `${base}/new-job`, {
      ...alice,
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: ['finalizers.sagemaker.services.k8s.aws/TrainingJob'] } },
    });
    const del = await request(s, `${base}/new-job`, { ...alice, method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(del.json.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await request(s, `${base}/new-job`, alice)).status).toBe(200);
    const fin = await request(s, `${base}/new-job`, { ...alice, method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { finalizers: null } } });
    expect(fin.status).toBe(200);
    expect((await request(s, `${base}/new-job`, alice)).status).toBe(404);
    expect((await request(s, `${base}/new-job`, { ...alice, method: 'DELETE' })).status).toBe(404);
  });
});

describe('start-up errors', () => {
  it('a busy port is one clear StandInConfigError', async () => {
    const err = await startKubeStandIn({ port: s.port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StandInConfigError);
    expect((err as Error).message).toBe(`port ${s.port} on 127.0.0.1 is already in use`);
  });

  it('bad options are refused', async () => {
    await expect(startKubeStandIn({ minor: 1.5 })).rejects.toThrow('startKubeStandIn: minor must be a whole number such as 32, got 1.5');
    await expect(startKubeStandIn({ groups: ['nope' as 'ack'] })).rejects.toThrow('startKubeStandIn: groups: unknown family "nope" (expected "legacy" or "ack")');
  });
});

describe('fault injection', () => {
  it('error answers, delays and dropped connections, for a number of requests', async () => {
    const path1 = `${ACK}/namespaces/ml-team/trainingjobs`;
    s.faults.add({ path: path1, status: 503, times: 1, retryAfterSeconds: 2 });
    const failed = await request(s, path1, alice);
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('2');
    expect(failed.text).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server is currently unable to handle the request","reason":"ServiceUnavailable","details":{"retryAfterSeconds":2},"code":503}',
    );
    expect((await request(s, path1, alice)).status).toBe(200);
    const remove = s.faults.add({ method: 'GET', path: /trainingjobs\?limit=1$/, delayMs: 300 });
    const t0 = Date.now();
    expect((await request(s, `${path1}?limit=1`, alice)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    remove();
    s.faults.add({ path: path1, reset: true, times: 1 });
    await expect(request(s, path1, alice)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(s.requests[s.requests.length - 1]!.status).toBe(-1);
    expect((await request(s, path1, alice)).status).toBe(200);
    s.faults.add({ status: 500 });
    expect((await request(s, '/version')).json.reason).toBe('InternalError');
    s.faults.clear();
    expect((await request(s, '/version')).status).toBe(200);
  });
});
