import { describe, expect, it } from 'vitest';
import { ObjectStore, type StoreEvent } from './store';
import type { KubeObject } from './types';

const ACK = 'sagemaker.services.k8s.aws/v1alpha1';
const tj = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: ACK,
  kind: 'TrainingJob',
  metadata: { name, namespace: 'ml-team' },
  ...extra,
});
const clock = () => new Date('2026-11-01T12:00:00.123Z');

describe('ObjectStore', () => {
  it('starts with the default namespaces', () => {
    const s = new ObjectStore(clock);
    expect(s.list('v1', 'Namespace').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(s.resourceVersion).toBe('4');
  });

  it('put fills uid, creationTimestamp, generation, resourceVersion and implies the namespace', () => {
    const s = new ObjectStore(clock);
    const o = s.put(tj('a'));
    expect(o.metadata).toMatchObject({ name: 'a', namespace: 'ml-team', generation: 1, creationTimestamp: '2026-11-01T12:00:00Z', resourceVersion: '6' });
    expect(o.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const ns = s.get('v1', 'namespaces', undefined, 'ml-team')!;
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'ml-team' });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
  });

  it('update keeps uid and creation time, bumps resourceVersion; get/list return copies', () => {
    const s = new ObjectStore(clock);
    const a = s.put(tj('a'));
    const b = s.put({ ...tj('a'), status: { trainingJobStatus: 'Completed' } });
    expect(b.metadata.uid).toBe(a.metadata.uid);
    expect(b.metadata.creationTimestamp).toBe(a.metadata.creationTimestamp);
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    const got = s.get(ACK, 'trainingjobs', 'ml-team', 'a')!;
    (got.status as any).trainingJobStatus = 'changed';
    expect((s.get(ACK, 'TrainingJob', 'ml-team', 'a')!.status as any).trainingJobStatus).toBe('Completed');
  });

  it('keeps newer numeric resourceVersions when asked (fixtures)', () => {
    const s = new ObjectStore(clock);
    const o = s.put({ ...tj('a'), metadata: { name: 'a', namespace: 'ml-team', resourceVersion: '48213377' } }, { preserveResourceVersion: true });
    expect(o.metadata.resourceVersion).toBe('48213377');
    expect(s.resourceVersion).toBe('48213377');
    const older = s.put({ ...tj('b'), metadata: { name: 'b', namespace: 'ml-team', resourceVersion: '100' } }, { preserveResourceVersion: true });
    expect(older.metadata.resourceVersion).toBe('48213378');
    const plain = s.put({ ...tj('c'), metadata: { name: 'c', namespace: 'ml-team', resourceVersion: '99999999' } });
    expect(plain.metadata.resourceVersion).toBe('48213379');
  });

  it('lists sorted by namespace and name, per namespace or across all', () => {
    const s = new ObjectStore(clock);
    s.put(tj('b'));
    s.put({ ...tj('a'), metadata: { name: 'a', namespace: 'zeta' } });
    s.put(tj('a'));
    expect(s.list(ACK, 'TrainingJob').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['ml-team/a', 'ml-team/b', 'zeta/a']);
    expect(s.list(ACK, 'trainingjobs', 'zeta').map((o) => o.metadata.name)).toEqual(['a']);
    expect(s.list('sagemaker.aws.amazon.com/v1', 'TrainingJob')).toEqual([]);
  });

  it('emits ADDED, MODIFIED and DELETED with resourceVersions; history replays after a version', () => {
    const s = new ObjectStore(clock);
    const seen: StoreEvent[] = [];
    s.subscribe((e) => seen.push(e));
    const start = Number(s.resourceVersion);
    s.put(tj('a'));
    s.mutate(ACK, 'TrainingJob', 'ml-team', 'a', (o) => {
      o.status = { trainingJobStatus: 'Stopping' };
    });
    const gone = s.remove(ACK, 'trainingjobs', 'ml-team', 'a')!;
    expect(seen.map((e) => `${e.type}:${e.object.kind}/${e.object.metadata.name}@${e.rv}`)).toEqual([
      `ADDED:Namespace/ml-team@${start + 1}`,
      `ADDED:TrainingJob/a@${start + 2}`,
      `MODIFIED:TrainingJob/a@${start + 3}`,
      `DELETED:TrainingJob/a@${start + 4}`,
    ]);
    expect(gone.metadata.resourceVersion).toBe(String(start + 4));
    expect((seen[3]!.previous!.status as any).trainingJobStatus).toBe('Stopping');
    expect(s.get(ACK, 'TrainingJob', 'ml-team', 'a')).toBeUndefined();
    expect(s.remove(ACK, 'TrainingJob', 'ml-team', 'a')).toBeUndefined();
    const since = s.eventsSince(start + 2);
    expect(since !== 'expired' && since.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
  });

  it('compaction makes older versions expire', () => {
    const s = new ObjectStore(clock);
    s.put(tj('a'));
    const rv = Number(s.resourceVersion);
    s.compact();
    expect(s.eventsSince(rv - 1)).toBe('expired');
    expect(s.eventsSince(rv)).toEqual([]);
    s.maxHistory = 2;
    for (const n of ['b', 'c', 'd']) s.put(tj(n));
    expect(s.eventsSince(rv)).toBe('expired');
    expect(s.oldestWatchableResourceVersion).toBe(rv + 1);
  });

  it('refuses what it does not serve', () => {
    const s = new ObjectStore(clock);
    expect(() => s.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } })).toThrow(
      'the Kubernetes stand-in does not serve Deployment in apps/v1',
    );
    expect(() => s.put({ apiVersion: ACK, kind: 'TrainingJob', metadata: {} as any })).toThrow('store.put: TrainingJob has no metadata.name');
    expect(() => s.mutate(ACK, 'TrainingJob', 'ml-team', 'nope', () => {})).toThrow('store.mutate: TrainingJob ml-team/nope does not exist');
  });

  it('objects without a namespace go to default; cluster-scoped ones lose it', () => {
    const s = new ObjectStore(clock);
    expect(s.put({ apiVersion: ACK, kind: 'Model', metadata: { name: 'm' } }).metadata.namespace).toBe('default');
    expect(s.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', namespace: 'y' } }).metadata.namespace).toBeUndefined();
  });
});
