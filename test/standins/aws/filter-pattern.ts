// CloudWatch Logs filter patterns for unstructured events:
//   ERROR Exception        both terms must appear (case-sensitive substrings)
//   "Out of memory"        a quoted phrase (may contain spaces and symbols; \" escapes a quote)
//   ERROR -Retrying        exclusion: events containing a '-' term are dropped
//   ?ERROR ?WARN           alternatives: at least one '?' term must appear
//   %regex%                a regular expression (JavaScript syntax, a superset of CloudWatch's)
// An empty or absent pattern matches everything. JSON ({ $.x = ... }) and space-delimited ([a, b])
// patterns are not supported and are rejected with InvalidParameterException, so a test never passes
// on a silently ignored pattern.

import { logsErrors } from './errors';

export type Matcher = (message: string) => boolean;

const ALL: Matcher = () => true;

export function compileFilterPattern(pattern: string | undefined): Matcher {
  if (pattern === undefined) return ALL;
  const p = pattern.trim();
  if (p === '') return ALL;
  if (p.startsWith('{') || p.startsWith('[')) {
    throw logsErrors.invalidParameter(
      `The stand-in does not support JSON or space-delimited filter patterns: ${pattern}`,
    );
  }
  if (p.length >= 2 && p.startsWith('%') && p.endsWith('%')) {
    let re: RegExp;
    try {
      re = new RegExp(p.slice(1, -1));
    } catch {
      throw logsErrors.invalidParameter(`Invalid regex in filter pattern: ${pattern}`);
    }
    return (m) => re.test(m);
  }

  const must: string[] = [];
  const anyOf: string[] = [];
  const not: string[] = [];
  let i = 0;
  while (i < p.length) {
    while (i < p.length && /\s/.test(p[i]!)) i++;
    if (i >= p.length) break;
    let mode: 'must' | 'any' | 'not' = 'must';
    if (p[i] === '-' || p[i] === '?') {
      mode = p[i] === '-' ? 'not' : 'any';
      i++;
    }
    let term = '';
    if (p[i] === '"') {
      i++;
      let closed = false;
      while (i < p.length) {
        const c = p[i]!;
        if (c === '\\' && i + 1 < p.length) {
          term += p[i + 1];
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        term += c;
        i++;
      }
      if (!closed) throw logsErrors.invalidParameter(`Invalid filter pattern (unterminated quote): ${pattern}`);
    } else {
      while (i < p.length && !/\s/.test(p[i]!)) term += p[i++];
    }
    if (term === '') continue;
    (mode === 'must' ? must : mode === 'any' ? anyOf : not).push(term);
  }
  return (m) => {
    for (const t of must) if (!m.includes(t)) return false;
    for (const t of not) if (m.includes(t)) return false;
    if (anyOf.length > 0) {
      for (const t of anyOf) if (m.includes(t)) return true;
      return false;
    }
    return true;
  };
}
