// Scenario files (YAML or JSON): groups, minor, namespaces, users, policy and objects. Every problem is
// reported as ONE StandInConfigError naming the file and the field at fault.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { LEGACY_GROUP, ACK_GROUP } from './catalogue';
import { StandInConfigError } from './errors';
import { ObjectStore } from './store';
import type { AwsTokenOptions, Family, KubeObject, KubeScenario, PolicyRule, ScenarioNamespace, ScenarioUser } from './types';

/** A scenario with every file read and every field checked. */
export interface ResolvedScenario {
  source: string;
  minor?: number;
  gitVersion?: string;
  discovery?: 'aggregated' | 'legacy';
  groups?: Family[];
  namespaces: ScenarioNamespace[];
  users: ScenarioUser[];
  policy: { default?: 'allow' | 'deny'; rules: PolicyRule[] };
  aws: AwsTokenOptions;
  objects: KubeObject[];
}

const TOP_KEYS = ['minor', 'gitVersion', 'discovery', 'groups', 'namespaces', 'users', 'policy', 'aws', 'objects'];
const RULE_KEYS = ['user', 'userGroup', 'verb', 'group', 'resource', 'subresource', 'namespace', 'name', 'effect', 'reason'];
const USER_KEYS = ['name', 'groups', 'token', 'tokens', 'aws'];

class Checker {
  constructor(readonly source: string) {}

  fail(at: string, message: string): never {
    throw new StandInConfigError(`${this.source}: ${at ? `${at}: ` : ''}${message}`);
  }

  describe(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'a list';
    if (typeof v === 'object') return 'a mapping';
    return `${typeof v} ${JSON.stringify(v)}`;
  }

  mapping(v: unknown, at: string, keys?: string[]): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(at, `expected a mapping, got ${this.describe(v)}`);
    const m = v as Record<string, unknown>;
    if (keys) {
      for (const k of Object.keys(m)) {
        if (!keys.includes(k)) this.fail(at ? `${at}.${k}` : k, `unknown field (expected one of: ${keys.join(', ')})`);
      }
    }
    return m;
  }

  list(v: unknown, at: string): unknown[] {
    if (!Array.isArray(v)) this.fail(at, `expected a list, got ${this.describe(v)}`);
    return v;
  }

  string(v: unknown, at: string, opts: { nonEmpty?: boolean } = {}): string {
    if (typeof v !== 'string') this.fail(at, `expected a string, got ${this.describe(v)}`);
    if (opts.nonEmpty && v === '') this.fail(at, 'must not be empty');
    return v;
  }

  strings(v: unknown, at: string): string[] {
    return this.list(v, at).map((s, i) => this.string(s, `${at}[${i}]`));
  }

  stringOrStrings(v: unknown, at: string): string | string[] {
    return Array.isArray(v) ? this.strings(v, at) : this.string(v, at);
  }

  stringMap(v: unknown, at: string): Record<string, string> {
    const m = this.mapping(v, at);
    for (const [k, val] of Object.entries(m)) {
      if (typeof val !== 'string') this.fail(`${at}.${k}`, `expected a string, got ${this.describe(val)} (quote it in YAML)`);
    }
    return m as Record<string, string>;
  }

  oneOf<T extends string>(v: unknown, at: string, values: readonly T[]): T {
    const s = this.string(v, at);
    if (!values.includes(s as T)) this.fail(at, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(s)}`);
    return s as T;
  }

  bool(v: unknown, at: string): boolean {
    if (typeof v !== 'boolean') this.fail(at, `expected true or false, got ${this.describe(v)}`);
    return v;
  }
}

/** Parse YAML (multi-document) or JSON text; errors name the file and the line. */
export function parseDocuments(text: string, source: string): unknown[] {
  if (/\.json$/i.test(source)) {
    try {
      return [JSON.parse(text)];
    } catch (e) {
      throw new StandInConfigError(`${source}: invalid JSON: ${(e as Error).message}`);
    }
  }
  const docs = YAML.parseAllDocuments(text);
  const out: unknown[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) {
      const err = d.errors[0]!;
      const pos = err.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
      throw new StandInConfigError(`${source}: invalid YAML${where}: ${err.message.split('\n')[0]}`);
    }
    out.push(d.toJS({ maxAliasCount: 1000 }));
  }
  return out;
}

export function loadScenarioFile(file: string): ResolvedScenario {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StandInConfigError(`${file}: cannot read scenario file (${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message})`);
  }
  const docs = parseDocuments(text, file).filter((d) => d !== null && d !== undefined);
  if (docs.length !== 1) throw new StandInConfigError(`${file}: expected one YAML document holding the scenario, found ${docs.length}`);
  return resolveScenario(docs[0], { source: file, baseDir: path.dirname(abs) });
}

export function resolveScenario(raw: unknown, where: { source: string; baseDir: string }): ResolvedScenario {
  const c = new Checker(where.source);
  const s = c.mapping(raw ?? {}, '', TOP_KEYS) as KubeScenario & Record<string, unknown>;
  const out: ResolvedScenario = { source: where.source, namespaces: [], users: [], policy: { rules: [] }, aws: {}, objects: [] };

  if (s.minor !== undefined) {
    if (typeof s.minor !== 'number' || !Number.isInteger(s.minor) || s.minor < 1 || s.minor > 99) {
      c.fail('minor', `expected a whole number such as 32 (the gcloud kubectl dispatcher bundles 27–33), got ${c.describe(s.minor)}`);
    }
    out.minor = s.minor;
  }
  if (s.gitVersion !== undefined) out.gitVersion = c.string(s.gitVersion, 'gitVersion', { nonEmpty: true });
  if (s.discovery !== undefined) out.discovery = c.oneOf(s.discovery, 'discovery', ['aggregated', 'legacy'] as const);
  if (s.groups !== undefined) out.groups = c.list(s.groups, 'groups').map((g, i) => parseFamily(c, g, `groups[${i}]`));

  if (s.namespaces !== undefined) out.namespaces = parseNamespaces(c, s.namespaces);
  if (s.users !== undefined) {
    out.users = c.list(s.users, 'users').map((u, i) => parseUser(c, u, `users[${i}]`));
  }
  if (s.policy !== undefined) out.policy = parsePolicy(c, s.policy);
  if (s.aws !== undefined) out.aws = parseAws(c, s.aws);
  if (s.objects !== undefined) {
    c.list(s.objects, 'objects').forEach((o, i) => {
      const at = `objects[${i}]`;
      const m = c.mapping(o, at);
      if ('file' in m) {
        c.mapping(o, at, ['file']);
        const rel = c.string(m.file, `${at}.file`, { nonEmpty: true });
        for (const f of expandFiles(c, rel, where.baseDir, `${at}.file`)) {
          const shown = path.relative(process.cwd(), f) || f;
          let text = '';
          try {
            text = readFileSync(f, 'utf8');
          } catch (e) {
            c.fail(`${at}.file`, `cannot read ${rel}: ${(e as Error).message}`);
          }
          out.objects.push(...checkObjects(parseDocuments(text, shown), shown));
        }
      } else {
        out.objects.push(...checkObjects([o], where.source, at));
      }
    });
  }
  return out;
}

function parseFamily(c: Checker, v: unknown, at: string): Family {
  const s = c.string(v, at);
  if (s === 'legacy' || s === LEGACY_GROUP) return 'legacy';
  if (s === 'ack' || s === ACK_GROUP) return 'ack';
  return c.fail(at, `expected "legacy" (${LEGACY_GROUP}) or "ack" (${ACK_GROUP}), got ${JSON.stringify(s)}`);
}

function parseNamespaces(c: Checker, v: unknown): ScenarioNamespace[] {
  const one = (name: string, body: unknown, at: string): ScenarioNamespace => {
    const ns: ScenarioNamespace = { name };
    if (body === null || body === undefined) return ns;
    const m = c.mapping(body, at, ['name', 'labels', 'annotations']);
    if (m.labels !== undefined) ns.labels = c.stringMap(m.labels, `${at}.labels`);
    if (m.annotations !== undefined) ns.annotations = c.stringMap(m.annotations, `${at}.annotations`);
    return ns;
  };
  if (Array.isArray(v)) {
    return v.map((n, i) => {
      const at = `namespaces[${i}]`;
      if (typeof n === 'string') return { name: n };
      const m = c.mapping(n, at, ['name', 'labels', 'annotations']);
      return one(c.string(m.name, `${at}.name`, { nonEmpty: true }), m, at);
    });
  }
  const m = c.mapping(v, 'namespaces');
  return Object.entries(m).map(([name, body]) => one(name, body, `namespaces.${name}`));
}

function parseUser(c: Checker, v: unknown, at: string): ScenarioUser {
  const m = c.mapping(v, at, USER_KEYS);
  const u: ScenarioUser = { name: c.string(m.name, `${at}.name`, { nonEmpty: true }) };
  if (m.groups !== undefined) u.groups = c.strings(m.groups, `${at}.groups`);
  const tokens: string[] = [];
  if (m.token !== undefined) tokens.push(c.string(m.token, `${at}.token`, { nonEmpty: true }));
  if (m.tokens !== undefined) tokens.push(...c.strings(m.tokens, `${at}.tokens`));
  if (tokens.length > 0) u.tokens = tokens;
  if (m.aws !== undefined) {
    if (m.aws === true) u.aws = {};
    else {
      const a = c.mapping(m.aws, `${at}.aws`, ['cluster', 'accessKeyId']);
      u.aws = {};
      if (a.cluster !== undefined) u.aws.cluster = c.string(a.cluster, `${at}.aws.cluster`, { nonEmpty: true });
      if (a.accessKeyId !== undefined) u.aws.accessKeyId = c.string(a.accessKeyId, `${at}.aws.accessKeyId`, { nonEmpty: true });
    }
  }
  return u;
}

function parseRule(c: Checker, v: unknown, at: string): PolicyRule {
  const m = c.mapping(v, at, RULE_KEYS);
  const r: PolicyRule = {};
  for (const k of ['user', 'userGroup', 'verb', 'group', 'resource', 'subresource', 'namespace', 'name'] as const) {
    if (m[k] !== undefined) r[k] = c.stringOrStrings(m[k], `${at}.${k}`);
  }
  r.effect = m.effect === undefined ? 'deny' : c.oneOf(m.effect, `${at}.effect`, ['allow', 'deny'] as const);
  if (m.reason !== undefined) r.reason = c.string(m.reason, `${at}.reason`);
  return r;
}

function parsePolicy(c: Checker, v: unknown): ResolvedScenario['policy'] {
  if (Array.isArray(v)) return { rules: v.map((r, i) => parseRule(c, r, `policy[${i}]`)) };
  const m = c.mapping(v, 'policy', ['default', 'rules']);
  const out: ResolvedScenario['policy'] = { rules: [] };
  if (m.default !== undefined) out.default = c.oneOf(m.default, 'policy.default', ['allow', 'deny'] as const);
  if (m.rules !== undefined) out.rules = c.list(m.rules, 'policy.rules').map((r, i) => parseRule(c, r, `policy.rules[${i}]`));
  return out;
}

function parseAws(c: Checker, v: unknown): AwsTokenOptions {
  const m = c.mapping(v, 'aws', ['defaultUser', 'defaultGroups', 'credentials', 'checkExpiry', 'strict']);
  const out: AwsTokenOptions = {};
  if (m.defaultUser !== undefined) out.defaultUser = c.string(m.defaultUser, 'aws.defaultUser', { nonEmpty: true });
  if (m.defaultGroups !== undefined) out.defaultGroups = c.strings(m.defaultGroups, 'aws.defaultGroups');
  if (m.credentials !== undefined) {
    out.credentials = c.list(m.credentials, 'aws.credentials').map((x, i) => {
      const cm = c.mapping(x, `aws.credentials[${i}]`, ['accessKeyId', 'secretAccessKey']);
      return {
        accessKeyId: c.string(cm.accessKeyId, `aws.credentials[${i}].accessKeyId`, { nonEmpty: true }),
        secretAccessKey: c.string(cm.secretAccessKey, `aws.credentials[${i}].secretAccessKey`, { nonEmpty: true }),
      };
    });
  }
  if (m.checkExpiry !== undefined) out.checkExpiry = c.bool(m.checkExpiry, 'aws.checkExpiry');
  if (m.strict !== undefined) out.strict = c.bool(m.strict, 'aws.strict');
  return out;
}

/** A file path, or a `*` / `?` pattern in its last segment, relative to the scenario's folder. */
function expandFiles(c: Checker, rel: string, baseDir: string, at: string): string[] {
  const abs = path.resolve(baseDir, rel);
  const base = path.basename(abs);
  if (!/[*?]/.test(base)) {
    if (!existsSync(abs)) c.fail(at, `no such file: ${rel} (resolved to ${abs})`);
    if (statSync(abs).isDirectory()) {
      return readdirSync(abs)
        .filter((f) => /\.(ya?ml|json)$/i.test(f))
        .sort()
        .map((f) => path.join(abs, f));
    }
    return [abs];
  }
  const dir = path.dirname(abs);
  if (!existsSync(dir)) c.fail(at, `no such folder: ${path.dirname(rel)} (resolved to ${dir})`);
  const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const files = readdirSync(dir).filter((f) => re.test(f)).sort();
  if (files.length === 0) c.fail(at, `no file matches ${rel}`);
  return files.map((f) => path.join(dir, f));
}

/** Check documents are objects the stand-in serves; a `kind: List` is expanded. */
export function checkObjects(docs: unknown[], source: string, atPrefix?: string): KubeObject[] {
  const c = new Checker(source);
  const out: KubeObject[] = [];
  docs.forEach((doc, i) => {
    const at = atPrefix ?? (docs.length > 1 ? `document ${i + 1}` : '');
    if (doc === null || doc === undefined) return;
    const m = c.mapping(doc, at);
    if (m.kind === 'List' && Array.isArray(m.items)) {
      out.push(...checkObjects(m.items, source, `${at ? `${at} ` : ''}items`));
      return;
    }
    const where = (f: string) => (at ? `${at}: ${f}` : f);
    if (typeof m.apiVersion !== 'string' || m.apiVersion === '') c.fail(where('apiVersion'), 'missing');
    if (typeof m.kind !== 'string' || m.kind === '') c.fail(where('kind'), 'missing');
    try {
      ObjectStore.definition(m.apiVersion as string, m.kind as string);
    } catch {
      c.fail(where('kind'), `${m.apiVersion} ${m.kind} is not served by the stand-in (it serves the SageMaker CRDs of crds.md, v1 Namespace and v1 Endpoints)`);
    }
    const md = c.mapping(m.metadata, where('metadata'));
    c.string(md.name, where('metadata.name'), { nonEmpty: true });
    if (md.namespace !== undefined) c.string(md.namespace, where('metadata.namespace'), { nonEmpty: true });
    if (md.labels !== undefined) c.stringMap(md.labels, where('metadata.labels'));
    if (md.annotations !== undefined) c.stringMap(md.annotations, where('metadata.annotations'));
    if (md.resourceVersion !== undefined && typeof md.resourceVersion !== 'string') {
      c.fail(where('metadata.resourceVersion'), `expected a string, got ${c.describe(md.resourceVersion)} (quote it in YAML)`);
    }
    out.push(m as KubeObject);
  });
  return out;
}
