// The cluster part of completion against the Kubernetes stand-in: names of a kind from both API
// groups, namespaces, kubeconfig entries, AWS profiles, and failures (which must reject, so that
// completion prints just the directive).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterCandidates } from '../../src/cli/completion-cluster';
import { crFixture } from '../helpers/fixtures';
import { startKubeStandIn, type KubeStandIn } from '../standins/kube';

let kube: KubeStandIn;
let dir: string;
let kubeconfig: string;
const env = (): NodeJS.ProcessEnv => ({ HOME: dir, KUBECONFIG: kubeconfig, PATH: process.env.PATH });

beforeAll(async () => {
  kube = await startKubeStandIn({ scenario: { namespaces: [{ name: 'ml-team' }, { name: 'other' }] } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-completion-'));
  kubeconfig = path.join(dir, 'config');
  kube.addTokenUser('tester', 'tester-token', ['system:masters']);
  kube.writeKubeconfig(kubeconfig, { user: 'tester', auth: 'token', context: 'sandbox', namespace: 'ml-team' });
  const legacyTwin = { ...crFixture('legacy-trainingjob-completed'), metadata: { ...crFixture('legacy-trainingjob-completed').metadata, name: 'twin' } };
  const ackTwin = { ...crFixture('ack-trainingjob-failed'), metadata: { ...crFixture('ack-trainingjob-failed').metadata, name: 'twin' } };
  const elsewhere = { ...crFixture('legacy-trainingjob-inprogress'), metadata: { ...crFixture('legacy-trainingjob-inprogress').metadata, name: 'elsewhere', namespace: 'other' } };
  kube.loadObjects([
    crFixture('legacy-trainingjob-completed'),
    crFixture('legacy-trainingjob-inprogress'),
    crFixture('ack-trainingjob-failed'),
    crFixture('ack-trainingjob-inprogress'),
    crFixture('legacy-hostingdeployment-inservice'),
    legacyTwin,
    ackTwin,
    elsewhere,
  ] as object[]);
});
afterAll(async () => {
  await kube?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('completion: names from the cluster', () => {
  it('lists a kind from both groups in the context namespace, with group and status', async () => {
    const c = await clusterCandidates({ what: 'names', kind: 'trainingjob', prefix: '' }, {}, env());
    expect(c).toEqual([
      { value: 'bert-sentiment', description: 'TrainingJob (ACK), Failed' },
      { value: 'churn-xgb', description: 'TrainingJob (legacy operator), Completed' },
      { value: 'resnet50-finetune', description: 'TrainingJob (ACK), InProgress' },
      { value: 'twin', description: 'in both groups: TrainingJob (legacy operator), Completed; TrainingJob (ACK), Failed' },
      { value: 'xgboost-mnist', description: 'TrainingJob (legacy operator), InProgress' },
    ]);
  });

  it('honours -n, --context and --kubeconfig from the line', async () => {
    const other = await clusterCandidates({ what: 'names', kind: 'tj', prefix: '' }, { namespace: 'other' }, env());
    expect(other.map((c) => c.value)).toEqual(['elsewhere']);
    const viaFlag = await clusterCandidates({ what: 'names', kind: 'tj', prefix: '' }, { kubeconfig, context: 'sandbox' }, { HOME: dir });
    expect(viaFlag.map((c) => c.value)).toContain('churn-xgb');
    await expect(clusterCandidates({ what: 'names', kind: 'tj', prefix: '' }, { context: 'nope' }, env())).rejects.toThrow(/context "nope"/);
  });

  it('asks only the group a qualified kind names', async () => {
    const c = await clusterCandidates({ what: 'names', kind: 'trainingjobs.sagemaker.services.k8s.aws', prefix: '' }, {}, env());
    expect(c.map((x) => x.value)).toEqual(['bert-sentiment', 'resnet50-finetune', 'twin']);
    const hd = await clusterCandidates({ what: 'names', kind: 'endpoint', prefix: '' }, {}, env());
    expect(hd).toEqual([{ value: 'xgboost-hosting', description: 'HostingDeployment (legacy operator), InService' }]);
  });

  it('lists namespaces', async () => {
    const c = await clusterCandidates({ what: 'namespaces' }, {}, env());
    expect(c.map((x) => x.value)).toEqual(expect.arrayContaining(['ml-team', 'other']));
  });

  it('rejects (and never hangs) when the server is unreachable', async () => {
    const dead = path.join(dir, 'dead');
    writeFileSync(
      dead,
      'apiVersion: v1\nkind: Config\ncurrent-context: d\nclusters: [{name: d, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: d, user: {token: t}}]\ncontexts: [{name: d, context: {cluster: d, user: d}}]\n',
    );
    await expect(clusterCandidates({ what: 'names', kind: 'tj', prefix: '' }, { kubeconfig: dead }, { HOME: dir })).rejects.toThrow(/cannot reach/);
  });
});

describe('completion: kubeconfig entries and AWS profiles', () => {
  it('lists contexts, clusters and users of the merged kubeconfig', async () => {
    const extra = path.join(dir, 'extra');
    writeFileSync(extra, 'apiVersion: v1\nkind: Config\nclusters: [{name: prod, cluster: {server: "https://prod.example:6443"}}]\nusers: [{name: admin, user: {token: t}}]\ncontexts: [{name: prod, context: {cluster: prod, user: admin, namespace: ml}}]\n');
    const e = { HOME: dir, KUBECONFIG: `${kubeconfig}${path.delimiter}${extra}` };
    expect(await clusterCandidates({ what: 'contexts' }, {}, e)).toEqual([
      { value: 'sandbox', description: expect.stringMatching(/^cluster \S+, user tester, namespace ml-team$/) },
      { value: 'prod', description: 'cluster prod, user admin, namespace ml' },
    ]);
    expect((await clusterCandidates({ what: 'clusters' }, {}, e)).map((c) => c.value)).toContain('prod');
    expect((await clusterCandidates({ what: 'users' }, {}, e)).map((c) => c.value)).toEqual(['tester', 'admin']);
    expect((await clusterCandidates({ what: 'contexts' }, { kubeconfig: extra }, e)).map((c) => c.value)).toEqual(['prod']);
  });

  it('lists AWS profiles from the config and credentials files', async () => {
    const aws = path.join(dir, 'aws');
    mkdirSync(aws, { recursive: true });
    writeFileSync(path.join(aws, 'config'), '[default]\nregion = us-west-2\n[profile ml-dev]\nregion = eu-west-1\n[sso-session corp]\nsso_region = us-east-1\n');
    writeFileSync(path.join(aws, 'credentials'), '[ci]\naws_access_key_id = x\n[default]\n');
    const c = await clusterCandidates({ what: 'profiles' }, {}, { HOME: dir, AWS_CONFIG_FILE: path.join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(aws, 'credentials') });
    expect(c.map((x) => x.value)).toEqual(['ci', 'default', 'ml-dev']);
    expect(await clusterCandidates({ what: 'profiles' }, {}, { HOME: path.join(dir, 'nowhere') })).toEqual([]);
  });
});
