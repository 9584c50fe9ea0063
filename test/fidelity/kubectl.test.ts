// The real kubectl (the gcloud dispatcher and the kubectl it picks by the server's minor) against the
// Kubernetes stand-in: what users see must be what a real cluster shows.

import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, type IsolatedEnv } from '../helpers/env';
import { awsCliPath, isKubectlDispatcher, kubectlPath } from '../helpers/tools';
import { awsEksExec, startKubeStandIn, type KubeStandIn } from '../standins/kube';
import { fixturesYaml } from '../standins/kube/testing';

const FIXTURES = path.join(__dirname, '../fixtures/crs');
const ACK_V = 'sagemaker.services.k8s.aws/v1alpha1';
const fixture = (name: string) => YAML.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let env: IsolatedEnv;
let s: KubeStandIn;
const kc: Record<string, string> = {};

function kubectl(args: string[], opts: { kubeconfig?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const full = opts.kubeconfig ? ['--kubeconfig', opts.kubeconfig, ...args] : args;
  return new Promise((resolve) => {
    execFile(kubectlPath(), full, { env: opts.env ?? env.env, timeout: opts.timeoutMs ?? 20_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? ((err as unknown as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** kubectl's tabwriter: cells padded to the column width + 3 (min width 6); the last column is not padded. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(Math.max(widths[i]! + 3, 6)))).join('')).join('\n') + '\n';
}

beforeAll(async () => {
  env = isolatedEnv();
  s = await startKubeStandIn({
    scenario: {
      namespaces: [{ name: 'ml-team', annotations: { 'services.k8s.aws/default-region': 'us-west-2' } }, { name: 'locked' }, { name: 'empty' }],
      users: [
        { name: 'alice', groups: ['ml-engineers'], tokens: ['alice-token'] },
        { name: 'bob', tokens: ['bob-token'] },
        { name: 'eks-dev', groups: ['developers'], aws: { cluster: 'sandbox' } },
      ],
      policy: { rules: [{ user: 'bob', namespace: 'locked' }, { user: 'bob', verb: 'delete' }] },
    },
  });
  s.loadObjects(fixturesYaml(FIXTURES));
  const dir = env.home;
  kc.alice = s.writeKubeconfig(path.join(dir, 'alice.yaml'), { user: 'alice', auth: 'token' });
  kc.bob = s.writeKubeconfig(path.join(dir, 'bob.yaml'), { user: 'bob', auth: 'token', namespace: 'locked' });
  kc.bad = s.writeKubeconfig(path.join(dir, 'bad.yaml'), { user: 'alice', auth: 'token', token: 'not-a-valid-token' });
  kc.carol = s.writeKubeconfig(path.join(dir, 'carol.yaml'), { user: 'carol', auth: 'cert', groups: ['ml-engineers'], caFile: true });
  kc.dave = s.writeKubeconfig(path.join(dir, 'dave.yaml'), { user: 'dave', auth: 'cert-files', groups: ['ops'] });
  kc.aws = s.writeKubeconfig(path.join(dir, 'aws.yaml'), { user: 'aws-user', auth: awsEksExec({ cluster: 'sandbox', region: 'us-west-2', command: awsCliPath() }) });
});

afterAll(async () => {
  await s?.close();
  env?.cleanup();
});

describe('kubectl get', () => {
  it('legacy TrainingJobs: the CRD printer columns and the fixture rows, exactly', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'NAME                                            STATUS       SECONDARY-STATUS   CREATION-TIME          SAGEMAKER-JOB-NAME',
        '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41   Completed    Completed          2022-05-03T09:31:09Z   9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41',
        'churn-xgb                                       Completed    Completed          2022-05-03T06:40:52Z   churn-xgb-2022-05-03-a',
        'xgboost-mnist                                   InProgress   Training           2022-05-03T08:02:11Z   xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84',
        '',
      ].join('\n'),
    );
  });

  it('ACK TrainingJobs: FAILURE-REASON hidden (priority 1), empty cells for an unreconciled CR', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      table([
        ['NAME', 'SECONDARY-STATUS', 'STATUS'],
        ['bert-sentiment', 'Failed', 'Failed'],
        ['llama-lora-sft', '', ''],
        ['resnet50-finetune', 'Training', 'InProgress'],
      ]),
    );
  });

  it('-o wide shows FAILURE-REASON after NAME (a multi-line reason is cut at its first line)', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team', '-o', 'wide'], { kubeconfig: kc.alice });
    expect(r.stdout).toBe(
      table([
        ['NAME', 'FAILURE-REASON', 'SECONDARY-STATUS', 'STATUS'],
        ['bert-sentiment', 'AlgorithmError: ExecuteUserScriptError:...', 'Failed', 'Failed'],
        ['llama-lora-sft', '', '', ''],
        ['resnet50-finetune', '', 'Training', 'InProgress'],
      ]),
    );
  });

  it('-A adds NAMESPACE; number columns print as numbers', async () => {
    s.store.put({ ...fixture('legacy-hyperparametertuningjob-completed.yaml'), metadata: { name: 'nightly-hpo', namespace: 'research', creationTimestamp: '2022-06-01T00:00:00Z' }, status: { hyperParameterTuningJobStatus: 'InProgress', trainingJobStatusCounters: { completed: 3, inProgress: 2, totalError: 1, stopped: 0 } } });
    try {
      const r = await kubectl(['get', 'hyperparametertuningjobs.sagemaker.aws.amazon.com', '-A'], { kubeconfig: kc.alice });
      expect(r.stdout).toBe(
        table([
          ['NAMESPACE', 'NAME', 'STATUS', 'CREATION-TIME', 'COMPLETED', 'INPROGRESS', 'ERRORS', 'STOPPED', 'BEST-TRAINING-JOB', 'SAGEMAKER-JOB-NAME'],
          ['ml-team', 'xgboost-mnist-hpo', 'Completed', '2022-05-03T09:13:58Z', '8', '0', '0', '2', '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61'],
          ['research', 'nightly-hpo', 'InProgress', '2022-06-01T00:00:00Z', '3', '2', '1', '0', '', ''],
        ]),
      );
    } finally {
      s.store.remove('sagemaker.aws.amazon.com/v1', 'HyperparameterTuningJob', 'research', 'nightly-hpo');
    }
  });

  it('ACK endpoints and legacy hosting deployments by name', async () => {
    const ep = await kubectl(['get', 'endpoints.sagemaker.services.k8s.aws', 'churn-endpoint', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(ep.stdout).toBe(table([['NAME', 'STATUS'], ['churn-endpoint', 'InService']]));
    const hd = await kubectl(['get', 'hostingdeployments.sagemaker.aws.amazon.com', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(hd.stdout).toBe(table([['NAME', 'STATUS', 'SAGEMAKER-ENDPOINT-NAME'], ['xgboost-hosting', 'InService', 'xgboost-hosting-a41f0c228e3b4d0eb7c56f2e91d3a8b4']]));
  });

  it('a CRD without printer columns shows NAME and AGE', async () => {
    s.store.put({ apiVersion: ACK_V, kind: 'Model', metadata: { name: 'xgb-churn-model', namespace: 'ml-team', creationTimestamp: new Date(Date.now() - 3 * 3600e3).toISOString() } });
    try {
      const r = await kubectl(['get', 'models.sagemaker.services.k8s.aws', '-n', 'ml-team'], { kubeconfig: kc.alice });
      expect(r.stdout).toBe(table([['NAME', 'AGE'], ['xgb-churn-model', '3h']]));
    } finally {
      s.store.remove(ACK_V, 'Model', 'ml-team', 'xgb-churn-model');
    }
  });

  it('--chunk-size pages with limit/continue and prints one table; --sort-by asks for whole objects', async () => {
    s.requests.length = 0;
    const paged = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', '-n', 'ml-team', '--chunk-size=1'], { kubeconfig: kc.alice });
    const whole = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(paged.stdout).toBe(whole.stdout);
    const lists = s.requests.filter((q) => q.path === '/apis/sagemaker.aws.amazon.com/v1/namespaces/ml-team/trainingjobs');
    expect(lists.map((q) => `${q.query.limit}:${q.query.continue ? 'continue' : 'first'}`)).toEqual(['1:first', '1:continue', '1:continue', '500:first']);
    const sorted = await kubectl(['get', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team', '--sort-by=.status.trainingJobStatus', '-o', 'name'], { kubeconfig: kc.alice });
    // kubectl sorts missing values first
    expect(sorted.stdout).toBe('trainingjob.sagemaker.services.k8s.aws/llama-lora-sft\ntrainingjob.sagemaker.services.k8s.aws/bert-sentiment\ntrainingjob.sagemaker.services.k8s.aws/resnet50-finetune\n');
  });

  it('a bare plural served by both families resolves to the first group in discovery order (legacy)', async () => {
    const r = await kubectl(['get', 'trainingjobs', '-n', 'ml-team', '-o', 'name'], { kubeconfig: kc.alice });
    expect(r.stdout).toBe(
      [
        'trainingjob.sagemaker.aws.amazon.com/9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41',
        'trainingjob.sagemaker.aws.amazon.com/churn-xgb',
        'trainingjob.sagemaker.aws.amazon.com/xgboost-mnist',
        '',
      ].join('\n'),
    );
  });

  it('an empty namespace: "No resources found in <ns> namespace." and exit 0', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', '-n', 'empty'], { kubeconfig: kc.alice });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'No resources found in empty namespace.\n' });
  });

  it('a missing object: the NotFound line and exit 1', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', 'nope', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): trainingjobs.sagemaker.aws.amazon.com "nope" not found\n' });
  });

  it('-o json of one object is the fixture', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', 'xgboost-mnist', '-n', 'ml-team', '-o', 'json'], { kubeconfig: kc.alice });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(fixture('legacy-trainingjob-inprogress.yaml'));
  });

  it('core namespaces with their annotations; bare `endpoints` resolves to core v1', async () => {
    const ns = await kubectl(['get', 'namespace', 'ml-team', '-o', 'jsonpath={.metadata.annotations}'], { kubeconfig: kc.alice });
    expect(JSON.parse(ns.stdout)).toEqual({ 'services.k8s.aws/default-region': 'us-west-2' });
    s.requests.length = 0;
    const ep = await kubectl(['get', 'endpoints', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(ep).toEqual({ code: 0, stdout: '', stderr: 'No resources found in ml-team namespace.\n' });
    expect(s.requests.map((q) => q.path)).toContain('/api/v1/namespaces/ml-team/endpoints');
  });

  it('kubectl get --raw /version reports the chosen minor', async () => {
    const r = await kubectl(['get', '--raw', '/version'], { kubeconfig: kc.alice });
    expect(JSON.parse(r.stdout)).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.4' });
  });

  it('kubectl apply creates, then patches (JSON merge patch, as for any CR), with server-side field validation', async () => {
    const file = path.join(env.home, 'applied.yaml');
    const manifest = (jobName: string) =>
      `apiVersion: ${ACK_V}\nkind: TrainingJob\nmetadata:\n  name: applied-job\n  namespace: ml-team\nspec:\n  trainingJobName: ${jobName}\n`;
    writeFileSync(file, manifest('applied-job-1'));
    const created = await kubectl(['apply', '-f', file], { kubeconfig: kc.alice });
    expect(created).toEqual({ code: 0, stdout: 'trainingjob.sagemaker.services.k8s.aws/applied-job created\n', stderr: '' });
    writeFileSync(file, manifest('applied-job-2'));
    s.requests.length = 0;
    const patched = await kubectl(['apply', '-f', file], { kubeconfig: kc.alice });
    expect(patched).toEqual({ code: 0, stdout: 'trainingjob.sagemaker.services.k8s.aws/applied-job configured\n', stderr: '' });
    const patch = s.requests.find((q) => q.method === 'PATCH')!;
    expect(patch).toMatchObject({ contentType: 'application/merge-patch+json', query: { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' }, status: 200 });
    const stored = s.store.get(ACK_V, 'TrainingJob', 'ml-team', 'applied-job')!;
    expect(stored.spec).toEqual({ trainingJobName: 'applied-job-2' });
    expect(stored.metadata.generation).toBe(2);
    expect(stored.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toContain('applied-job-2');
    s.store.remove(ACK_V, 'TrainingJob', 'ml-team', 'applied-job');
  });

  it('kubectl delete (--wait=false) of a CR without finalizers', async () => {
    s.store.put({ apiVersion: ACK_V, kind: 'TrainingJob', metadata: { name: 'to-delete', namespace: 'ml-team' } });
    const r = await kubectl(['delete', 'trainingjobs.sagemaker.services.k8s.aws', 'to-delete', '-n', 'ml-team', '--wait=false'], { kubeconfig: kc.alice });
    expect(r).toEqual({ code: 0, stdout: 'trainingjob.sagemaker.services.k8s.aws "to-delete" deleted\n', stderr: '' });
    expect(s.store.get(ACK_V, 'TrainingJob', 'ml-team', 'to-delete')).toBeUndefined();
  });
});

describe('kubectl authentication and authorization', () => {
  it('a denied user gets the Forbidden line', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com'], { kubeconfig: kc.bob });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error from server (Forbidden): trainingjobs.sagemaker.aws.amazon.com is forbidden: User "bob" cannot list resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "locked"\n',
    });
    const one = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', 'x'], { kubeconfig: kc.bob });
    expect(one.stderr).toBe(
      'Error from server (Forbidden): trainingjobs.sagemaker.aws.amazon.com "x" is forbidden: User "bob" cannot get resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "locked"\n',
    );
  });

  it('a bad token gives the login error', async () => {
    const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', '-n', 'ml-team'], { kubeconfig: kc.bad });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
    expect(lines.slice(0, -1).length).toBeGreaterThan(0);
    for (const l of lines.slice(0, -1)) expect(l).toContain('couldn\'t get current server API group list: the server has asked for the client to provide credentials');
  });

  it('kubectl auth can-i follows the policy: yes/exit 0, no/exit 1', async () => {
    const yes = await kubectl(['auth', 'can-i', 'delete', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team'], { kubeconfig: kc.alice });
    expect(yes).toEqual({ code: 0, stdout: 'yes\n', stderr: '' });
    const no = await kubectl(['auth', 'can-i', 'delete', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team'], { kubeconfig: kc.bob });
    expect(no).toEqual({ code: 1, stdout: 'no\n', stderr: '' });
    const getOk = await kubectl(['auth', 'can-i', 'get', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team'], { kubeconfig: kc.bob });
    expect(getOk.stdout).toBe('yes\n');
  });

  it('token, client certificate (inline and files), and aws eks get-token users are who kubectl says', async () => {
    const whoami = (k: string) => kubectl(['auth', 'whoami'], { kubeconfig: k });
    expect((await whoami(kc.alice!)).stdout).toBe(table([['ATTRIBUTE', 'VALUE'], ['Username', 'alice'], ['Groups', '[ml-engineers system:authenticated]']]));
    expect((await whoami(kc.carol!)).stdout).toBe(table([['ATTRIBUTE', 'VALUE'], ['Username', 'carol'], ['Groups', '[ml-engineers system:authenticated]']]));
    expect((await whoami(kc.dave!)).stdout).toBe(table([['ATTRIBUTE', 'VALUE'], ['Username', 'dave'], ['Groups', '[ops system:authenticated]']]));
    s.requests.length = 0;
    const aws = await whoami(kc.aws!);
    expect(aws.stderr).toBe('');
    expect(aws.stdout).toBe(table([['ATTRIBUTE', 'VALUE'], ['Username', 'eks-dev'], ['Groups', '[developers system:authenticated]']]));
    expect(s.requests.every((q) => q.authKind === 'token' && q.user === 'eks-dev')).toBe(true);
    const get = await kubectl(['get', 'processingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team'], { kubeconfig: kc.aws });
    expect(get.stdout).toBe(table([['NAME', 'STATUS'], ['feature-prep', 'Completed']]));
    const cert = await kubectl(['get', 'batchtransformjobs.sagemaker.aws.amazon.com', '-n', 'ml-team'], { kubeconfig: kc.carol });
    expect(cert.stdout).toBe(
      table([
        ['NAME', 'STATUS', 'CREATION-TIME', 'SAGEMAKER-JOB-NAME'],
        ['xgboost-batch', 'InProgress', '2022-05-03T10:38:44Z', 'xgboost-batch-2a7d9f305c1e4b8a8f643e9b1c7d0a52'],
      ]),
    );
  });

  it('an exec plugin that fails: kubectl reports it', async () => {
    const script = path.join(env.home, 'failing-plugin.sh');
    writeFileSync(script, '#!/bin/sh\necho "no credentials here" >&2\nexit 3\n', { mode: 0o755 });
    const k = s.writeKubeconfig(path.join(env.home, 'failing.yaml'), { user: 'x', auth: { exec: { command: script } } });
    const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com', '-n', 'ml-team'], { kubeconfig: k });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no credentials here');
    expect(r.stderr).toContain(`getting credentials: exec: executable ${script} failed with exit code 3`);
  });
});

describe('kubectl watch', () => {
  it('--watch-only prints the MODIFIED row made through the store', async () => {
    s.requests.length = 0;
    const child = spawn(kubectlPath(), ['--kubeconfig', kc.alice!, 'get', 'trainingjobs.sagemaker.services.k8s.aws', '-n', 'ml-team', '--watch-only'], { env: env.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      // Wait until kubectl's watch request has reached the server.
      const deadline = Date.now() + 15_000;
      while (!s.requests.some((q) => q.query.watch === 'true' && q.path.endsWith('/namespaces/ml-team/trainingjobs') && q.status === 200)) {
        if (Date.now() > deadline) throw new Error('kubectl never started watching');
        await new Promise((r) => setTimeout(r, 50));
      }
      s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'resnet50-finetune', (o) => {
        (o.status as Record<string, unknown>).secondaryStatus = 'Uploading';
      });
      const want = table([
        ['NAME', 'SECONDARY-STATUS', 'STATUS'],
        ['resnet50-finetune', 'Uploading', 'InProgress'],
      ]);
      const until = Date.now() + 10_000;
      while (out !== want && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(out).toBe(want);
    } finally {
      child.kill('SIGKILL');
      s.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'resnet50-finetune', (o) => {
        (o.status as Record<string, unknown>).secondaryStatus = 'Training';
      });
    }
  });

  it('get NAME -w prints the row, then its change', async () => {
    const child = spawn(kubectlPath(), ['--kubeconfig', kc.alice!, 'get', 'trainingjobs.sagemaker.aws.amazon.com', 'xgboost-mnist', '-n', 'ml-team', '-w'], { env: env.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const row = (status: string, secondary: string) => ['xgboost-mnist', status, secondary, '2022-05-03T08:02:11Z', 'xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84'];
    const header = ['NAME', 'STATUS', 'SECONDARY-STATUS', 'CREATION-TIME', 'SAGEMAKER-JOB-NAME'];
    try {
      const first = table([header, row('InProgress', 'Training')]);
      const deadline = Date.now() + 15_000;
      while (!(out === first && s.openWatches > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toBe(first);
      s.store.mutate('sagemaker.aws.amazon.com/v1', 'TrainingJob', 'ml-team', 'xgboost-mnist', (o) => {
        Object.assign(o.status as object, { trainingJobStatus: 'Stopping', secondaryStatus: '' });
      });
      const want = table([header, row('InProgress', 'Training'), row('Stopping', '')]);
      const until = Date.now() + 10_000;
      while (out !== want && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(out).toBe(want);
    } finally {
      child.kill('SIGKILL');
      s.store.mutate('sagemaker.aws.amazon.com/v1', 'TrainingJob', 'ml-team', 'xgboost-mnist', (o) => {
        Object.assign(o.status as object, { trainingJobStatus: 'InProgress', secondaryStatus: 'Training' });
      });
    }
  });
});

describe('kubectl on namespaces', () => {
  it('create namespace (kubectl posts protobuf) and annotate (merge patch)', async () => {
    const created = await kubectl(['create', 'namespace', 'team-c'], { kubeconfig: kc.alice });
    expect(created).toEqual({ code: 0, stdout: 'namespace/team-c created\n', stderr: '' });
    const annotated = await kubectl(['annotate', 'namespace', 'team-c', 'services.k8s.aws/default-region=eu-west-1'], { kubeconfig: kc.alice });
    expect(annotated).toEqual({ code: 0, stdout: 'namespace/team-c annotated\n', stderr: '' });
    const ns = s.store.get('v1', 'Namespace', undefined, 'team-c')!;
    expect(ns.metadata.annotations).toEqual({ 'services.k8s.aws/default-region': 'eu-west-1' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-c' });
    expect(ns.status).toEqual({ phase: 'Active' });
    const again = await kubectl(['create', 'namespace', 'team-c'], { kubeconfig: kc.alice });
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "team-c" already exists\n' });
    const listed = await kubectl(['get', 'namespace', 'team-c'], { kubeconfig: kc.alice });
    expect(listed.stdout).toMatch(/^NAME +STATUS +AGE\nteam-c +Active +\d+s\n$/);
  });
});

describe('kubectl versions and discovery modes', () => {
  // Only the gcloud dispatcher chooses a kubectl by the server's minor.
  const dispatcherOnly = isKubectlDispatcher() ? it : it.skip;
  dispatcherOnly.each([27, 28, 29, 30, 31, 33])('the dispatcher picks kubectl 1.%i by /version and it prints the same table', async (minor) => {
    const other = await startKubeStandIn({ minor, scenario: { users: [{ name: 'u', tokens: ['u-token'] }] } });
    try {
      other.loadObjects(fixturesYaml(FIXTURES));
      const k = other.writeKubeconfig(path.join(env.home, `minor-${minor}.yaml`), { user: 'u', auth: 'token', namespace: 'ml-team' });
      const v = await kubectl(['version', '-o', 'json'], { kubeconfig: k });
      const info = JSON.parse(v.stdout);
      expect(info.clientVersion.minor).toBe(String(minor));
      expect(info.serverVersion.minor).toBe(String(minor));
      const r = await kubectl(['get', 'transformjobs.sagemaker.services.k8s.aws'], { kubeconfig: k });
      expect(r.stdout).toBe(table([['NAME', 'STATUS'], ['churn-batch-scoring', 'InProgress']]));
    } finally {
      await other.close();
    }
  });

  it('legacy discovery only: kubectl walks /apis/<group>/<version> and still resolves the CRDs', async () => {
    const old = await startKubeStandIn({ discovery: 'legacy', scenario: { users: [{ name: 'u', tokens: ['u-token'] }] } });
    try {
      old.loadObjects(fixturesYaml(FIXTURES));
      const k = old.writeKubeconfig(path.join(env.home, 'legacy-discovery.yaml'), { user: 'u', auth: 'token', namespace: 'ml-team' });
      const r = await kubectl(['get', 'processingjobs.sagemaker.aws.amazon.com'], { kubeconfig: k });
      expect(r.stdout).toBe(
        table([
          ['NAME', 'STATUS', 'CREATION-TIME', 'SAGEMAKER-JOB-NAME'],
          ['kmeans-mnist-preprocessing-nightly', 'InProgress', '2022-05-04T03:00:05Z', 'kmeans-mnist-preprocessing-nig-b5c80e129f3d4a67b2e471d6a0c95f38'],
        ]),
      );
      const paths = old.requests.map((q) => q.path);
      expect(paths).toContain('/apis/sagemaker.aws.amazon.com/v1');
      expect(paths).toContain('/apis/sagemaker.services.k8s.aws/v1alpha1');
      expect(old.requests.filter((q) => q.path === '/apis').every((q) => q.status === 200)).toBe(true);
      const hap = await kubectl(['get', 'hap'], { kubeconfig: k });
      expect(hap).toEqual({ code: 0, stdout: '', stderr: 'No resources found in ml-team namespace.\n' });
    } finally {
      await old.close();
    }
  });

  it('only the installed family is served: the other one is unknown to kubectl', async () => {
    const ackOnly = await startKubeStandIn({ groups: ['ack'], scenario: { users: [{ name: 'u', tokens: ['u-token'] }] } });
    try {
      const k = ackOnly.writeKubeconfig(path.join(env.home, 'ack-only.yaml'), { user: 'u', auth: 'token', namespace: 'ml-team' });
      const r = await kubectl(['get', 'trainingjobs.sagemaker.aws.amazon.com'], { kubeconfig: k });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: the server doesn\'t have a resource type "trainingjobs"\n');
    } finally {
      await ackOnly.close();
    }
  });
});
