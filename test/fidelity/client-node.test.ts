// @kubernetes/client-node 1.4.0 against the Kubernetes stand-in: authentication (token, client
// certificate, exec plugins including `aws eks get-token`), custom objects, reviews, watches, and
// errors surfacing as kube-wire.md §4 says.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ApiException,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, type IsolatedEnv } from '../helpers/env';
import { awsCliPath } from '../helpers/tools';
import { awsEksExec, startKubeStandIn, type KubeStandIn } from '../standins/kube';
import { fixturesYaml } from '../standins/kube/testing';

const FIXTURES = path.join(__dirname, '../fixtures/crs');
const LEGACY = { group: 'sagemaker.aws.amazon.com', version: 'v1' };
const ACK = { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1' };
const ACK_V = 'sagemaker.services.k8s.aws/v1alpha1';

let env: IsolatedEnv;
let s: KubeStandIn;

function load(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

async function caught(p: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiException);
    return e as ApiException<unknown>;
  }
  throw new Error('expected an ApiException');
}

beforeAll(async () => {
  env = isolatedEnv();
  s = await startKubeStandIn({
    scenario: {
      namespaces: [{ name: 'ml-team', annotations: { 'services.k8s.aws/default-region': 'us-west-2', 'services.k8s.aws/endpoint-url': 'https://sagemaker.example' } }],
      users: [
        { name: 'alice', tokens: ['alice-token'] },
        { name: 'bob', tokens: ['bob-token'] },
        { name: 'plugin-user', groups: ['plugins'], tokens: ['token-from-plugin'] },
        { name: 'eks-dev', groups: ['developers'], aws: { cluster: 'sandbox' } },
      ],
      policy: { rules: [{ user: 'bob', namespace: 'locked' }, { user: 'bob', verb: 'delete' }] },
    },
    bookmarkIntervalMs: 200,
  });
  s.loadObjects(fixturesYaml(FIXTURES));
});

afterAll(async () => {
  await s?.close();
  env?.cleanup();
});

describe('authentication', () => {
  it('bearer token: get and list custom objects', async () => {
    const kc = load(s.writeKubeconfig(path.join(env.home, 'alice.yaml'), { user: 'alice', auth: 'token' }));
    const api = kc.makeApiClient(CustomObjectsApi);
    const tj = (await api.getNamespacedCustomObject({ ...LEGACY, namespace: 'ml-team', plural: 'trainingjobs', name: 'xgboost-mnist' })) as any;
    expect(tj.kind).toBe('TrainingJob');
    expect(tj.spec.trainingJobName).toBe('xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84');
    const list = (await api.listNamespacedCustomObject({ ...ACK, namespace: 'ml-team', plural: 'trainingjobs' })) as any;
    expect(list.kind).toBe('TrainingJobList');
    expect(list.items.map((o: any) => o.metadata.name)).toEqual(['bert-sentiment', 'llama-lora-sft', 'resnet50-finetune']);
    const hpo = (await api.listClusterCustomObject({ ...LEGACY, plural: 'hyperparametertuningjobs' })) as any;
    expect(hpo.items.map((o: any) => o.kind)).toEqual(['HyperparameterTuningJob']);
    const last = s.requests[s.requests.length - 1]!;
    expect(last).toMatchObject({ user: 'alice', authKind: 'token', accept: 'application/json, */*;q=0.8' });
  });

  it('client certificate, inline and from files', async () => {
    for (const auth of ['cert', 'cert-files'] as const) {
      const kc = load(s.writeKubeconfig(path.join(env.home, `carol-${auth}.yaml`), { user: 'carol', auth, groups: ['ml-engineers'], caFile: auth === 'cert-files' }));
      s.requests.length = 0;
      const ep = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ ...ACK, namespace: 'ml-team', plural: 'endpoints', name: 'churn-endpoint' })) as any;
      expect(ep.status.endpointStatus).toBe('InService');
      expect(s.requests.map((q) => `${q.user}/${q.authKind}`)).toEqual(['carol/cert']);
    }
  });

  it('an exec credential plugin (a node script printing an ExecCredential)', async () => {
    const script = path.join(env.home, 'plugin.cjs');
    writeFileSync(
      script,
      `process.stdout.write(JSON.stringify({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1', status: { token: process.env.PLUGIN_TOKEN, expirationTimestamp: new Date(Date.now() + 600000).toISOString() } }));\n`,
    );
    const kc = load(
      s.writeKubeconfig(path.join(env.home, 'plugin.yaml'), {
        user: 'plugin',
        auth: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [script], env: { PLUGIN_TOKEN: 'token-from-plugin' } } },
      }),
    );
    s.requests.length = 0;
    const res = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'get', group: ACK.group, resource: 'trainingjobs', namespace: 'ml-team' } } },
    });
    expect(res.status?.allowed).toBe(true);
    expect(s.requests.map((q) => `${q.user}/${q.authKind}/${q.status}`)).toEqual(['plugin-user/token/201']);
  });

  it('`aws eks get-token` as the exec plugin: the token maps cluster sandbox to its user', async () => {
    const kc = load(
      s.writeKubeconfig(path.join(env.home, 'aws.yaml'), {
        user: 'aws',
        auth: awsEksExec({
          cluster: 'sandbox',
          command: awsCliPath(),
          env: { AWS_ACCESS_KEY_ID: env.env.AWS_ACCESS_KEY_ID!, AWS_SECRET_ACCESS_KEY: env.env.AWS_SECRET_ACCESS_KEY!, HOME: env.home, AWS_CONFIG_FILE: env.env.AWS_CONFIG_FILE!, AWS_SHARED_CREDENTIALS_FILE: env.env.AWS_SHARED_CREDENTIALS_FILE!, AWS_EC2_METADATA_DISABLED: 'true' },
        }),
      }),
    );
    s.requests.length = 0;
    const core = kc.makeApiClient(CoreV1Api);
    const ns = await core.readNamespace({ name: 'ml-team' });
    expect(ns.metadata?.annotations).toEqual({ 'services.k8s.aws/default-region': 'us-west-2', 'services.k8s.aws/endpoint-url': 'https://sagemaker.example' });
    const again = await core.readNamespace({ name: 'ml-team' });
    expect(again.metadata?.name).toBe('ml-team');
    expect(s.requests.map((q) => `${q.user}/${q.authKind}/${q.status}`)).toEqual(['eks-dev/token/200', 'eks-dev/token/200']);
  });
});

describe('errors as ApiException', () => {
  let alice: KubeConfig;
  beforeAll(() => {
    alice = load(s.writeKubeconfig(path.join(env.home, 'alice2.yaml'), { user: 'alice', auth: 'token' }));
  });

  it('404: code and the Status JSON as a string body', async () => {
    const e = await caught(alice.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ ...LEGACY, namespace: 'ml-team', plural: 'trainingjobs', name: 'nope' }));
    expect(e.code).toBe(404);
    expect(typeof e.body).toBe('string');
    expect(JSON.parse(e.body as string)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'trainingjobs.sagemaker.aws.amazon.com "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'sagemaker.aws.amazon.com', kind: 'trainingjobs' },
      code: 404,
    });
  });

  it('404 for an uninstalled group', async () => {
    s.setGroups(['ack']);
    try {
      const e = await caught(alice.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ ...LEGACY, namespace: 'ml-team', plural: 'trainingjobs', name: 'xgboost-mnist' }));
      expect(e.code).toBe(404);
      expect(JSON.parse(e.body as string).message).toBe('the server could not find the requested resource');
    } finally {
      s.setGroups(['legacy', 'ack']);
    }
  });

  it('403: the Forbidden Status', async () => {
    const bob = load(s.writeKubeconfig(path.join(env.home, 'bob.yaml'), { user: 'bob', auth: 'token' }));
    const e = await caught(bob.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({ ...ACK, namespace: 'locked', plural: 'trainingjobs' }));
    expect(e.code).toBe(403);
    expect(JSON.parse(e.body as string)).toMatchObject({
      reason: 'Forbidden',
      code: 403,
      message: 'trainingjobs.sagemaker.services.k8s.aws is forbidden: User "bob" cannot list resource "trainingjobs" in API group "sagemaker.services.k8s.aws" in the namespace "locked"',
    });
  });

  it('401: code 401 and no body', async () => {
    const bad = load(s.writeKubeconfig(path.join(env.home, 'bad.yaml'), { user: 'alice', auth: 'token', token: 'expired-token' }));
    const e = await caught(bad.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({ ...ACK, namespace: 'ml-team', plural: 'trainingjobs' }));
    expect(e.code).toBe(401);
    expect(e.body).toBeUndefined();
  });
});

describe('SelfSubjectAccessReview', () => {
  it('answers from the policy table: allowed, or denied', async () => {
    const review = async (user: string) => {
      const kc = load(s.writeKubeconfig(path.join(env.home, `ssar-${user}.yaml`), { user, auth: 'token' }));
      return kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { namespace: 'ml-team', verb: 'delete', group: ACK.group, resource: 'trainingjobs', name: 'resnet50-finetune' } },
        },
      });
    };
    const yes = await review('alice');
    expect(yes.status).toEqual({ allowed: true });
    expect(yes.spec.resourceAttributes).toEqual({ namespace: 'ml-team', verb: 'delete', group: ACK.group, resource: 'trainingjobs', name: 'resnet50-finetune' });
    const no = await review('bob');
    expect(no.status).toEqual({ allowed: false, denied: true });
  });
});

describe('Watch', () => {
  let kc: KubeConfig;
  beforeAll(() => {
    kc = load(s.writeKubeconfig(path.join(env.home, 'watcher.yaml'), { user: 'alice', auth: 'token' }));
  });

  it('receives the MODIFIED event of a store change, BOOKMARKs, and done(null) when the server ends the stream', async () => {
    const events: Array<{ type: string; name: string; status?: string }> = [];
    const list = (await kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({ ...ACK, namespace: 'ml-team', plural: 'trainingjobs' })) as any;
    let doneErr: unknown = 'not called';
    const finished = new Promise<void>((resolve) => {
      void new Watch(kc).watch(
        '/apis/sagemaker.services.k8s.aws/v1alpha1/namespaces/ml-team/trainingjobs',
        { resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 2 },
        (type, obj) => events.push({ type, name: obj.metadata.name, status: obj.status?.trainingJobStatus }),
        (err) => {
          doneErr = err;
          resolve();
        },
      );
    });
    const deadline = Date.now() + 5000;
    while (!s.requests.some((q) => q.query.watch === 'true' && q.status === 200 && q.user === 'alice')) {
      if (Date.now() > deadline) throw new Error('no watch request');
      await new Promise((r) => setTimeout(r, 20));
    }
    s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'resnet50-finetune', (o) => {
      (o.status as any).trainingJobStatus = 'Stopping';
    });
    await finished;
    expect(doneErr).toBeNull();
    const nonBookmarks = events.filter((e) => e.type !== 'BOOKMARK');
    expect(nonBookmarks).toEqual([{ type: 'MODIFIED', name: 'resnet50-finetune', status: 'Stopping' }]);
    expect(events.filter((e) => e.type === 'BOOKMARK').length).toBeGreaterThan(0);
    s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'resnet50-finetune', (o) => {
      (o.status as any).trainingJobStatus = 'InProgress';
    });
  });

  it('a too-old resourceVersion: an ERROR event carrying the 410 Status', async () => {
    const old = Number(s.store.resourceVersion) - 1;
    s.store.compact();
    const events: any[] = [];
    await new Promise<void>((resolve) => {
      void new Watch(kc).watch(
        '/apis/sagemaker.aws.amazon.com/v1/namespaces/ml-team/trainingjobs',
        { resourceVersion: String(old) },
        (type, obj) => events.push({ type, obj }),
        () => resolve(),
      );
    });
    expect(events).toEqual([
      { type: 'ERROR', obj: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${old} (${old + 1})`, reason: 'Expired', code: 410 } },
    ]);
  });

  it('a forbidden watch calls done with statusCode 403', async () => {
    const bob = load(s.writeKubeconfig(path.join(env.home, 'bob-watch.yaml'), { user: 'bob', auth: 'token' }));
    const err = await new Promise<any>((resolve) => {
      void new Watch(bob).watch('/apis/sagemaker.services.k8s.aws/v1alpha1/namespaces/locked/trainingjobs', {}, () => {}, resolve);
    });
    expect(err.statusCode).toBe(403);
    expect(err.message).toBe('Forbidden');
  });

  it('aborting from the client side ends the stream', async () => {
    let done!: (e: unknown) => void;
    const finished = new Promise((r) => (done = r));
    const before = s.openWatches;
    const ctrl = await new Watch(kc).watch('/apis/sagemaker.services.k8s.aws/v1alpha1/trainingjobs', {}, () => {}, done);
    expect(s.openWatches).toBe(before + 1);
    ctrl.abort();
    await finished;
    // the stand-in notices the client went away and forgets the watch
    const deadline = Date.now() + 2000;
    while (s.openWatches !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(s.openWatches).toBe(before);
  });
});
