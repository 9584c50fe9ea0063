// Normalises argv before commander sees it, for the kubectl conventions commander cannot
// express: optional flag values that must not swallow the next word, and a default verb.

export const VERBS = ['logs', 'describe', 'stop', 'wait', 'list', 'completion', 'version', 'help'] as const;

/** Sentinel for a bare `--tail`, which means `tail -f`: the last 10 lines of each stream, then follow. */
export const BARE_TAIL = 'bare';

const TIMESTAMP_FORMATS = new Set(['rfc3339', 'short', 'epoch']);

/** Options that take a value as the next word (when not given with `=`). Short forms included. */
const VALUE_OPTIONS = new Set([
  '--kubeconfig', '--context', '--cluster', '--user', '-n', '--namespace', '-s', '--server', '--token',
  '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--request-timeout',
  '--as', '--as-group', '--as-uid', '--username', '--password', '--cache-dir', '--region', '--profile',
  '--tail', '--since', '--since-time', '--until-time', '--instance', '-p', '--logSearchPrefix', '--filter-pattern',
  '-i', '--include', '-e', '--exclude', '--timezone', '-o', '--output', '--color', '--timeout', '--interval', '--api-rate',
]);

export function normalizeArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '--tail') {
      // kubectl smlogs --tail trainingjob NAME: a number follows, or it is bare.
      if (next !== undefined && /^-?\d+$/.test(next)) {
        out.push(`--tail=${next}`);
        i++;
      } else {
        out.push(`--tail=${BARE_TAIL}`);
      }
      continue;
    }
    // kubectl's verbosity is -v=N or --v=N; ours is a switch, so the level only turns it on.
    if (/^(-v|--v|--verbose)=\d+$/.test(a)) {
      out.push('--verbose');
      continue;
    }
    if (a === '--timestamps') {
      if (next !== undefined && TIMESTAMP_FORMATS.has(next)) {
        out.push(`--timestamps=${next}`);
        i++;
      } else {
        out.push('--timestamps=rfc3339');
      }
      continue;
    }
    out.push(a);
  }
  return withVerb(out);
}

/** Puts the verb first: `kubectl smlogs -n ns describe tj x` works, and no verb means `logs`. */
function withVerb(args: string[]): string[] {
  let i = 0;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--') break;
    if (a.startsWith('-') && a !== '-') {
      const takesValue = !a.includes('=') && VALUE_OPTIONS.has(a);
      i += takesValue ? 2 : 1;
      continue;
    }
    break;
  }
  const first = args[i];
  if (first !== undefined && (VERBS as readonly string[]).includes(first)) {
    return [first, ...args.slice(0, i), ...args.slice(i + 1)];
  }
  // Nothing at all is `logs` without KIND NAME: a usage error that says what is missing.
  if (args.length > 0 && args.every((a) => a === '-h' || a === '--help')) return args;
  if (args.includes('--version') && args.length === 1) return ['version'];
  return ['logs', ...args];
}

/**
 * Where the positional words of normalised args are (after the verb at args[0]): what commander
 * hands the verb as its arguments. Used to name the extra words of a "too many arguments" error.
 */
export function operandIndexes(args: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      for (let j = i + 1; j < args.length; j++) out.push(j);
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      if (!a.includes('=') && VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    out.push(i);
  }
  return out;
}

/** Options that take a value as the next word: commander's view and ours must agree (a unit test checks). */
export function valueOptions(): ReadonlySet<string> {
  return VALUE_OPTIONS;
}
