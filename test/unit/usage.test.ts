import { describe, expect, it } from 'vitest';
import { normalizeArgv } from '../../src/cli/argv';
import { commanderLine } from '../../src/cli/usage';

const excess = { code: 'commander.excessArguments', message: "error: too many arguments for 'logs'. Expected 2 arguments but got 3." };
const line = (argv: string[]): string => commanderLine(excess, normalizeArgv(argv));

describe('commanderLine', () => {
  it('names a verb one or two letters off', () => {
    expect(line(['describ', 'tj', 'x'])).toBe('unknown command "describ"; did you mean describe?');
    expect(line(['stpo', 'tj', 'x'])).toBe('unknown command "stpo"; did you mean stop?');
    expect(line(['log', 'tj', 'x'])).toBe('unknown command "log"; did you mean logs?');
  });

  it('leaves kind words alone: a stray third word is the mistake then', () => {
    expect(line(['hpo', 'my-tuning', 'extra'])).toBe('too many arguments for logs: extra; expected KIND NAME or KIND/NAME');
    expect(line(['tj', 'x', 'extra'])).toBe('too many arguments for logs: extra; expected KIND NAME or KIND/NAME');
  });
});
