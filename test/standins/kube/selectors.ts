// Label and field selectors (apimachinery labels.Parse and fields.ParseSelector, the common forms).

import { badRequest } from './status';
import type { KubeObject } from './types';

type Op = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export type Selector = (labels: Record<string, string> | undefined) => boolean;

/** Split on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

export function parseLabelSelector(selector: string): Selector {
  const reqs: Requirement[] = [];
  for (const part of splitTop(selector)) {
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      reqs.push({ key: m[1]!, op: m[2] as Op, values: m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '') });
    } else if ((m = part.match(/^(\S+?)\s*(==|!=|=)\s*(\S*)$/))) {
      reqs.push({ key: m[1]!, op: m[2] === '!=' ? '!=' : '=', values: [m[3]!] });
    } else if ((m = part.match(/^(\S+?)\s*(>|<)\s*(-?\d+)$/))) {
      reqs.push({ key: m[1]!, op: m[2] === '>' ? 'gt' : 'lt', values: [m[3]!] });
    } else if ((m = part.match(/^!\s*(\S+)$/))) {
      reqs.push({ key: m[1]!, op: '!', values: [] });
    } else if ((m = part.match(/^(\S+)$/))) {
      reqs.push({ key: m[1]!, op: 'exists', values: [] });
    } else {
      throw badRequest(`unable to parse requirement: found '${part}', expected: identifier`);
    }
  }
  for (const r of reqs) {
    if (!KEY.test(r.key)) throw badRequest(`unable to parse requirement: invalid label key "${r.key}"`);
    for (const v of r.op === 'gt' || r.op === 'lt' ? [] : r.values) {
      if (v.length > 63 || !VALUE.test(v)) throw badRequest(`unable to parse requirement: invalid label value: "${v}"`);
    }
  }
  return (labels) => {
    const l = labels ?? {};
    return reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      const v = l[r.key];
      switch (r.op) {
        case '=':
          return has && v === r.values[0];
        case '!=':
          return !has || v !== r.values[0];
        case 'in':
          return has && r.values.includes(v!);
        case 'notin':
          return !has || !r.values.includes(v!);
        case 'exists':
          return has;
        case '!':
          return !has;
        case 'gt':
          return has && Number(v) > Number(r.values[0]);
        case 'lt':
          return has && Number(v) < Number(r.values[0]);
      }
      return false;
    });
  };
}

export type ObjectSelector = (obj: KubeObject) => boolean;

/**
 * Field selectors for custom resources: only metadata.name and metadata.namespace, as the apiserver
 * allows for CRDs without selectableFields. Core namespaces also accept status.phase.
 */
export function parseFieldSelector(selector: string, allowed: string[] = ['metadata.name', 'metadata.namespace']): ObjectSelector {
  const reqs: Array<{ field: string; neg: boolean; value: string }> = [];
  for (const part of splitTop(selector)) {
    const m = part.match(/^([^=!]+?)\s*(==|!=|=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const field = m[1]!.trim();
    if (!allowed.includes(field)) {
      throw badRequest(`"${field}" is not a known field selector: only ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
    reqs.push({ field, neg: m[2] === '!=', value: m[3]!.trim() });
  }
  return (obj) =>
    reqs.every((r) => {
      const v = fieldValue(obj, r.field);
      return r.neg ? v !== r.value : v === r.value;
    });
}

function fieldValue(obj: KubeObject, field: string): string {
  let cur: unknown = obj;
  for (const seg of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}
