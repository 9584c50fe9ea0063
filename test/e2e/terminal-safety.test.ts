// Log messages are written by whatever runs in the container. On a terminal no escape sequence,
// carriage return or other control character may reach the screen raw, in any output format and
// on stderr too (failure reasons come from the job); to a pipe, -o raw keeps every byte and
// -o json keeps the message exact once parsed.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, trainingJob } from '../standins/aws';
import { pluginPath, startHarness, type Harness } from '../helpers/harness';
import { ANCHOR, clockAt } from './support/world';

const NASTY = [
  'colour \u001b[31mred\u001b[0m and a title \u001b]0;pwned\u0007',
  'clipboard \u001b]52;c;cm0gLXJmIH4=\u0007 write',
  'progress 10%\rprogress 100%',
  'erase \u001b[2J\u001b[H screen',
  'bell \u0007 backspace \b\b nul \u0000 del \u007f',
  'c1 csi \u009b31m and bidi \u202eevil\u202c',
  'tab\tstays',
];
const REASON = 'AlgorithmError: \u001b[2Jboom\u001b]0;x\u0007';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ARN = 'arn:aws:sagemaker:us-west-2:111122223333:training-job/hostile';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    clock: clockAt(3600_000),
    aws: {
      scenario: scenario({
        start: new Date(ANCHOR),
        region: 'us-west-2',
        accountId: '111122223333',
        jobs: [
          trainingJob({
            name: 'hostile',
            lifecycle: { at: 0, starting: 60, downloading: 30, training: 300, outcome: 'Failed', failureReason: REASON },
            logs: { events: NASTY.map((message, i) => ({ at: 100 + i, message })) },
          }),
        ],
      }),
    },
  });
});
afterAll(() => h?.close());

/** Runs the plugin with stdout and stderr on a real pseudo-terminal (util-linux script). */
function onTerminal(args: readonly string[]): Promise<{ code: number | null; out: string }> {
  const command = [pluginPath(), ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...h.env, TERM: 'xterm', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

/** Runs the plugin with stdout on a pipe; stdout as bytes. */
function toPipe(args: readonly string[]): Promise<{ code: number | null; out: Buffer; err: string }> {
  const child = spawn(pluginPath(), [...args], { env: h.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out: Buffer.concat(out), err })));
}

describe('on a terminal', () => {
  for (const format of ['default', 'raw', 'json', 'legacy']) {
    it(`-o ${format}: every line visible, no control character raw (stdout and stderr)`, async () => {
      const r = await onTerminal(['trainingjob', ARN, '-o', format, '--timestamps']);
      expect(r.code).toBe(0);
      // The terminal turns each \n into \r\n; any other CR came from a message.
      const screen = r.out.replace(/\r\n/g, '\n');
      expect(screen).not.toMatch(RAW_CONTROL);
      const visible = format === 'json' ? ['red\\u001b[0m', '\\rprogress 100%', '\\u009b31m', '\\u202eevil'] : ['red\\x1b[0m', '\\x0dprogress 100%', '\\x9b31m', '\\u202eevil'];
      for (const v of visible) expect(screen).toContain(v);
    });
  }

  it('follow to the end: the failure reason on stderr is neutralised too, exit 3', async () => {
    const r = await onTerminal(['trainingjob', ARN, '-f', '-o', 'raw']);
    expect(r.code).toBe(3);
    const screen = r.out.replace(/\r\n/g, '\n');
    expect(screen).not.toMatch(RAW_CONTROL);
    expect(screen).toContain('AlgorithmError: \\x1b[2Jboom\\x1b]0;x\\x07');
  });
});

describe('to a pipe', () => {
  it('-o raw keeps every byte of every message', async () => {
    const r = await toPipe(['trainingjob', ARN, '-o', 'raw']);
    expect(r.code).toBe(0);
    expect(r.out.equals(Buffer.from(NASTY.map((m) => `${m}\n`).join(''), 'utf8'))).toBe(true);
  });

  it('-o json keeps every message exact once parsed, escaped in the line', async () => {
    const r = await toPipe(['trainingjob', ARN, '-o', 'json']);
    expect(r.code).toBe(0);
    const text = r.out.toString('utf8');
    const lines = text.split('\n').slice(0, -1);
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(NASTY);
    for (const l of lines) expect(l).not.toMatch(RAW_CONTROL);
  });
});
