// The object store: every object the stand-in serves, a resourceVersion counter, and the event
// history that watches replay (like etcd: a watch from resourceVersion N gets every later event).

import { randomUUID } from 'node:crypto';
import { Catalogue, apiVersionOf, type ResourceDef } from './catalogue';
import type { KubeObject } from './types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  rv: number;
  def: ResourceDef;
  /** The object after the change (for DELETED: its last state, stamped with the deletion's resourceVersion). */
  object: KubeObject;
  /** The object before the change (MODIFIED, DELETED). */
  previous?: KubeObject;
}

export interface PutOptions {
  /**
   * Keep a numeric metadata.resourceVersion the object carries when it is newer than the store's
   * counter (used when loading fixtures, so objects keep the versions they were captured with).
   */
  preserveResourceVersion?: boolean;
}

export const DEFAULT_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function resourceKey(def: ResourceDef): string {
  return `${def.group}/${def.plural}`;
}

function objectKey(def: ResourceDef, namespace: string | undefined, name: string): string {
  return def.namespaced ? `${namespace ?? ''}/${name}` : name;
}

export class ObjectStore {
  private rv = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  private compactedRV = 0;
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  /** Events kept for watches; older ones are compacted away (a watch from before them gets 410 Expired). */
  maxHistory = 10_000;

  constructor(private readonly clock: () => Date = () => new Date()) {
    for (const ns of DEFAULT_NAMESPACES) this.ensureNamespace(ns);
  }

  /** The current resourceVersion (what a list answers). */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can still start from. */
  get oldestWatchableResourceVersion(): number {
    return this.compactedRV;
  }

  /** Look a definition up by apiVersion and kind or plural; throws for something the stand-in does not know. */
  static definition(apiVersion: string, kindOrPlural: string): ResourceDef {
    const def = Catalogue.byApiVersion(apiVersion, kindOrPlural);
    if (!def || def.createOnly) {
      throw new Error(`the Kubernetes stand-in does not serve ${kindOrPlural} in ${apiVersion || '(no apiVersion)'}`);
    }
    return def;
  }

  /**
   * Create or update an object (by apiVersion, kind, namespace, name). It gets a new resourceVersion
   * and watchers get ADDED or MODIFIED. Missing uid, creationTimestamp and generation are filled in;
   * a namespaced object without a namespace goes to `default`, and its namespace is created if absent.
   * Returns a copy of what is stored.
   */
  put(input: KubeObject, opts: PutOptions = {}): KubeObject {
    if (!input || typeof input !== 'object') throw new Error('store.put: expected an object');
    const def = ObjectStore.definition(input.apiVersion, input.kind);
    const obj = structuredClone(input);
    if (!obj.metadata || typeof obj.metadata !== 'object') throw new Error(`store.put: ${obj.kind} has no metadata`);
    if (typeof obj.metadata.name !== 'string' || obj.metadata.name === '') {
      throw new Error(`store.put: ${obj.kind} has no metadata.name`);
    }
    if (def.namespaced) {
      if (!obj.metadata.namespace) obj.metadata.namespace = 'default';
      this.ensureNamespace(obj.metadata.namespace);
    } else {
      delete obj.metadata.namespace;
    }
    const previous = this.lookup(def, obj.metadata.namespace, obj.metadata.name);
    this.stamp(def, obj, previous, opts);
    this.store(def, obj);
    this.emit({ type: previous ? 'MODIFIED' : 'ADDED', rv: this.rv, def, object: obj, ...(previous ? { previous } : {}) });
    return structuredClone(obj);
  }

  /** Read, change and put back one object; returns the stored copy. Throws when it does not exist. */
  mutate(apiVersion: string, kindOrPlural: string, namespace: string | undefined, name: string, change: (obj: KubeObject) => void): KubeObject {
    const current = this.get(apiVersion, kindOrPlural, namespace, name);
    if (!current) throw new Error(`store.mutate: ${kindOrPlural} ${namespace ? `${namespace}/` : ''}${name} does not exist`);
    change(current);
    return this.put(current);
  }

  /** Delete an object; watchers get DELETED. Returns the last state, or undefined if there was none. */
  remove(apiVersion: string, kindOrPlural: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const def = ObjectStore.definition(apiVersion, kindOrPlural);
    const previous = this.lookup(def, namespace, name);
    if (!previous) return undefined;
    this.objects.get(resourceKey(def))?.delete(objectKey(def, namespace, name));
    this.rv++;
    const last = structuredClone(previous);
    last.metadata.resourceVersion = String(this.rv);
    this.emit({ type: 'DELETED', rv: this.rv, def, object: last, previous });
    return structuredClone(last);
  }

  get(apiVersion: string, kindOrPlural: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const def = ObjectStore.definition(apiVersion, kindOrPlural);
    const o = this.lookup(def, namespace, name);
    return o ? structuredClone(o) : undefined;
  }

  /** Objects of one kind, in one namespace or all, sorted by namespace and name (the apiserver's key order). */
  list(apiVersion: string, kindOrPlural: string, namespace?: string): KubeObject[] {
    return this.listDef(ObjectStore.definition(apiVersion, kindOrPlural), namespace).map((o) => structuredClone(o));
  }

  /** Drop the event history: a watch from any resourceVersion before now gets 410 Expired. */
  compact(): void {
    this.history = [];
    this.compactedRV = this.rv;
  }

  // ---- used by the server ----

  /** Stored objects (not copies: do not modify) of one resource, sorted by key. */
  listDef(def: ResourceDef, namespace?: string): KubeObject[] {
    const m = this.objects.get(resourceKey(def));
    if (!m) return [];
    const keys = [...m.keys()].sort();
    const out: KubeObject[] = [];
    for (const k of keys) {
      const o = m.get(k)!;
      if (namespace && def.namespaced && o.metadata.namespace !== namespace) continue;
      out.push(o);
    }
    return out;
  }

  /** The stored object (not a copy). */
  lookup(def: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resourceKey(def))?.get(objectKey(def, namespace, name));
  }

  /** Replace an object as the REST layer computed it (resourceVersion is assigned here). */
  commit(def: ResourceDef, obj: KubeObject): KubeObject {
    if (def.namespaced && obj.metadata.namespace) this.ensureNamespace(obj.metadata.namespace);
    const previous = this.lookup(def, obj.metadata.namespace, obj.metadata.name);
    if (def.kind === 'Namespace') normaliseNamespace(obj);
    this.rv++;
    obj.metadata.resourceVersion = String(this.rv);
    this.store(def, obj);
    this.emit({ type: previous ? 'MODIFIED' : 'ADDED', rv: this.rv, def, object: obj, ...(previous ? { previous } : {}) });
    return structuredClone(obj);
  }

  /** Events after resourceVersion `rv`, or 'expired' when some of them were compacted away. */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compactedRV) return 'expired';
    return this.history.filter((e) => e.rv > rv);
  }

  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  namespaceExists(name: string): boolean {
    return this.lookup(NAMESPACE_DEF(), undefined, name) !== undefined;
  }

  // ---- internals ----

  private ensureNamespace(name: string): void {
    const def = NAMESPACE_DEF();
    if (this.lookup(def, undefined, name)) return;
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    this.stamp(def, ns, undefined, {});
    this.store(def, ns);
    this.emit({ type: 'ADDED', rv: this.rv, def, object: ns });
  }

  private stamp(def: ResourceDef, obj: KubeObject, previous: KubeObject | undefined, opts: PutOptions): void {
    const md = obj.metadata;
    md.uid = md.uid ?? previous?.metadata.uid ?? randomUUID();
    md.creationTimestamp = md.creationTimestamp ?? previous?.metadata.creationTimestamp ?? timestamp(this.clock());
    if (def.origin === 'legacy' || def.origin === 'ack') {
      if (typeof md.generation !== 'number') md.generation = previous?.metadata.generation ?? 1;
    }
    if (def.kind === 'Namespace') normaliseNamespace(obj);
    const given = Number(md.resourceVersion);
    if (opts.preserveResourceVersion && /^\d+$/.test(String(md.resourceVersion ?? '')) && given > this.rv) {
      this.rv = given;
    } else {
      this.rv++;
    }
    md.resourceVersion = String(this.rv);
  }

  private store(def: ResourceDef, obj: KubeObject): void {
    const key = resourceKey(def);
    let m = this.objects.get(key);
    if (!m) this.objects.set(key, (m = new Map()));
    m.set(objectKey(def, obj.metadata.namespace, obj.metadata.name), obj);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    while (this.history.length > this.maxHistory) {
      const dropped = this.history.shift()!;
      this.compactedRV = dropped.rv;
    }
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a broken watcher must not break a write
      }
    }
  }
}

let namespaceDef: ResourceDef | undefined;
function NAMESPACE_DEF(): ResourceDef {
  return (namespaceDef ??= ObjectStore.definition('v1', 'Namespace'));
}

/** Namespaces as the apiserver stores them: metadata.name label, kubernetes finalizer, phase Active. */
function normaliseNamespace(ns: KubeObject): void {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  const spec = (ns.spec ?? {}) as Record<string, unknown>;
  if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
  ns.spec = spec;
  const status = (ns.status ?? {}) as Record<string, unknown>;
  if (typeof status.phase !== 'string') status.phase = ns.metadata.deletionTimestamp ? 'Terminating' : 'Active';
  ns.status = status;
}

export { apiVersionOf };
