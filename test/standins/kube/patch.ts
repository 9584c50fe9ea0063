// JSON merge patch (RFC 7386) and JSON patch (RFC 6902), for PATCH requests.

import { badRequest } from './status';

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split('/').map(unescape);
}

interface Op {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('a JSON patch must be an array of operations');
  let root = structuredClone(doc);
  const container = (tokens: string[]): { parent: unknown; key: string } => {
    let cur: unknown = root;
    for (const t of tokens.slice(0, -1)) {
      if (Array.isArray(cur)) cur = cur[Number(t)];
      else if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[t];
      else cur = undefined;
      if (cur === undefined) throw badRequest(`doc is missing path: "/${tokens.join('/')}"`);
    }
    return { parent: cur, key: tokens[tokens.length - 1] ?? '' };
  };
  const get = (tokens: string[]): unknown => {
    let cur: unknown = root;
    for (const t of tokens) {
      if (Array.isArray(cur)) cur = cur[Number(t)];
      else if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[t];
      else return undefined;
    }
    return cur;
  };
  const remove = (tokens: string[]): unknown => {
    const { parent, key } = container(tokens);
    if (Array.isArray(parent)) {
      const i = Number(key);
      if (!(i >= 0 && i < parent.length)) throw badRequest(`Unable to remove nonexistent key: ${key}: missing value`);
      return parent.splice(i, 1)[0];
    }
    const p = parent as Record<string, unknown>;
    if (!(key in p)) throw badRequest(`Unable to remove nonexistent key: ${key}: missing value`);
    const v = p[key];
    delete p[key];
    return v;
  };
  const add = (tokens: string[], value: unknown): void => {
    if (tokens.length === 0) {
      root = value;
      return;
    }
    const { parent, key } = container(tokens);
    if (Array.isArray(parent)) {
      const i = key === '-' ? parent.length : Number(key);
      if (!(i >= 0 && i <= parent.length)) throw badRequest(`index ${key} out of bounds`);
      parent.splice(i, 0, value);
    } else if (parent && typeof parent === 'object') {
      (parent as Record<string, unknown>)[key] = value;
    } else {
      throw badRequest(`doc is missing path: "/${tokens.join('/')}"`);
    }
  };
  for (const raw of ops as Op[]) {
    if (!raw || typeof raw !== 'object' || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw badRequest('invalid JSON patch operation');
    }
    const tokens = parsePointer(raw.path);
    switch (raw.op) {
      case 'add':
        add(tokens, structuredClone(raw.value));
        break;
      case 'remove':
        remove(tokens);
        break;
      case 'replace':
        remove(tokens);
        add(tokens, structuredClone(raw.value));
        break;
      case 'move': {
        const v = remove(parsePointer(raw.from ?? ''));
        add(tokens, v);
        break;
      }
      case 'copy':
        add(tokens, structuredClone(get(parsePointer(raw.from ?? ''))));
        break;
      case 'test':
        if (JSON.stringify(get(tokens)) !== JSON.stringify(raw.value)) throw badRequest(`testing value ${raw.path} failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return root;
}
