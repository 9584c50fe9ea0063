// The plugin as a citizen of the shell: SIGINT and SIGTERM end a run with their exit codes and
// without a stack trace, after the lines already read are printed; a reader that goes away ends
// the run quietly; a reader that stops reading holds the run still instead of growing its memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, trainingJob } from '../standins/aws';
import { pluginPath, startHarness, type Harness } from '../helpers/harness';
import { ANCHOR, clockAt } from './support/world';

const S = 1000;
const PER_STREAM = 25_000;
const STREAMS = 4;
const arn = (name: string): string => `arn:aws:sagemaker:us-west-2:111122223333:training-job/${name}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    clock: clockAt(3600 * S),
    aws: {
      scenario: scenario({
        start: new Date(ANCHOR),
        region: 'us-west-2',
        accountId: '111122223333',
        jobs: [
          trainingJob({ name: 'forever', lifecycle: { at: 0, starting: 60, downloading: 30, outcome: 'InProgress' }, logs: { events: [{ at: 100, message: 'line one' }, { at: 101, message: 'line two' }] } }),
          // ~100k lines of ~60 bytes: far more than any pipe and buffer hold.
          trainingJob({
            name: 'big',
            instanceCount: STREAMS,
            lifecycle: { at: 0, starting: 60, downloading: 30, training: 1800, uploading: 15 },
            logs: { generate: [{ phase: 'Training', count: PER_STREAM, template: '[epoch {epoch}] step {step}/{steps} loss={loss}' }] },
          }),
        ],
      }),
    },
  });
});
afterAll(() => h?.close());

const NO_TRACE = /\n\s+at |Error:|EPIPE/;

describe('signals', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} while following: exit ${code}, the lines read so far printed, no stack trace`, async () => {
      const run = h.start(['trainingjob', arn('forever'), '-f', '-o', 'raw']);
      await run.waitFor('line two');
      run.child.kill(signal);
      const r = await run.done;
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('line one\nline two\n');
      expect(r.stderr).not.toMatch(NO_TRACE);
    });
  }

  it('SIGTERM in the middle of a large catch-up: every printed line whole, exit 143', async () => {
    const run = h.start(['trainingjob', arn('big'), '-o', 'raw'], { env: { SMLOGS_TUNING: '' } });
    await run.waitFor(/step \d+/);
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(r.stdout.endsWith('\n')).toBe(true);
    for (const l of r.stdout.slice(0, -1).split('\n')) expect(l).toMatch(/^\[epoch \d+\] step \d+\/\d+ loss=/);
    expect(r.stderr).not.toMatch(NO_TRACE);
  });
});

describe('pipes', () => {
  it('`| head -1` in a real shell pipeline: quiet, exit 0, while lines were still coming', async () => {
    const command = `'${pluginPath()}' trainingjob '${arn('big')}' -o raw | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
    const child = spawn('bash', ['-c', command], { env: h.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    expect(out).toMatch(/^\[epoch \d+\] step \d+\/\d+ loss=\S+\n$/);
    expect(err).toMatch(/status=0\n$/);
    expect(err).not.toMatch(NO_TRACE);
  });

  it('a reader that stops reading holds the run: memory stays bounded, and nothing is lost once it reads again', async () => {
    const child = spawn(pluginPath(), ['trainingjob', arn('big'), '-o', 'raw'], { env: h.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    const rss = (): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
    const requests = (): number => h.aws.requests.filter((q) => q.operation === 'GetLogEvents').length;
    // Let it fill the pipe and its own buffers, then watch it stand still.
    await new Promise((r) => setTimeout(r, 2500));
    const [rssThen, callsThen] = [rss(), requests()];
    await new Promise((r) => setTimeout(r, 2500));
    const [rssNow, callsNow] = [rss(), requests()];
    expect(callsNow - callsThen).toBeLessThanOrEqual(STREAMS);
    expect(rssNow - rssThen).toBeLessThan(16);
    expect(rssNow).toBeLessThan(200);

    let count = 0;
    let tail = '';
    child.stdout.on('data', (d: Buffer) => {
      const text = tail + d.toString();
      const parts = text.split('\n');
      tail = parts.pop()!;
      count += parts.length;
    });
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(tail).toBe('');
    expect(count).toBe(PER_STREAM * STREAMS);
  }, 60_000);
});
