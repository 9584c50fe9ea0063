// Just enough Kubernetes protobuf to read the review requests kubectl sends as
// application/vnd.kubernetes.protobuf (`kubectl auth can-i`, `kubectl auth whoami`).
// Envelope: "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw}; raw is the typed message.

import { badRequest } from './status';

type Field = { no: number; wire: number; value: number | Buffer };

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw badRequest('truncated protobuf');
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 63) throw badRequest('bad protobuf varint');
  }
}

export function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      out.push({ no, wire, value: v });
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      if (p2 + len > buf.length) throw badRequest('truncated protobuf');
      out.push({ no, wire, value: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw badRequest(`unsupported protobuf wire type ${wire}`);
    }
  }
  return out;
}

const str = (f: Field | undefined) => (f && Buffer.isBuffer(f.value) ? f.value.toString('utf8') : undefined);
const bytes = (f: Field | undefined) => (f && Buffer.isBuffer(f.value) ? f.value : undefined);

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Unwrap the runtime.Unknown envelope: {apiVersion, kind, raw}. */
export function unwrap(body: Buffer): { apiVersion: string; kind: string; raw: Buffer } {
  if (body.length < 4 || !body.subarray(0, 4).equals(PROTOBUF_MAGIC)) throw badRequest('not a Kubernetes protobuf message');
  const f = fields(body.subarray(4));
  const typeMeta = bytes(f.find((x) => x.no === 1));
  const tm = typeMeta ? fields(typeMeta) : [];
  return {
    apiVersion: str(tm.find((x) => x.no === 1)) ?? '',
    kind: str(tm.find((x) => x.no === 2)) ?? '',
    raw: bytes(f.find((x) => x.no === 2)) ?? Buffer.alloc(0),
  };
}

function message(buf: Buffer | undefined, names: Record<number, string>): Record<string, string> | undefined {
  if (!buf) return undefined;
  const out: Record<string, string> = {};
  for (const f of fields(buf)) {
    const name = names[f.no];
    if (name && Buffer.isBuffer(f.value)) out[name] = f.value.toString('utf8');
  }
  return out;
}

/** A SelfSubjectAccessReview as JSON (spec only; metadata names are kept). */
export function decodeSelfSubjectAccessReview(raw: Buffer): Record<string, unknown> {
  const top = fields(raw);
  const meta = message(bytes(top.find((x) => x.no === 1)), { 1: 'name', 2: 'generateName', 3: 'namespace' });
  const specFields = fields(bytes(top.find((x) => x.no === 2)) ?? Buffer.alloc(0));
  const spec: Record<string, unknown> = {};
  const ra = message(bytes(specFields.find((x) => x.no === 1)), {
    1: 'namespace',
    2: 'verb',
    3: 'group',
    4: 'version',
    5: 'resource',
    6: 'subresource',
    7: 'name',
  });
  const nra = message(bytes(specFields.find((x) => x.no === 2)), { 1: 'path', 2: 'verb' });
  if (ra) spec.resourceAttributes = ra;
  if (nra) spec.nonResourceAttributes = nra;
  const obj: Record<string, unknown> = { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec };
  if (meta && Object.keys(meta).length > 0) obj.metadata = meta;
  return obj;
}

function stringMap(entries: Field[]): Record<string, string> | undefined {
  if (entries.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const e of entries) {
    if (!Buffer.isBuffer(e.value)) continue;
    const kv = fields(e.value);
    out[str(kv.find((x) => x.no === 1)) ?? ''] = str(kv.find((x) => x.no === 2)) ?? '';
  }
  return out;
}

/** The ObjectMeta fields a create needs: name, generateName, namespace, labels, annotations, finalizers. */
function objectMeta(buf: Buffer | undefined): Record<string, unknown> {
  const f = buf ? fields(buf) : [];
  const md: Record<string, unknown> = {};
  const name = str(f.find((x) => x.no === 1));
  if (name) md.name = name;
  const generateName = str(f.find((x) => x.no === 2));
  if (generateName) md.generateName = generateName;
  const namespace = str(f.find((x) => x.no === 3));
  if (namespace) md.namespace = namespace;
  const labels = stringMap(f.filter((x) => x.no === 11));
  if (labels) md.labels = labels;
  const annotations = stringMap(f.filter((x) => x.no === 12));
  if (annotations) md.annotations = annotations;
  const finalizers = f.filter((x) => x.no === 14).map((x) => str(x)!);
  if (finalizers.length > 0) md.finalizers = finalizers;
  return md;
}

/** A core v1 Namespace (what `kubectl create namespace` posts). */
export function decodeNamespace(raw: Buffer): Record<string, unknown> {
  const top = fields(raw);
  const obj: Record<string, unknown> = { apiVersion: 'v1', kind: 'Namespace', metadata: objectMeta(bytes(top.find((x) => x.no === 1))) };
  const spec = bytes(top.find((x) => x.no === 2));
  if (spec) {
    const finalizers = fields(spec).filter((x) => x.no === 1).map((x) => str(x)!);
    obj.spec = finalizers.length > 0 ? { finalizers } : {};
  }
  return obj;
}
