// meta.k8s.io Table responses: what `kubectl get` prints (kube-wire.md §3). Columns come from the
// CRD's additionalPrinterColumns (apiextensions-apiserver tableconvertor) or, for the two core
// resources, from the built-in printers.

import type { PrinterColumn, ResourceDef } from './catalogue';
import { evalJsonPath, parseJsonPath } from './jsonpath';
import type { KubeObject } from './types';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** null in watch events after the first (the apiserver sends headers once). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** How much of each object a row carries (?includeObject=None|Metadata|Object; default Metadata). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

// The swagger descriptions of ObjectMeta fields, which the apiserver uses for the implicit columns.
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

const NAME_COLUMN: TableColumnDefinition = { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 };

/** A CRD without printer columns gets this one (apiextensions defaulting). */
const DEFAULT_AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: CREATION_TIMESTAMP_DESCRIPTION,
};

export function columnDefinitions(def: ResourceDef): TableColumnDefinition[] {
  if (def.builtinTable === 'namespaces') {
    return [
      NAME_COLUMN,
      { name: 'Status', type: 'string', format: '', description: 'The status of the namespace', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 },
    ];
  }
  if (def.builtinTable === 'endpoints') {
    return [
      NAME_COLUMN,
      { name: 'Endpoints', type: 'string', format: '', description: 'Endpoints is the list of endpoints for the service.', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 },
    ];
  }
  return [
    NAME_COLUMN,
    ...crdColumns(def).map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
      priority: c.priority ?? 0,
    })),
  ];
}

function crdColumns(def: ResourceDef): PrinterColumn[] {
  return def.printerColumns && def.printerColumns.length > 0 ? def.printerColumns : [DEFAULT_AGE_COLUMN];
}

/** The cells of one row. */
export function rowCells(def: ResourceDef, obj: KubeObject, now: Date): unknown[] {
  const name = obj.metadata.name;
  if (def.builtinTable === 'namespaces') {
    const phase = evalJsonPath(obj, '.status.phase');
    return [name, typeof phase === 'string' ? phase : '', age(obj.metadata.creationTimestamp, now)];
  }
  if (def.builtinTable === 'endpoints') {
    return [name, formatEndpoints(obj), age(obj.metadata.creationTimestamp, now)];
  }
  return [name, ...crdColumns(def).map((c) => crdCell(c, obj, now))];
}

/** apiextensions tableconvertor: a missing path is null; string columns print the value; others are typed. */
function crdCell(c: PrinterColumn, obj: KubeObject, now: Date): unknown {
  const value = evalJsonPath(obj, parseJsonPath(c.jsonPath));
  if (value === undefined) return null;
  if (c.type === 'string') {
    if (value === null) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }
  if (value === null) return null;
  switch (c.type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const t = Date.parse(value);
      return Number.isNaN(t) ? '<invalid>' : humanDuration(now.getTime() - t);
    }
  }
  return null;
}

function age(ts: string | undefined, now: Date): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now.getTime() - t);
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** The core Endpoints printer: `ip:port,ip:port` (at most three, then "+ N more..."), or <none>. */
function formatEndpoints(obj: KubeObject): string {
  const subsets = Array.isArray(obj.subsets) ? (obj.subsets as Array<Record<string, unknown>>) : [];
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = Array.isArray(ss.addresses) ? (ss.addresses as Array<{ ip?: string }>) : [];
    const ports = Array.isArray(ss.ports) ? (ss.ports as Array<{ port?: number }>) : [];
    if (ports.length === 0) {
      for (const a of addrs) {
        count++;
        if (list.length < 3) list.push(a.ip ?? '');
      }
    } else {
      for (const p of ports) {
        for (const a of addrs) {
          count++;
          if (list.length < 3) list.push(`${a.ip ?? ''}:${p.port ?? ''}`);
        }
      }
    }
  }
  if (list.length === 0) return '<none>';
  let s = list.join(',');
  if (count > list.length) s += ` + ${count - list.length} more...`;
  return s;
}

/** The `object` of a row: a PartialObjectMetadata (default), the whole object, or nothing. */
export function rowObject(obj: KubeObject, include: IncludeObject, metaVersion: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${metaVersion}`, metadata: obj.metadata };
}

export function buildTable(
  def: ResourceDef,
  objects: KubeObject[],
  opts: {
    now: Date;
    include: IncludeObject;
    metaVersion: 'v1' | 'v1beta1';
    metadata: Table['metadata'];
    noHeaders?: boolean;
  },
): Table {
  const rows: TableRow[] = objects.map((o) => {
    const row: TableRow = { cells: rowCells(def, o, opts.now) };
    const object = rowObject(o, opts.include, opts.metaVersion);
    if (object !== undefined) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.metaVersion}`,
    metadata: opts.metadata,
    columnDefinitions: opts.noHeaders ? null : columnDefinitions(def),
    rows,
  };
}
