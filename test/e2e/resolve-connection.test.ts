// kubectl's connection flags and the Kubernetes errors, end to end: --kubeconfig, KUBECONFIG with
// several files merged like kubectl (first definition wins, a missing file is skipped), --context
// (a non-current one), --cluster, --user, -n against the context's namespace and `default`,
// --server, --token, --certificate-authority, --insecure-skip-tls-verify, --request-timeout,
// client-certificate and exec-plugin users (incl. `aws eks get-token`), in-cluster config; and
// every error case with its one line, its exit code, no stack trace, and what -v adds.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type RunOptions, type RunResult } from '../helpers/harness';
import { unusedPort } from '../helpers/ports';
import { awsCliPath } from '../helpers/tools';
import { awsEksExec } from '../standins/kube';
import { FIXTURES } from './support/resolve-fixtures';
import { clockAt, fixtureCluster, fixtureJobs } from './support/world';

let h: Harness;
let dir: string;
let dead: string; // https://127.0.0.1:PORT where nothing listens
let caFile: string;
const OK = FIXTURES[0]!.header; // trainingjobs.sagemaker.aws.amazon.com/churn-xgb: training job … in us-east-1, Completed
const ARGS = ['trainingjob', 'churn-xgb'];

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
  h.kube.addTokenUser('bob', 'bob-token', ['viewers']);
  h.kube.addTokenUser('exec-user', 'exec-token', ['ml-engineers']);
  h.kube.policy.deny({ user: 'bob', namespace: 'locked' });
  h.kube.policy.deny({ user: 'bob', namespace: 'ml-team', group: 'sagemaker.aws.amazon.com' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-conn-'));
  dead = `https://127.0.0.1:${await unusedPort()}`;
  caFile = path.join(dir, 'ca.crt');
  writeFileSync(caFile, h.kube.caPem);
});
afterAll(() => h?.close());

interface ClusterSpec {
  server: string;
  /** Embed the stand-in's CA (default), or not. */
  ca?: boolean;
}
interface KubeconfigSpec {
  clusters?: Record<string, ClusterSpec>;
  users?: Record<string, Record<string, unknown>>;
  contexts?: Record<string, { cluster: string; user: string; namespace?: string }>;
  current?: string;
}

/** Writes a kubeconfig as kubectl would read it; returns its path. */
function kubeconfig(name: string, k: KubeconfigSpec): string {
  const file = path.join(dir, name);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: Object.entries(k.clusters ?? {}).map(([n, c]) => ({
      name: n,
      cluster: { server: c.server, ...(c.ca === false ? {} : { 'certificate-authority-data': Buffer.from(h.kube.caPem).toString('base64') }) },
    })),
    users: Object.entries(k.users ?? {}).map(([n, user]) => ({ name: n, user })),
    contexts: Object.entries(k.contexts ?? {}).map(([n, context]) => ({ name: n, context })),
    ...(k.current ? { 'current-context': k.current } : {}),
  };
  writeFileSync(file, YAML.stringify(doc));
  return file;
}

const good = (): ClusterSpec => ({ server: h.kube.url });
const tester = { token: 'tester-token' };

const run = (args: string[], env: Record<string, string | undefined> = {}, o: RunOptions = {}): Promise<RunResult> => h.run(args, { ...o, env: { ...o.env, ...env } });
const withKubeconfig = (file: string): Record<string, string | undefined> => ({ KUBECONFIG: file });
const emptyHome = (): string => mkdtempSync(path.join(os.tmpdir(), 'smlogs-home-'));

function expectHeader(r: RunResult): void {
  expect(r.stderr.split('\n')[0], r.stderr).toBe(OK);
  expect(r.code).toBe(0);
}

/** One line on stderr, no stack trace, the exit code. */
function expectError(r: RunResult, line: string, code: number): void {
  expect(r.stderr).toBe(`error: ${line}\n`);
  expect(r.code).toBe(code);
}

/** -v: the same first error line, then details (what was asked, the underlying error with its stack). */
async function expectVerbose(args: string[], env: Record<string, string | undefined>, line: string, details: RegExp): Promise<void> {
  const r = await run([...args, '-v'], env);
  // -v's debug trace (test/e2e/secrets.test.ts) comes before the error.
  const [first, ...rest] = r.stderr.split('\n').filter((l) => !l.startsWith('debug: '));
  expect(first).toBe(`error: ${line}`);
  expect(rest.join('\n')).toMatch(details);
  expect(rest.join('\n')).toMatch(/\n\s+at /);
}

describe('which kubeconfig: --kubeconfig, KUBECONFIG (merged), ~/.kube/config', () => {
  it('--kubeconfig reads only that file (a broken KUBECONFIG is not read)', async () => {
    const only = kubeconfig('only.yaml', { clusters: { c: good() }, users: { tester }, contexts: { only: { cluster: 'c', user: 'tester', namespace: 'ml-team' } }, current: 'only' });
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'clusters: [\n');
    const [r, missing] = await Promise.all([run([...ARGS, '--kubeconfig', only], withKubeconfig(broken)), run([...ARGS, '--kubeconfig', path.join(dir, 'nope.yaml')])]);
    expectHeader(r);
    expectError(missing, `kubeconfig ${path.join(dir, 'nope.yaml')} (from --kubeconfig) does not exist`, 1);
  });

  it('KUBECONFIG=a:missing:b merges like kubectl: first definition and first current-context win, a missing file is skipped', async () => {
    const a = kubeconfig('a.yaml', { clusters: { shared: good() }, users: { tester }, contexts: { 'ctx-a': { cluster: 'shared', user: 'tester', namespace: 'ml-team' } }, current: 'ctx-a' });
    const b = kubeconfig('b.yaml', {
      clusters: { shared: { server: dead } },
      users: { tester: { token: 'wrong' }, bob: { token: 'bob-token' } },
      contexts: { 'ctx-a': { cluster: 'shared', user: 'bob', namespace: 'locked' }, 'ctx-b': { cluster: 'shared', user: 'bob', namespace: 'empty' } },
      current: 'ctx-b',
    });
    const env = { KUBECONFIG: [a, path.join(dir, 'missing.yaml'), b].join(path.delimiter) };
    const [merged, viaKubectl, ctxB] = await Promise.all([run(ARGS, env), run(ARGS, env, { via: 'kubectl' }), run([...ARGS, '--context', 'ctx-b'], env, { via: 'kubectl' })]);
    expectHeader(merged);
    expectHeader(viaKubectl);
    // ctx-b comes from b.yaml; its cluster "shared" is a.yaml's (the first definition): reachable, as bob, in "empty".
    expectError(ctxB, 'trainingjobs.sagemaker.aws.amazon.com "churn-xgb" not found in namespace "empty" (also searched trainingjobs.sagemaker.services.k8s.aws); list them with: kubectl smlogs list -n empty', 1);
    const none = await run(ARGS, { KUBECONFIG: [path.join(dir, 'missing.yaml'), path.join(dir, 'missing-too.yaml')].join(path.delimiter) });
    expectError(none, `no kubeconfig found: none of the files in KUBECONFIG (${path.join(dir, 'missing.yaml')}${path.delimiter}${path.join(dir, 'missing-too.yaml')}) exists`, 1);
  });

  it('~/.kube/config when KUBECONFIG is unset', async () => {
    const home = emptyHome();
    mkdirSync(path.join(home, '.kube'));
    copyFileSync(h.kubeconfig, path.join(home, '.kube', 'config'));
    expectHeader(await run(ARGS, { KUBECONFIG: undefined, HOME: home }));
  });
});

describe('overrides: --context, --cluster, --user, -n, --server, --token, TLS', () => {
  const file = (): string =>
    kubeconfig('overrides.yaml', {
      clusters: { good: good(), dead: { server: dead }, 'no-ca': { server: h.kube.url, ca: false } },
      users: { tester, bob: { token: 'bob-token' }, wrong: { token: 'wrong-token' } },
      contexts: {
        broken: { cluster: 'dead', user: 'tester', namespace: 'ml-team' },
        good: { cluster: 'good', user: 'tester', namespace: 'ml-team' },
        'no-namespace': { cluster: 'good', user: 'tester' },
        'bad-token': { cluster: 'good', user: 'wrong', namespace: 'ml-team' },
        'no-ca': { cluster: 'no-ca', user: 'tester', namespace: 'ml-team' },
      },
      current: 'broken',
    });

  it('--context picks a context that is not the current one; the current one is used otherwise', async () => {
    const env = withKubeconfig(file());
    const [picked, current, viaKubectl, missing] = await Promise.all([
      run([...ARGS, '--context', 'good'], env),
      run(ARGS, env),
      run([...ARGS, '--context=good'], env, { via: 'kubectl' }),
      run([...ARGS, '--context', 'nope'], env),
    ]);
    expectHeader(picked);
    expectHeader(viaKubectl);
    expectError(current, `cannot reach the Kubernetes API server ${dead} (context "broken"): connection refused`, 1);
    expectError(missing, `context "nope" (from --context) does not exist in kubeconfig ${path.join(dir, 'overrides.yaml')}`, 1);
  });

  it('--cluster and --server replace the context\'s cluster; --user its user', async () => {
    const env = withKubeconfig(file());
    const [cluster, server, shortServer, user, noCluster, noUser] = await Promise.all([
      run([...ARGS, '--cluster', 'good'], env),
      run([...ARGS, '--server', h.kube.url], env),
      run([...ARGS, '-s', h.kube.url], env),
      run([...ARGS, '--context', 'good', '--user', 'bob', '-n', 'locked'], env),
      run([...ARGS, '--cluster', 'nope'], env),
      run([...ARGS, '--context', 'good', '--user', 'nope'], env),
    ]);
    expectHeader(cluster);
    expectHeader(server);
    expectHeader(shortServer);
    expectError(
      user,
      'trainingjobs.sagemaker.aws.amazon.com "churn-xgb" is forbidden: User "bob" cannot get resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "locked"; ask your cluster administrator for access, or use another --context or --user',
      1,
    );
    expectError(noCluster, `cluster "nope" (from --cluster) does not exist in kubeconfig ${path.join(dir, 'overrides.yaml')}`, 1);
    expectError(noUser, `user "nope" (from --user) does not exist in kubeconfig ${path.join(dir, 'overrides.yaml')}`, 1);
  });

  it('namespace: -n / --namespace, else the context\'s, else default', async () => {
    const env = withKubeconfig(file());
    const notFound = (ns: string) => `trainingjobs.sagemaker.aws.amazon.com "churn-xgb" not found in namespace "${ns}" (also searched trainingjobs.sagemaker.services.k8s.aws); list them with: kubectl smlogs list -n ${ns}`;
    const [ctx, flag, long, fallback, flagWins] = await Promise.all([
      run([...ARGS, '--context', 'good'], env),
      run([...ARGS, '--context', 'good', '-n', 'empty'], env),
      run([...ARGS, '--context', 'good', '--namespace=empty'], env, { via: 'kubectl' }),
      run([...ARGS, '--context', 'no-namespace'], env),
      run([...ARGS, '--context', 'no-namespace', '-n', 'ml-team'], env),
    ]);
    expectHeader(ctx);
    expectError(flag, notFound('empty'), 1);
    expectError(long, notFound('empty'), 1);
    expectError(fallback, notFound('default'), 1);
    expectHeader(flagWins);
  });

  it('--token replaces the user\'s credentials; a rejected token is 401', async () => {
    const env = withKubeconfig(file());
    const [bad, fixed] = await Promise.all([run([...ARGS, '--context', 'bad-token'], env), run([...ARGS, '--context', 'bad-token', '--token', 'tester-token'], env)]);
    expectError(bad, `the Kubernetes API server ${h.kube.url} rejected the credentials of user "wrong" in context "bad-token" (401 Unauthorized): log in again or check the kubeconfig`, 1);
    expectHeader(fixed);
  });

  it('--certificate-authority and --insecure-skip-tls-verify for a server the kubeconfig cannot verify', async () => {
    const env = withKubeconfig(file());
    const [unverified, ca, insecure] = await Promise.all([
      run([...ARGS, '--context', 'no-ca'], env),
      run([...ARGS, '--context', 'no-ca', '--certificate-authority', caFile], env),
      run([...ARGS, '--context', 'no-ca', '--insecure-skip-tls-verify'], env),
    ]);
    expect(unverified.stderr).toMatch(
      new RegExp(`^error: TLS verification of the Kubernetes API server ${h.kube.url} failed \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\): check the certificate-authority of context "no-ca", or pass --insecure-skip-tls-verify\\n$`),
    );
    expect(unverified.code).toBe(1);
    expectHeader(ca);
    expectHeader(insecure);
  });

  it('--request-timeout: a server that does not answer in time; a value without a unit is a usage error', async () => {
    const env = withKubeconfig(file());
    const remove = h.kube.faults.add({ path: '/apis', delayMs: 3000, times: 1 });
    try {
      const r = await run([...ARGS, '--context', 'good', '--request-timeout', '300ms'], env);
      expectError(r, `the Kubernetes API server ${h.kube.url} did not answer within 300ms (--request-timeout)`, 1);
      expect(r.ms).toBeLessThan(2500);
    } finally {
      remove();
    }
    expectError(await run([...ARGS, '--request-timeout', '5']), 'invalid value "5" for --request-timeout: expected a duration such as 30s, 5m, 2h or 1d', 2);
  });
});

describe('users: client certificates, exec plugins, in-cluster service accounts', () => {
  it('client-certificate users, inline or as files; --client-certificate/--client-key on the command line', async () => {
    const inline = h.kube.writeKubeconfig(path.join(dir, 'cert.yaml'), { user: 'carol', auth: 'cert', groups: ['ml-engineers'], namespace: 'ml-team' });
    const files = h.kube.writeKubeconfig(path.join(dir, 'cert-files.yaml'), { user: 'carol', auth: 'cert-files', groups: ['ml-engineers'], namespace: 'ml-team' });
    const none = h.kube.writeKubeconfig(path.join(dir, 'anonymous.yaml'), { user: 'nobody', auth: 'none', namespace: 'ml-team' });
    const [a, b, c, anonymous] = await Promise.all([
      run(ARGS, withKubeconfig(inline)),
      run(ARGS, withKubeconfig(files), { via: 'kubectl' }),
      run([...ARGS, '--client-certificate', `${files}.carol.crt`, '--client-key', `${files}.carol.key`], withKubeconfig(none)),
      run(ARGS, withKubeconfig(none)),
    ]);
    expectHeader(a);
    expectHeader(b);
    expectHeader(c);
    expectError(anonymous, `the Kubernetes API server ${h.kube.url} rejected the credentials of user "nobody" in context "nobody@kube-standin" (401 Unauthorized): log in again or check the kubeconfig`, 1);
    expect(h.kube.requests.some((q) => q.authKind === 'cert' && q.user === 'carol')).toBe(true);
  });

  it('exec credential plugins: a script, and `aws eks get-token` as `aws eks update-kubeconfig` writes it; a failing plugin is one line', async () => {
    const script = path.join(dir, 'credential.js');
    writeFileSync(
      script,
      `if (process.env.FAIL) { process.stderr.write('error: no SSO session for profile "ml"\\n'); process.exit(1); }
process.stdout.write(JSON.stringify({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1beta1', status: { token: 'exec-token' } }));`,
    );
    const exec = h.kube.writeKubeconfig(path.join(dir, 'exec.yaml'), { user: 'exec-user', auth: { exec: { command: process.execPath, args: [script] } }, namespace: 'ml-team' });
    const failing = h.kube.writeKubeconfig(path.join(dir, 'exec-failing.yaml'), {
      user: 'exec-user',
      auth: { exec: { command: process.execPath, args: [script], env: { FAIL: '1' } } },
      namespace: 'ml-team',
    });
    const eks = h.kube.writeKubeconfig(path.join(dir, 'eks.yaml'), { user: 'eks-user', auth: awsEksExec({ cluster: 'sandbox', command: awsCliPath() }), namespace: 'ml-team' });
    const [a, b, broken] = await Promise.all([run(ARGS, withKubeconfig(exec)), run(ARGS, withKubeconfig(eks), { via: 'kubectl' }), run(ARGS, withKubeconfig(failing))]);
    expectHeader(a);
    expectHeader(b);
    expectError(broken, 'getting credentials for user "exec-user" (context "exec-user@kube-standin") failed: error: no SSO session for profile "ml"', 1);
    expect(h.kube.requests.filter((q) => q.user === 'exec-user').length).toBeGreaterThan(0);
    expect(h.kube.requests.filter((q) => q.user === 'eks-admin').length).toBeGreaterThan(0);
  });

  it('in a pod without a kubeconfig: the service account (token, CA, namespace file); -n still wins', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'smlogs-pod-'));
    const sa = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(path.join(sa, 'token'), 'tester-token');
    writeFileSync(path.join(sa, 'ca.crt'), h.kube.caPem);
    writeFileSync(path.join(sa, 'namespace'), 'ml-team');
    const pod = { KUBECONFIG: undefined, HOME: emptyHome(), KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(h.kube.port), SMLOGS_IN_CLUSTER_ROOT: root };
    const [r, k, other] = await Promise.all([run(ARGS, pod), run(ARGS, pod, { via: 'kubectl' }), run([...ARGS, '-n', 'empty'], pod)]);
    expectHeader(r);
    expectHeader(k);
    expectError(other, 'trainingjobs.sagemaker.aws.amazon.com "churn-xgb" not found in namespace "empty" (also searched trainingjobs.sagemaker.services.k8s.aws); list them with: kubectl smlogs list -n empty', 1);
    // Outside a pod (no KUBERNETES_SERVICE_HOST) the same folder is not used.
    const outside = await run(ARGS, { ...pod, KUBERNETES_SERVICE_HOST: undefined });
    expectError(outside, 'no kubeconfig found (~/.kube/config does not exist, KUBECONFIG is unset) and not running in a pod; pass --kubeconfig or set KUBECONFIG', 1);
  });
});

describe('errors: one line, the contract\'s exit code, no stack trace; -v adds the details', () => {
  const env = (): Record<string, string> =>
    withKubeconfig(
      kubeconfig('errors.yaml', {
        clusters: { good: good(), dead: { server: dead } },
        users: { tester, bob: { token: 'bob-token' }, wrong: { token: 'wrong-token' } },
        contexts: {
          good: { cluster: 'good', user: 'tester', namespace: 'ml-team' },
          dead: { cluster: 'dead', user: 'tester', namespace: 'ml-team' },
          'bad-token': { cluster: 'good', user: 'wrong', namespace: 'ml-team' },
          bob: { cluster: 'good', user: 'bob', namespace: 'locked' },
        },
        current: 'good',
      }),
    ) as Record<string, string>;

  it('1: unreachable cluster (closed port)', async () => {
    const line = `cannot reach the Kubernetes API server ${dead} (context "dead"): connection refused`;
    expectError(await run([...ARGS, '--context', 'dead'], env()), line, 1);
    await expectVerbose([...ARGS, '--context', 'dead'], env(), line, /ECONNREFUSED 127\.0\.0\.1/);
  });

  it('1: 401 Unauthorized (also through kubectl)', async () => {
    const line = `the Kubernetes API server ${h.kube.url} rejected the credentials of user "wrong" in context "bad-token" (401 Unauthorized): log in again or check the kubeconfig`;
    expectError(await run([...ARGS, '--context', 'bad-token'], env(), { via: 'kubectl' }), line, 1);
    await expectVerbose([...ARGS, '--context', 'bad-token'], env(), line, new RegExp(`GET ${h.kube.url}/apis answered 401 Unauthorized: \\{"kind":"Status".*"reason":"Unauthorized"`));
  });

  it('1: 403 Forbidden names the verb, the resource and the namespace', async () => {
    const line =
      'trainingjobs.sagemaker.aws.amazon.com "churn-xgb" is forbidden: User "bob" cannot get resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "locked"; ask your cluster administrator for access, or use another --context or --user';
    expectError(await run([...ARGS, '--context', 'bob'], env()), line, 1);
    await expectVerbose([...ARGS, '--context', 'bob'], env(), line, /GET https:\/\/127\.0\.0\.1:\d+\/apis\/sagemaker\.aws\.amazon\.com\/v1\/namespaces\/locked\/trainingjobs\/churn-xgb answered 403 Forbidden: \{"kind":"Status"/);
  });

  it('a group the user may not read does not hide the other group\'s object', async () => {
    const [ack, legacy] = await Promise.all([run(['tj', 'resnet50-finetune', '--context', 'bob', '-n', 'ml-team'], env()), run([...ARGS, '--context', 'bob', '-n', 'ml-team'], env())]);
    expect(ack.stderr.split('\n')[0]).toBe(FIXTURES[3]!.header);
    expect(ack.code).toBe(0);
    expectError(
      legacy,
      'trainingjobs.sagemaker.aws.amazon.com "churn-xgb" is forbidden: User "bob" cannot get resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "ml-team"; ask your cluster administrator for access, or use another --context or --user',
      1,
    );
  });

  it('1: a missing object says which namespace was searched, in which groups', async () => {
    const line = 'trainingjobs.sagemaker.aws.amazon.com "nope" not found in namespace "ml-team" (also searched trainingjobs.sagemaker.services.k8s.aws); list them with: kubectl smlogs list -n ml-team';
    expectError(await run(['trainingjob', 'nope'], env()), line, 1);
    await expectVerbose(['trainingjob', 'nope'], env(), line, /context "good", namespace from context:\n {2}GET .*\/trainingjobs\/nope answered 404 Not Found\n {2}GET .*\/trainingjobs\/nope answered 404 Not Found/);
  });

  it('2: an unknown kind (also through kubectl)', async () => {
    const r = await run(['pods', 'nope'], env(), { via: 'kubectl' });
    expect(r.stderr).toMatch(/^error: unknown kind "pods": use one of trainingjob\|trainingjobs\|tj, [^\n]*\n$/);
    expect(r.code).toBe(2);
  });

  it('1: a malformed kubeconfig: bad YAML, not a kubeconfig at all; an empty one is an empty config', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nclusters: [\n  - name: x\n');
    const text = path.join(dir, 'text.yaml');
    writeFileSync(text, 'just some text\n');
    const empty = path.join(dir, 'empty.yaml');
    writeFileSync(empty, '# nothing yet\n');
    const line = `cannot load kubeconfig ${bad}: missed comma between flow collection entries (3:3); fix the file, or pass another with --kubeconfig`;
    const [r, t, e] = await Promise.all([run(ARGS, withKubeconfig(bad)), run(ARGS, withKubeconfig(text)), run(['--kubeconfig', empty, ...ARGS])]);
    expectError(r, line, 1);
    expectError(t, `cannot load kubeconfig ${text}: it is not a kubeconfig (a YAML mapping of clusters, contexts and users); fix the file, or pass another with --kubeconfig`, 1);
    expectError(e, `no current context in kubeconfig ${empty}: pass --context NAME or run "kubectl config use-context NAME"`, 1);
    await expectVerbose(ARGS, withKubeconfig(bad), line, /YAMLException: missed comma/);
  });

  it('1: no kubeconfig at all, outside a pod', async () => {
    const none = { KUBECONFIG: undefined, HOME: emptyHome() };
    const line = 'no kubeconfig found (~/.kube/config does not exist, KUBECONFIG is unset) and not running in a pod; pass --kubeconfig or set KUBECONFIG';
    expectError(await run(ARGS, none), line, 1);
    await expectVerbose(ARGS, none, line, /looked for Kubernetes credentials in:\n {2}KUBECONFIG: unset\n {2}.*\/\.kube\/config: no such file\n {2}in-cluster: KUBERNETES_SERVICE_HOST\/PORT unset \(not in a pod\)/);
  });
});
