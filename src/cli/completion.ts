// Shell completion, Cobra's protocol: `kubectl-smlogs __complete ARGS... PARTIAL` (and
// `kubectl_complete-smlogs ARGS... PARTIAL`, which kubectl ≥ 1.26 runs for `kubectl smlogs <TAB>`)
// prints one candidate per line (`value<TAB>description`), then a `:N` directive line.
//
// Everything here is static and cheap (it runs in the light bundle); what needs the cluster or
// the kubeconfig (resource names, namespaces, contexts) is a Lookup, answered by
// completion-cluster.ts, which loadVerbs() brings in only then. Completion never prints an error
// and never hangs: on any failure, or after DEADLINE_MS, it prints just the directive.
import type { Command, Option } from 'commander';
import { KIND_WORDS, RESOURCE_TYPES, parseKind, qualified } from '../kube/kinds';
import { OUTPUT_FORMATS } from '../render/log-line';
import { TIMESTAMP_FORMATS } from '../render/time-format';
import { JOB_TYPE_NOUN, type JobType } from '../sagemaker/job';
import { SHELLS } from './completion-scripts';
import type { RawConnectionOpts } from './options';

/** Cobra's ShellCompDirective bits. */
export const Directive = {
  Default: 0,
  Error: 1,
  NoSpace: 2,
  NoFileComp: 4,
  FilterFileExt: 8,
  FilterDirs: 16,
  KeepOrder: 32,
} as const;

export interface Candidate {
  readonly value: string;
  readonly description?: string;
}

/** What only the cluster, the kubeconfig or the AWS config files can answer. */
export type Lookup =
  | { readonly what: 'names'; readonly kind: string; /** prepended to each name: `trainingjob/` for KIND/NAME */ readonly prefix: string }
  | { readonly what: SimpleLookup };

export type SimpleLookup = 'namespaces' | 'contexts' | 'clusters' | 'users' | 'profiles';

export interface CompletionPlan {
  /** Static candidates, already filtered by `filter`. */
  readonly candidates: readonly Candidate[];
  readonly directive: number;
  readonly lookup?: Lookup;
  /** The text the candidates must start with (the value part of `--flag=value`). */
  readonly filter: string;
  /** The flags given so far (-n, --context, --kubeconfig...), as commander would have parsed them. */
  readonly options: RawConnectionOpts & Record<string, unknown>;
  /** The verb the line runs (`logs` when none is named), if known. */
  readonly verb?: string;
}

// ---------------------------------------------------------------------------------------------
// The command line's shape, read from the commander program so that flags are never listed twice.

export interface FlagSpec {
  readonly long?: string;
  readonly short?: string;
  /** `required` (<value>), `optional` ([value]) or none (a switch). */
  readonly takes: 'required' | 'optional' | 'none';
  readonly description: string;
  readonly hidden: boolean;
  readonly choices?: readonly string[];
}

export interface VerbSpec {
  readonly name: string;
  readonly description: string;
  readonly flags: readonly FlagSpec[];
}

export interface CliSpec {
  readonly verbs: readonly VerbSpec[];
  readonly rootFlags: readonly FlagSpec[];
}

function flagSpec(o: Option): FlagSpec {
  return {
    ...(o.long ? { long: o.long } : {}),
    ...(o.short ? { short: o.short } : {}),
    takes: o.required ? 'required' : o.optional ? 'optional' : 'none',
    description: o.description,
    hidden: o.hidden,
    ...(o.argChoices ? { choices: o.argChoices } : {}),
  };
}

const HELP_FLAG: FlagSpec = { long: '--help', short: '-h', takes: 'none', description: 'show help', hidden: false };

export function specOf(root: Command): CliSpec {
  const verbs: VerbSpec[] = root.commands.map((c) => ({ name: c.name(), description: c.description(), flags: [...c.options.map(flagSpec), HELP_FLAG] }));
  // commander's implicit `help [command]` is not among root.commands.
  if (!verbs.some((v) => v.name === 'help')) verbs.push({ name: 'help', description: 'show help for a command', flags: [HELP_FLAG] });
  return {
    verbs,
    rootFlags: [...root.options.map(flagSpec), HELP_FLAG],
  };
}

// ---------------------------------------------------------------------------------------------
// Static values.

/** Flags whose repeated use adds up; the others are offered once. */
const REPEATABLE = new Set(['--instance', '--logSearchPrefix', '--include', '--exclude', '--as-group']);

/** -o values per verb (the default verb is logs). */
const OUTPUT_VALUES: Readonly<Record<string, readonly string[]>> = {
  logs: OUTPUT_FORMATS,
  wait: OUTPUT_FORMATS,
  describe: ['text', 'json', 'yaml'],
  list: ['text', 'wide', 'json', 'yaml'],
  version: ['text', 'json'],
};

const VALUE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  default: 'coloured host prefix, then the message',
  raw: 'the message only',
  json: 'one JSON object per line',
  legacy: "the archived plugin's <stream> <time> <message>",
  text: 'for people',
  wide: 'text with more columns',
  yaml: 'YAML',
  auto: 'colour on a terminal, unless NO_COLOR is set',
  always: 'always colour',
  never: 'never colour',
  rfc3339: '2026-08-20T10:15:00.123Z',
  short: '08-20 10:15:00',
  epoch: 'milliseconds since 1970',
  utc: 'UTC',
  local: 'the local time zone',
  bash: 'bash completion script',
  zsh: 'zsh completion script',
  fish: 'fish completion script',
};

const STATIC_VALUES: Readonly<Record<string, readonly string[]>> = {
  '--color': ['auto', 'always', 'never'],
  '--timestamps': TIMESTAMP_FORMATS,
  '--timezone': ['utc', 'local'],
  '--region': [
    'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-southeast-1',
    'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
    'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2',
    'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1', 'sa-east-1', 'us-gov-west-1', 'us-gov-east-1', 'cn-north-1', 'cn-northwest-1',
  ],
};

const LOOKUP_FLAGS: Readonly<Record<string, SimpleLookup>> = {
  '--namespace': 'namespaces',
  '--context': 'contexts',
  '--cluster': 'clusters',
  '--user': 'users',
  '--profile': 'profiles',
};

/** Flags whose value is a file (the shell completes paths) or a folder. */
const FILE_FLAGS = new Set(['--kubeconfig', '--certificate-authority', '--client-certificate', '--client-key']);
const DIR_FLAGS = new Set(['--cache-dir']);

const FAMILY_LABEL = { legacy: 'SageMaker Operators for Kubernetes', ack: 'ACK SageMaker controller' } as const;

/** KIND words as offered: the singular and the long words; plurals and short forms when typed. */
function kindCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (value: string, description: string): void => {
    if (!seen.has(value) && value.startsWith(text)) {
      seen.add(value);
      out.push({ value, description });
    }
  };
  const lower = text.toLowerCase();
  for (const [jobType, words] of Object.entries(KIND_WORDS) as Array<[JobType, readonly string[]]>) {
    const kinds = [...new Set(RESOURCE_TYPES.filter((t) => t.jobType === jobType).map((t) => t.kind))].join(' / ');
    const description = `${JOB_TYPE_NOUN[jobType]} (${kinds})`;
    for (const w of words) if (!w.endsWith('s') && w.length > 3) add(w, description);
    // A plural or short word: once it is typed far enough that no long singular matches, or exactly.
    for (const w of words) if (w === lower || (lower !== '' && !words.some((s) => s.startsWith(lower) && !s.endsWith('s') && s.length > 3))) add(w, description);
  }
  if (text.includes('.')) {
    for (const t of RESOURCE_TYPES) add(qualified(t), `${t.kind}, ${FAMILY_LABEL[t.family]}`);
  }
  return out;
}

function filterBy(cands: readonly Candidate[], text: string): Candidate[] {
  return cands.filter((c) => c.value.startsWith(text));
}

function values(list: readonly string[], text: string): Candidate[] {
  return filterBy(
    list.map((v) => ({ value: v, ...(VALUE_DESCRIPTIONS[v] ? { description: VALUE_DESCRIPTIONS[v] } : {}) })),
    text,
  );
}

function camel(long: string): string {
  return long.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function isKindWord(word: string): boolean {
  try {
    parseKind(word);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Planning: what to offer for a partial command line.

/**
 * `args` are the words after the plugin name; the last one is the word being completed (empty
 * after a space). Pure: no I/O.
 */
export function planCompletion(spec: CliSpec, args: readonly string[]): CompletionPlan {
  const words = args.slice(0, -1);
  const toComplete = args.length > 0 ? args[args.length - 1]! : '';
  const options: Record<string, unknown> = {};
  const used = new Set<string>();
  const positionals: string[] = [];
  let verb: VerbSpec | undefined;
  let pending: FlagSpec | undefined;
  let dashDash = false;

  const allFlags = (): FlagSpec[] => {
    const byName = new Map<string, FlagSpec>();
    for (const f of [...spec.rootFlags, ...spec.verbs.flatMap((v) => v.flags)]) byName.set(f.long ?? f.short ?? '', byName.get(f.long ?? f.short ?? '') ?? f);
    return [...byName.values()];
  };
  // Before the verb is known, any verb's flag may appear (flags may precede the verb).
  const flagsNow = (): readonly FlagSpec[] => (verb ? verb.flags : allFlags());
  const find = (name: string): FlagSpec | undefined => flagsNow().find((f) => f.long === name || f.short === name);
  const record = (f: FlagSpec, value: string | true): void => {
    const key = camel(f.long ?? f.short ?? '');
    used.add(f.long ?? f.short ?? '');
    if (f.long && REPEATABLE.has(f.long) && value !== true) options[key] = [...((options[key] as string[] | undefined) ?? []), value];
    else options[key] = value;
  };

  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (pending) {
      record(pending, w);
      pending = undefined;
      continue;
    }
    if (dashDash || w === '-' || !w.startsWith('-')) {
      if (!verb && positionals.length === 0 && !dashDash) {
        const v = spec.verbs.find((s) => s.name === w);
        if (v) {
          verb = v;
          continue;
        }
      }
      positionals.push(w);
      continue;
    }
    if (w === '--') {
      dashDash = true;
      continue;
    }
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    const f = find(name);
    // -nml-team: a short flag with its value attached.
    if (!f && !w.startsWith('--') && w.length > 2) {
      const short = find(w.slice(0, 2));
      if (short && short.takes === 'required') {
        record(short, w.slice(2));
        continue;
      }
    }
    if (!f) continue;
    if (eq > 0) {
      record(f, w.slice(eq + 1));
      continue;
    }
    const next = i + 1 < words.length ? words[i + 1] : undefined;
    // argv.ts: --tail takes a number only, --timestamps a format only; otherwise they stand alone.
    if (f.long === '--tail') {
      if (next !== undefined && /^-?\d+$/.test(next)) {
        record(f, next);
        i++;
      } else record(f, true);
      continue;
    }
    if (f.long === '--timestamps') {
      if (next !== undefined && (TIMESTAMP_FORMATS as readonly string[]).includes(next)) {
        record(f, next);
        i++;
      } else record(f, true);
      continue;
    }
    if (f.takes === 'required') {
      if (next === undefined) pending = f;
      else {
        record(f, next);
        i++;
      }
      continue;
    }
    record(f, true);
  }

  const verbName = verb?.name ?? (positionals.length > 0 ? 'logs' : undefined);
  const base = { options: options as RawConnectionOpts & Record<string, unknown>, ...(verbName ? { verb: verbName } : {}) };

  // The value of a flag given as its own word: `-n <TAB>`.
  if (pending) return { ...base, ...valuePlan(pending, toComplete, verbName ?? 'logs') };

  // A flag, or `--flag=value`.
  if (!dashDash && toComplete.startsWith('-')) {
    const eq = toComplete.indexOf('=');
    if (toComplete.startsWith('--') && eq > 0) {
      const f = find(toComplete.slice(0, eq));
      if (!f || f.takes === 'none') return { ...base, candidates: [], directive: Directive.NoFileComp, filter: toComplete };
      // Cobra's convention: the values alone; the shell scripts put `--flag=` back.
      return { ...base, ...valuePlan(f, toComplete.slice(eq + 1), verbName ?? 'logs') };
    }
    return { ...base, candidates: flagCandidates(verb ? verb.flags : [...spec.rootFlags, ...(spec.verbs.find((v) => v.name === 'logs')?.flags ?? [])], toComplete, used), directive: Directive.NoFileComp, filter: toComplete };
  }

  const positional = positionalPlan(spec, verb, positionals, toComplete);
  // After a bare --timestamps the next word may be its format, or the next argument.
  const last = words[words.length - 1];
  if (!dashDash && last === '--timestamps') return { ...base, ...positional, candidates: [...values(TIMESTAMP_FORMATS, toComplete), ...positional.candidates] };
  return { ...base, ...positional };
}

function flagCandidates(flags: readonly FlagSpec[], text: string, used: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const f of flags) {
    if (f.hidden) continue;
    const key = f.long ?? f.short ?? '';
    if (used.has(key) && !(f.long && REPEATABLE.has(f.long))) continue;
    // `-` alone: long and short forms; `--...`: long forms only; `-x`: that short form.
    for (const name of [f.long, text.startsWith('--') ? undefined : f.short]) {
      if (!name || seen.has(name) || !name.startsWith(text)) continue;
      seen.add(name);
      out.push({ value: name, description: f.description });
    }
  }
  return out;
}

function valuePlan(f: FlagSpec, text: string, verb: string): Pick<CompletionPlan, 'candidates' | 'directive' | 'filter' | 'lookup'> {
  const long = f.long ?? '';
  const none = { candidates: [], filter: text };
  if (FILE_FLAGS.has(long)) return { ...none, directive: Directive.Default };
  if (DIR_FLAGS.has(long)) return { ...none, directive: Directive.FilterDirs };
  const lookup = LOOKUP_FLAGS[long];
  if (lookup) return { ...none, directive: Directive.NoFileComp, lookup: { what: lookup } };
  const list = f.choices ?? (long === '--output' ? OUTPUT_VALUES[verb] ?? OUTPUT_FORMATS : STATIC_VALUES[long]);
  return { candidates: list ? values(list, text) : [], directive: Directive.NoFileComp, filter: text };
}

function positionalPlan(spec: CliSpec, verb: VerbSpec | undefined, positionals: readonly string[], text: string): Pick<CompletionPlan, 'candidates' | 'directive' | 'filter' | 'lookup'> {
  const none = { candidates: [], directive: Directive.NoFileComp, filter: text };
  const name = verb?.name ?? 'logs';
  const target = (): Pick<CompletionPlan, 'candidates' | 'directive' | 'filter' | 'lookup'> => {
    if (positionals.length === 0) {
      // KIND/NAME: the names of that kind, written as KIND/NAME.
      const slash = text.indexOf('/');
      if (slash > 0) {
        const kind = text.slice(0, slash);
        return isKindWord(kind) ? { ...none, lookup: { what: 'names', kind, prefix: `${kind}/` } } : none;
      }
      return { ...none, candidates: kindCandidates(text) };
    }
    if (positionals.length === 1) {
      const first = positionals[0]!;
      if (first.includes('/') || !isKindWord(first) || text.startsWith('arn:')) return none;
      return { ...none, lookup: { what: 'names', kind: first, prefix: '' } };
    }
    return none;
  };
  switch (name) {
    case 'logs':
    case 'describe':
    case 'stop':
    case 'wait': {
      const plan = target();
      if (!verb && positionals.length === 0 && !text.includes('/')) {
        // No verb yet: a verb, or a KIND for the default verb (logs).
        const verbs = spec.verbs.filter((v) => v.name !== 'help').map((v) => ({ value: v.name, description: v.description }));
        return { ...plan, candidates: [...filterBy(verbs, text), ...plan.candidates] };
      }
      return plan;
    }
    case 'list':
      return positionals.length === 0 ? { ...none, candidates: kindCandidates(text) } : none;
    case 'completion':
      return positionals.length === 0 ? { ...none, candidates: values(SHELLS, text) } : none;
    case 'help':
      return positionals.length === 0 ? { ...none, candidates: filterBy(spec.verbs.map((v) => ({ value: v.name, description: v.description })), text) } : none;
    default:
      return none;
  }
}

// ---------------------------------------------------------------------------------------------
// Output.

/** Cobra's format: `value<TAB>description` lines (descriptions only when wanted), then `:N`. */
export function formatCompletion(cands: readonly Candidate[], directive: number, descriptions: boolean): string {
  const clean = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');
  const lines = cands.map((c) => (descriptions && c.description ? `${clean(c.value)}\t${clean(c.description)}` : clean(c.value)));
  return [...lines, `:${directive}`].join('\n') + '\n';
}

/** Cluster lookups give up after this long: a slow or unreachable server must not freeze a TAB. */
export const DEADLINE_MS = 4_000;

export interface CompleteDeps {
  /** Answers lookups (completion-cluster.ts through loadVerbs in the plugin). */
  readonly lookup: (l: Lookup, options: RawConnectionOpts & Record<string, unknown>) => Promise<readonly Candidate[]>;
  readonly write: (text: string) => void;
  readonly deadlineMs?: number;
}

/** Runs one completion request; always succeeds (exit 0) and always ends with a directive line. */
export async function complete(spec: CliSpec, args: readonly string[], descriptions: boolean, deps: CompleteDeps): Promise<number> {
  let plan: CompletionPlan;
  try {
    plan = planCompletion(spec, args);
  } catch {
    deps.write(formatCompletion([], Directive.NoFileComp, false));
    return 0;
  }
  let cands = [...plan.candidates];
  const { lookup } = plan;
  if (lookup) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<readonly Candidate[]>((resolve) => {
        timer = setTimeout(() => resolve([]), deps.deadlineMs ?? DEADLINE_MS);
      });
      const found = await Promise.race([deps.lookup(lookup, plan.options), deadline]);
      const prefix = lookup.what === 'names' ? lookup.prefix : '';
      cands.push(...filterBy(found.map((c) => ({ ...c, value: prefix + c.value })), plan.filter));
    } catch {
      cands = [...plan.candidates];
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
  deps.write(formatCompletion(cands, plan.directive, descriptions));
  return 0;
}
