import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/connection';
import { mergeKubeconfigs } from '../../src/kube/kubeconfig';

const cfg = (o: { current?: string; clusters?: Array<[string, string]>; users?: Array<[string, string]>; contexts?: Array<[string, string, string, string?]> }): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    ...(o.current ? { 'current-context': o.current } : {}),
    clusters: (o.clusters ?? []).map(([name, server]) => ({ name, cluster: { server, 'certificate-authority': 'ca.crt' } })),
    users: (o.users ?? []).map(([name, token]) => ({ name, user: { token } })),
    contexts: (o.contexts ?? []).map(([name, cluster, user, namespace]) => ({ name, context: { cluster, user, ...(namespace ? { namespace } : {}) } })),
  });

describe('mergeKubeconfigs (kubectl rules)', () => {
  it('first definition and first current-context win; relative paths resolve per file', () => {
    const merged = mergeKubeconfigs([
      { path: '/a/config', text: cfg({ current: 'one', clusters: [['c', 'https://a']], users: [['u', 'ta']], contexts: [['one', 'c', 'u']] }) },
      { path: '/b/config', text: cfg({ current: 'two', clusters: [['c', 'https://b'], ['d', 'https://d']], users: [['u', 'tb']], contexts: [['two', 'd', 'u', 'ns2']] }) },
    ]);
    expect(merged.currentContext).toBe('one');
    expect(merged.clusters.map((c) => [c.name, c.server, c.caFile])).toEqual([
      ['c', 'https://a', '/a/ca.crt'],
      ['d', 'https://d', '/b/ca.crt'],
    ]);
    expect(merged.users.find((u) => u.name === 'u')?.token).toBe('ta');
    expect(merged.contexts.map((c) => c.name)).toEqual(['one', 'two']);
  });
  it('a broken file is one clear error naming it', () => {
    expect(() => mergeKubeconfigs([{ path: '/x/bad', text: 'clusters: [' }])).toThrow(/^cannot load kubeconfig \/x\/bad: /);
  });
});

describe('connect', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-kc-'));
  const a = path.join(dir, 'a.yaml');
  const b = path.join(dir, 'b.yaml');
  writeFileSync(a, cfg({ current: 'dev', clusters: [['dev', 'https://127.0.0.1:1']], users: [['dev-user', 't1']], contexts: [['dev', 'dev', 'dev-user', 'team-a']] }));
  writeFileSync(b, cfg({ current: 'prod', clusters: [['prod', 'https://127.0.0.1:2']], users: [['prod-user', 't2']], contexts: [['prod', 'prod', 'prod-user']] }));
  const env = { HOME: dir } as NodeJS.ProcessEnv;

  it('merges KUBECONFIG files, skipping missing ones', () => {
    const c = connect({}, { ...env, KUBECONFIG: [path.join(dir, 'missing'), a, b].join(':') });
    expect(c).toMatchObject({ contextName: 'dev', server: 'https://127.0.0.1:1', namespace: 'team-a', namespaceFrom: 'context', userName: 'dev-user' });
  });
  it('--context picks a non-current context from a later file; namespace defaults to default', () => {
    const c = connect({ context: 'prod' }, { ...env, KUBECONFIG: `${a}:${b}` });
    expect(c).toMatchObject({ contextName: 'prod', server: 'https://127.0.0.1:2', namespace: 'default', namespaceFrom: 'default', userName: 'prod-user' });
  });
  it('-n wins; --cluster and --user override the context', () => {
    const c = connect({ namespace: 'x', cluster: 'prod', user: 'prod-user' }, { ...env, KUBECONFIG: `${a}:${b}` });
    expect(c).toMatchObject({ contextName: 'dev', server: 'https://127.0.0.1:2', userName: 'prod-user', namespace: 'x', namespaceFrom: 'flag' });
  });
  it('--kubeconfig reads only that file', () => {
    expect(() => connect({ kubeconfig: b, context: 'dev' }, { ...env, KUBECONFIG: a })).toThrow(/context "dev" \(from --context\) does not exist in kubeconfig .*b\.yaml/);
    expect(() => connect({ kubeconfig: path.join(dir, 'nope') }, env)).toThrow(/does not exist/);
  });
  it('--server and --token override', () => {
    const c = connect({ server: 'https://127.0.0.1:9', token: 'zzz' }, { ...env, KUBECONFIG: a });
    expect(c.server).toBe('https://127.0.0.1:9');
    expect(c.kc.getCurrentUser()?.token).toBe('zzz');
  });
  it('no kubeconfig and not in a pod: one clear line', () => {
    expect(() => connect({}, { HOME: path.join(dir, 'empty-home') })).toThrow(/no kubeconfig found .* pass --kubeconfig or set KUBECONFIG/);
  });
  it('in a pod without a kubeconfig: the service account', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'smlogs-sa-'));
    const sa = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    require('node:fs').mkdirSync(sa, { recursive: true });
    writeFileSync(path.join(sa, 'token'), 'sa-token');
    writeFileSync(path.join(sa, 'namespace'), 'ml-team\n');
    writeFileSync(path.join(sa, 'ca.crt'), '');
    const c = connect({}, { HOME: path.join(dir, 'empty-home'), KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443', SMLOGS_IN_CLUSTER_ROOT: root });
    expect(c).toMatchObject({ server: 'https://127.0.0.1:6443', namespace: 'ml-team', namespaceFrom: 'service account', contextName: 'in-cluster' });
  });
});
