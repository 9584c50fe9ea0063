// Properties of normalizeArgv (src/cli/argv.ts), which rewrites argv before commander parses it:
// bare `--tail` / `--timestamps` get their `=value` form, kubectl's -v=N becomes --verbose, and
// the verb moves to the front (or `logs` is added). Everything else must pass through untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARE_TAIL, normalizeArgv, valueOptions, VERBS } from '../../src/cli/argv';
import { commandSpec } from '../../src/cli/run';

const SPECIAL = (t: string): boolean => t === '--tail' || t === '--timestamps' || /^(-v|--v|--verbose)=\d+$/.test(t);
const HELP = new Set(['-h', '--help']);

// Building blocks of realistic command lines.
const word = fc.oneof(fc.constantFrom('tj', 'trainingjob', 'hpo', 'churn-xgb', 'x', 'ml-team', '20', '-1', 'short'), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/));
const verb = fc.constantFrom(...VERBS.filter((v) => v !== 'help'));
const switchFlag = fc.constantFrom('-f', '--follow', '-A', '--yes', '--best', '--dry-run', '--no-prefix', '-v', '--verbose', '--insecure-skip-tls-verify');
const valueFlag = fc.constantFrom(...[...valueOptions()].filter((o) => o !== '--tail'));
const valuePair = fc.tuple(valueFlag, word);
const inlineValue = fc.tuple(fc.constantFrom('--since', '--namespace', '-o', '--context', '--tail'), word).map(([f, v]) => `${f}=${v}`);
/** A unit that commander reads as one thing: a word, a switch, `--opt value` or `--opt=value`. */
const unit: fc.Arbitrary<string[]> = fc.oneof(
  word.map((w) => [w]),
  switchFlag.map((s) => [s]),
  valuePair.map(([f, v]) => [f, v]),
  inlineValue.map((t) => [t]),
);
const plainArgv = fc.array(unit, { maxLength: 8 }).map((us) => us.flat());
/** Anything at all, weighted towards tokens normalizeArgv treats specially. */
const anyToken = fc.oneof(
  fc.string(),
  word,
  verb,
  switchFlag,
  valueFlag,
  fc.constantFrom('--tail', '--timestamps', '--', '-h', '--help', '--version', 'rfc3339', 'epoch', '5', '-3'),
  fc.nat(9).map((n) => `-v=${n}`),
  fc.nat(9).map((n) => `--v=${n}`),
);
const anyArgv = fc.array(anyToken, { maxLength: 12 });

/** argv minus the first occurrence of `token`. */
const without = (argv: readonly string[], index: number): string[] => [...argv.slice(0, index), ...argv.slice(index + 1)];

/** Index of the first positional word (not a flag or a flag's value), as commander sees it. */
function firstPositional(argv: readonly string[]): number {
  const takesValue = valueOptions();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return -1;
    if (a.startsWith('-') && a !== '-') {
      if (!a.includes('=') && takesValue.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

describe('normalizeArgv properties', () => {
  it('never throws, and returns strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 12 }), anyArgv, (a, b) => {
        for (const argv of [a, b]) {
          const out = normalizeArgv(argv);
          expect(out.every((t) => typeof t === 'string')).toBe(true);
        }
      }),
    );
  });

  it('is idempotent: normalising twice changes nothing', () => {
    fc.assert(
      fc.property(anyArgv, (argv) => {
        const once = normalizeArgv(argv);
        expect(normalizeArgv(once)).toEqual(once);
      }),
    );
  });

  it('puts the verb first, or adds logs; every other token keeps its place and order', () => {
    fc.assert(
      fc.property(plainArgv, fc.option(fc.tuple(fc.nat(), verb)), (base, maybeVerb) => {
        const argv = [...base];
        if (maybeVerb) argv.splice(maybeVerb[0] % (argv.length + 1), 0, maybeVerb[1]);
        fc.pre(!(argv.length === 1 && argv[0] === '--version'));
        const out = normalizeArgv(argv);
        const i = firstPositional(argv);
        if (i >= 0 && (VERBS as readonly string[]).includes(argv[i]!)) expect(out).toEqual([argv[i], ...without(argv, i)]);
        else expect(out).toEqual(['logs', ...argv]);
      }),
    );
  });

  it('keeps unknown tokens: without special tokens the output is the input plus at most the verb logs', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), word, switchFlag, valueFlag), { maxLength: 12 }), (argv) => {
        fc.pre(!argv.some(SPECIAL) && !argv.every((t) => HELP.has(t)) && !(argv.length === 1 && argv[0] === '--version'));
        const out = normalizeArgv(argv);
        const added = out.length === argv.length ? [] : ['logs'];
        expect(out.length - argv.length).toBe(added.length);
        expect([...out].sort()).toEqual([...argv, ...added].sort());
      }),
    );
  });

  it('bare --tail: a following integer is its value, anything else stays an argument and --tail means 10 lines then follow', () => {
    fc.assert(
      fc.property(plainArgv, fc.option(fc.oneof(fc.integer({ min: -5, max: 100000 }).map(String), word, verb)), plainArgv, (before, next, after) => {
        const argv = [...before, '--tail', ...(next === null ? [] : [next]), ...after];
        const following = argv[before.length + 1];
        const numeric = following !== undefined && /^-?\d+$/.test(following);
        const out = normalizeArgv(argv);
        expect(out.filter((t) => t.startsWith('--tail=') && !argv.includes(t))).toEqual([`--tail=${numeric ? following : BARE_TAIL}`]);
        expect(out).not.toContain('--tail');
        // The word after a bare --tail is still there, right after it (unless it was the verb, which moved first).
        if (following !== undefined && !numeric) {
          const at = out.indexOf(`--tail=${BARE_TAIL}`);
          expect(out[at + 1] === following || out[0] === following).toBe(true);
        }
      }),
    );
  });

  it('-v=N, --v=N, --verbose=N turn verbosity on (one --verbose each); after -- nothing is rewritten', () => {
    fc.assert(
      fc.property(plainArgv, fc.array(fc.constantFrom('-v=', '--v=', '--verbose=').chain((p) => fc.nat(10).map((n) => `${p}${n}`)), { minLength: 1, maxLength: 3 }), fc.array(anyToken, { maxLength: 5 }), (base, levels, rest) => {
        const argv = [...levels, ...base, '--', ...levels, ...rest];
        const out = normalizeArgv(argv);
        const dash = out.indexOf('--');
        expect(out.slice(0, dash).filter((t) => t === '--verbose').length - base.filter((t) => t === '--verbose').length).toBe(levels.length);
        expect(out.slice(0, dash).some((t) => /=\d+$/.test(t) && /^-(-?v|-verbose)=/.test(t))).toBe(false);
        expect(out.slice(dash)).toEqual(['--', ...levels, ...rest]);
      }),
    );
  });

  it('everything after the first -- comes out unchanged, at the end', () => {
    fc.assert(
      fc.property(anyArgv, fc.array(fc.string(), { maxLength: 6 }), (head, tail) => {
        fc.pre(!head.includes('--'));
        const out = normalizeArgv([...head, '--', ...tail]);
        expect(out.slice(out.length - tail.length - 1)).toEqual(['--', ...tail]);
      }),
    );
  });

  it('knows exactly the options commander reads a value for (else the verb search would take a value for the verb)', () => {
    const required = new Set<string>();
    for (const v of commandSpec().verbs) {
      for (const f of v.flags) {
        if (f.takes !== 'required') continue;
        if (f.long) required.add(f.long);
        if (f.short) required.add(f.short);
      }
    }
    expect([...valueOptions()].sort()).toEqual([...required].sort());
  });
});
