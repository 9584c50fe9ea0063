// Path-aware reading of untyped scenario data. Every problem becomes ONE StandInConfigError:
//   "<source>: <path>: <problem>"   e.g.  "bench.yaml: jobs[2].logs.generate[0].perSecond: must be a number > 0, got "ten""

import { StandInConfigError } from './errors';
import { parseDuration, parseTime } from './time';

export const JOB_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

function show(v: unknown): string {
  let s: string;
  if (v instanceof Date) s = v.toISOString();
  else if (typeof v === 'string') s = JSON.stringify(v);
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export class Reader {
  constructor(
    readonly source: string,
    public anchor: number,
  ) {}

  fail(path: string, problem: string): never {
    const where = path ? `${this.source}: ${path}` : this.source;
    throw new StandInConfigError(`${where}: ${problem}`, { source: this.source, path });
  }

  got(v: unknown): string {
    return `got ${show(v)}`;
  }

  obj(v: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date) this.fail(path, `must be a mapping, ${this.got(v)}`);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (keys.includes(k)) continue;
      const near = keys.filter((x) => distance(k, x) <= 2).sort((a, b) => distance(k, a) - distance(k, b))[0];
      this.fail(path ? `${path}.${k}` : k, `unknown field${near ? ` (did you mean "${near}"?)` : ` (known: ${keys.join(', ')})`}`);
    }
    return o;
  }

  list(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `must be a list, ${this.got(v)}`);
    return v;
  }

  str(v: unknown, path: string, opts: { nonEmpty?: boolean; max?: number } = {}): string {
    if (typeof v !== 'string') this.fail(path, `must be a string, ${this.got(v)}`);
    if (opts.nonEmpty !== false && v === '') this.fail(path, 'must not be empty');
    if (opts.max !== undefined && v.length > opts.max) this.fail(path, `must be at most ${opts.max} characters, got ${v.length}`);
    return v;
  }

  optStr(v: unknown, path: string, opts: { nonEmpty?: boolean; max?: number } = {}): string | undefined {
    return v === undefined ? undefined : this.str(v, path, opts);
  }

  strList(v: unknown, path: string): string[] {
    return this.list(v, path).map((x, i) => this.str(x, `${path}[${i}]`, { nonEmpty: false }));
  }

  strMap(v: unknown, path: string): Record<string, string> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, `must be a mapping of names to strings, ${this.got(v)}`);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string') out[k] = x;
      else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
      else this.fail(`${path}.${k}`, `must be a string, ${this.got(x)}`);
    }
    return out;
  }

  jobName(v: unknown, path: string, max: number, what: string): string {
    const s = this.str(v, path);
    if (s.length > max) this.fail(path, `${what} names are 1..${max} characters, got ${s.length}`);
    if (!JOB_NAME_PATTERN.test(s)) this.fail(path, `${what} names must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}, ${this.got(s)}`);
    return s;
  }

  num(v: unknown, path: string, opts: { min?: number; max?: number; int?: boolean; gt?: number } = {}): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, `must be a number, ${this.got(v)}`);
    if (opts.int && !Number.isInteger(v)) this.fail(path, `must be an integer, ${this.got(v)}`);
    if (opts.gt !== undefined && !(v > opts.gt)) this.fail(path, `must be > ${opts.gt}, ${this.got(v)}`);
    if (opts.min !== undefined && v < opts.min) this.fail(path, `must be >= ${opts.min}, ${this.got(v)}`);
    if (opts.max !== undefined && v > opts.max) this.fail(path, `must be <= ${opts.max}, ${this.got(v)}`);
    return v;
  }

  optNum(v: unknown, path: string, opts: { min?: number; max?: number; int?: boolean; gt?: number } = {}): number | undefined {
    return v === undefined ? undefined : this.num(v, path, opts);
  }

  bool(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, `must be true or false, ${this.got(v)}`);
    return v;
  }

  oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) this.fail(path, `must be one of ${values.join(', ')}; ${this.got(v)}`);
    return v as T;
  }

  /** A point in time (ms). */
  time(v: unknown, path: string): number {
    const t = parseTime(v, this.anchor);
    if (t === undefined) {
      this.fail(path, `must be a time: seconds or a duration relative to the scenario start ("-2h", "90s", 30) or an RFC 3339 time, ${this.got(v)}`);
    }
    return t;
  }

  optTime(v: unknown, path: string): number | undefined {
    return v === undefined ? undefined : this.time(v, path);
  }

  /** A duration (ms). */
  dur(v: unknown, path: string, opts: { min?: number } = { min: 0 }): number {
    const d = parseDuration(v);
    if (d === undefined) this.fail(path, `must be a duration ("250ms", "90s", "5m", "1h30m") or a number of seconds, ${this.got(v)}`);
    if (opts.min !== undefined && d < opts.min) this.fail(path, `must be a duration >= ${opts.min}ms, ${this.got(v)}`);
    return d;
  }

  optDur(v: unknown, path: string, opts: { min?: number } = { min: 0 }): number | undefined {
    return v === undefined ? undefined : this.dur(v, path, opts);
  }
}
