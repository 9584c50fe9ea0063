// commander's parse errors, made into the contract's one line: what is wrong, with which words,
// and what is expected. Its own texts count arguments ("Expected 2 arguments but got 3") without
// naming them, and put "(Did you mean …?)" on a second line.
import { closest, distance } from 'fastest-levenshtein';
import { BARE_TAIL, operandIndexes } from './argv';

const TARGET = 'KIND NAME or KIND/NAME';
const EXPECTED: Readonly<Record<string, readonly [number, string]>> = {
  logs: [2, TARGET],
  describe: [2, TARGET],
  stop: [2, TARGET],
  wait: [2, TARGET],
  list: [1, 'at most one KIND'],
  completion: [1, 'one shell: bash, zsh or fish'],
  version: [0, 'no arguments'],
};

export interface CommanderFailure {
  readonly code: string;
  readonly message: string;
}

/** The error line (without `error: `) for a commander parse error of the normalised `args`. */
export function commanderLine(e: CommanderFailure, args: readonly string[]): string {
  const verb = args[0] ?? '';
  const expected = EXPECTED[verb];
  // `describ tj x` reads as logs KIND=describ NAME=tj plus a stray word; the slip is the verb.
  const slip = verb === 'logs' && e.code === 'commander.excessArguments' ? misspeltVerb(args[1]) : undefined;
  if (slip) return `unknown command "${args[1]}"; did you mean ${slip}?`;
  if (e.code === 'commander.excessArguments' && expected) {
    const extra = operandIndexes(args).slice(expected[0]);
    if (extra.length > 0) return `too many arguments for ${verb}: ${extra.map((i) => args[i]).join(' ')}; expected ${expected[1]}${valueHint(args[extra[0]! - 1])}`;
  }
  if (e.code === 'commander.missingArgument' && expected?.[1] === TARGET) {
    const example = `kubectl smlogs ${verb === 'logs' ? '' : `${verb} `}`;
    return `missing KIND and NAME: expected ${example}${TARGET}, e.g. ${example}trainingjob my-job`;
  }
  if (e.code === 'commander.missingArgument' && verb === 'completion') return 'missing the shell: expected kubectl smlogs completion bash|zsh|fish';
  return e.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*\(Did you mean (.+)\?\)\s*$/, '; did you mean $1?')
    .replace(/\s*\n\s*/g, ' ');
}

/** The verb a word was probably meant to be (one or two letters off), if any. */
function misspeltVerb(word: string | undefined): string | undefined {
  if (word === undefined || word.length < 3 || word.startsWith('-')) return undefined;
  const verbs = Object.keys(EXPECTED);
  const guess = closest(word, verbs);
  return distance(word, guess) <= 2 ? guess : undefined;
}

/** `--tail abc`: a bare --tail (kubectl's `tail -f`) left "abc" as an argument; say how to give a value. */
function valueHint(before: string | undefined): string {
  if (before === `--tail=${BARE_TAIL}`) return ' (--tail takes a number of lines: --tail=N, or -1 for all)';
  if (before?.startsWith('--timestamps=')) return ' (--timestamps takes rfc3339, short or epoch: --timestamps=FORMAT)';
  return '';
}
