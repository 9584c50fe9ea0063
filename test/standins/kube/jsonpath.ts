// The small JSONPath subset CRD printer columns use: `.a.b`, `.a[0].b`, `.a['x.y']`, `.a["x"]`.

export type PathSegment = string | number;

export function parseJsonPath(expr: string): PathSegment[] {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  if (s.startsWith('$')) s = s.slice(1);
  const out: PathSegment[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      i++;
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      if (j > i) out.push(s.slice(i, j));
      i = j;
    } else if (c === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) throw new Error(`unterminated [ in JSONPath ${expr}`);
      const inner = s.slice(i + 1, end).trim();
      if (/^-?\d+$/.test(inner)) out.push(Number(inner));
      else if (/^'.*'$/.test(inner) || /^".*"$/.test(inner)) out.push(inner.slice(1, -1));
      else throw new Error(`unsupported JSONPath element [${inner}] in ${expr}`);
      i = end + 1;
    } else {
      // A path without a leading dot: `status.x`.
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** The value at a path, or undefined when any step is missing. */
export function evalJsonPath(obj: unknown, path: string | PathSegment[]): unknown {
  const segs = typeof path === 'string' ? parseJsonPath(path) : path;
  let cur: unknown = obj;
  for (const seg of segs) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg < 0 ? cur.length + seg : seg];
    } else {
      if (typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}
