import { describe, expect, it } from 'vitest';
import { BARE_TAIL, normalizeArgv } from '../../src/cli/argv';
import { displayOptions, parseTail } from '../../src/cli/options';
import { splitTarget } from '../../src/cli/commands/logs';
import { ExitCode } from '../../src/core/exit-codes';

describe('normalizeArgv', () => {
  it('defaults to the logs verb', () => {
    expect(normalizeArgv(['trainingjob', 'x'])).toEqual(['logs', 'trainingjob', 'x']);
    expect(normalizeArgv(['-n', 'ml', 'tj/x', '-f'])).toEqual(['logs', '-n', 'ml', 'tj/x', '-f']);
  });
  it('moves a verb after flags to the front', () => {
    expect(normalizeArgv(['-n', 'ml-team', 'describe', 'tj', 'x'])).toEqual(['describe', '-n', 'ml-team', 'tj', 'x']);
    expect(normalizeArgv(['--context=prod', 'wait', 'tj', 'x'])).toEqual(['wait', '--context=prod', 'tj', 'x']);
  });
  it('does not mistake a flag value for a verb', () => {
    expect(normalizeArgv(['-n', 'list', 'tj', 'x'])).toEqual(['logs', '-n', 'list', 'tj', 'x']);
  });
  it('bare --tail does not swallow the kind (contract: `kubectl smlogs --tail trainingjob NAME`)', () => {
    expect(normalizeArgv(['--tail', 'trainingjob', 'NAME'])).toEqual(['logs', `--tail=${BARE_TAIL}`, 'trainingjob', 'NAME']);
    expect(normalizeArgv(['tj', 'x', '--tail'])).toEqual(['logs', 'tj', 'x', `--tail=${BARE_TAIL}`]);
    expect(normalizeArgv(['--tail', '20', 'tj', 'x'])).toEqual(['logs', '--tail=20', 'tj', 'x']);
    expect(normalizeArgv(['--tail', '-1', 'tj', 'x'])).toEqual(['logs', '--tail=-1', 'tj', 'x']);
    expect(normalizeArgv(['tj', 'x', '--tail=5'])).toEqual(['logs', 'tj', 'x', '--tail=5']);
  });
  it('--timestamps takes a format only when one follows', () => {
    expect(normalizeArgv(['--timestamps', 'tj', 'x'])).toEqual(['logs', '--timestamps=rfc3339', 'tj', 'x']);
    expect(normalizeArgv(['tj', 'x', '--timestamps', 'short'])).toEqual(['logs', 'tj', 'x', '--timestamps=short']);
  });
  it('leaves help alone; nothing at all is logs (which then asks for KIND and NAME)', () => {
    expect(normalizeArgv(['--help'])).toEqual(['--help']);
    expect(normalizeArgv([])).toEqual(['logs']);
    expect(normalizeArgv(['describe', '--help'])).toEqual(['describe', '--help']);
  });
});

describe('parseTail', () => {
  it('follows kubectl: -1 = all, N = last N, bare = last 10 and follow', () => {
    expect(parseTail(undefined)).toEqual({ follow: false });
    expect(parseTail('-1')).toEqual({ follow: false });
    expect(parseTail('0')).toEqual({ lines: 0, follow: false });
    expect(parseTail('25')).toEqual({ lines: 25, follow: false });
    expect(parseTail(BARE_TAIL)).toEqual({ lines: 10, follow: true });
  });
  it.each(['-2', 'ten', '1.5'])('refuses %j as a usage error', (v) => {
    expect(() => parseTail(v)).toThrowError(expect.objectContaining({ exitCode: ExitCode.Usage }));
  });
});

describe('displayOptions', () => {
  it('defaults', () => {
    const d = displayOptions({});
    expect(d).toMatchObject({ format: 'default', timezone: 'utc', prefix: true, color: 'auto', best: false, instances: [], include: [], exclude: [] });
    expect(d.timestamps).toBeUndefined();
  });
  it('--hide-log-stream-name is --no-prefix', () => {
    expect(displayOptions({ hideLogStreamName: true }).prefix).toBe(false);
    expect(displayOptions({ prefix: false }).prefix).toBe(false);
  });
  it.each([
    [{ output: 'yaml' }, /--output: use one of default, raw, json, legacy/],
    [{ color: 'sometimes' }, /--color/],
    [{ timestamps: 'iso' }, /--timestamps/],
    [{ timezone: 'PST' }, /--timezone/],
    [{ include: ['('] }, /invalid regular expression "\(" for --include/],
    [{ apiRate: 'GetLogEvents=fast' }, /--api-rate/],
  ])('refuses %j', (o, re) => {
    expect(() => displayOptions(o)).toThrowError(re);
  });
});

describe('splitTarget', () => {
  it('accepts KIND NAME and KIND/NAME, not an ARN split at its slash', () => {
    expect(splitTarget(['tj', 'x'])).toEqual({ kind: 'tj', name: 'x' });
    expect(splitTarget(['trainingjobs.sagemaker.aws.amazon.com/x'])).toEqual({ kind: 'trainingjobs.sagemaker.aws.amazon.com', name: 'x' });
    expect(() => splitTarget(['tj'])).toThrow(/missing NAME/);
    expect(() => splitTarget(['tj', 'a', 'b'])).toThrow(/too many arguments/);
  });
});

describe('verbosity', () => {
  it("-v is a switch that never takes the next word; kubectl's -v=N turns it on", () => {
    expect(normalizeArgv(['-v', 'describe', 'tj', 'x'])).toEqual(['describe', '-v', 'tj', 'x']);
    expect(normalizeArgv(['tj', 'x', '-v=6'])).toEqual(['logs', 'tj', 'x', '--verbose']);
    expect(normalizeArgv(['--v=2', 'tj', 'x'])).toEqual(['logs', '--verbose', 'tj', 'x']);
  });
});
