// Server-side input validation with the services' own wording:
//   1 validation error detected: Value '20000' at 'limit' failed to satisfy constraint: Member must have
//   value less than or equal to 10000
// Several violations are joined with "; " under "N validation errors detected: ". A member of the wrong
// JSON type is a SerializationException (the SDK and the CLI never send one).

import { ApiError } from './errors';

export type Shape =
  | { type: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { type: 'integer' | 'long'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'timestamp' }
  | { type: 'list'; member: Shape; min?: number; max?: number }
  | { type: 'map' };

export type Member = Shape & { required?: boolean };
export type InputSchema = Record<string, Member>;

export interface ValidateOptions {
  /** Error code for constraint violations: Logs uses InvalidParameterException, SageMaker ValidationException. */
  code: string;
  /** SageMaker prints name patterns with a leading `^`. */
  caretPatterns?: boolean;
}

const regexCache = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let re = regexCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    regexCache.set(pattern, re);
  }
  return re.test(value);
}

function memberPath(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function show(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function typeOk(shape: Shape, v: unknown): boolean {
  switch (shape.type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
    case 'long':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'timestamp':
      return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';
    case 'list':
      return Array.isArray(v);
    case 'map':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
}

function check(shape: Shape, v: unknown, at: string, opts: ValidateOptions, out: string[]): void {
  const fail = (constraint: string) =>
    out.push(`Value '${show(v)}' at '${at}' failed to satisfy constraint: Member must ${constraint}`);
  if (shape.type === 'string' && typeof v === 'string') {
    const len = [...v].length;
    if (shape.min !== undefined && len < shape.min) fail(`have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && len > shape.max) fail(`have length less than or equal to ${shape.max}`);
    if (shape.pattern !== undefined && !fullMatch(shape.pattern, v)) {
      const p = opts.caretPatterns && !shape.pattern.startsWith('^') ? `^${shape.pattern}` : shape.pattern;
      fail(`satisfy regular expression pattern: ${p}`);
    }
    if (shape.enum && !shape.enum.includes(v)) fail(`satisfy enum value set: [${shape.enum.join(', ')}]`);
  } else if ((shape.type === 'integer' || shape.type === 'long') && typeof v === 'number') {
    if (shape.min !== undefined && v < shape.min) fail(`have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && v > shape.max) fail(`have value less than or equal to ${shape.max}`);
  } else if (shape.type === 'list' && Array.isArray(v)) {
    if (shape.min !== undefined && v.length < shape.min) fail(`have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && v.length > shape.max) fail(`have length less than or equal to ${shape.max}`);
    v.forEach((item, i) => {
      if (item === null || item === undefined) return;
      if (!typeOk(shape.member, item)) throw serialization(`${at}.${i + 1}.member`, shape.member);
      check(shape.member, item, `${at}.${i + 1}.member`, opts, out);
    });
  }
}

function serialization(at: string, shape: Shape): ApiError {
  return new ApiError(400, 'SerializationException', `Unable to parse '${at}': expected a value of type ${shape.type}`);
}

/** Throws the service's validation error for `body` against `schema`. Unknown members are ignored. */
export function validateInput(body: Record<string, unknown>, schema: InputSchema, opts: ValidateOptions): void {
  const problems: string[] = [];
  for (const [name, member] of Object.entries(schema)) {
    const v = body[name];
    const at = memberPath(name);
    if (v === undefined || v === null) {
      if (member.required) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (!typeOk(member, v)) throw serialization(at, member);
    check(member, v, at, opts, problems);
  }
  if (problems.length === 0) return;
  const head = problems.length === 1 ? '1 validation error detected: ' : `${problems.length} validation errors detected: `;
  throw new ApiError(400, opts.code, head + problems.join('; '));
}
