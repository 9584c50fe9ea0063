// The logs verb through the plugin as users run it: every output format and flag, follow until
// the job ends with its exit code, tuning children, transform data-log streams, endpoints, a
// closed pipe, Ctrl-C, --timeout. The AWS stand-in runs on a manual clock the tests move.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endpoint, processingJob, scenario, trainingJob, transformJob, tuningJob, type ManualClock } from '../standins/aws';
import { pluginPath, startHarness, type Harness } from '../helpers/harness';
import { lines } from './support/requests';
import { ANCHOR, clockAt, fixtureCluster, fixtureJobs } from './support/world';

const S = 1000;
const MIN = 60 * S;
const arn = (name: string, type = 'training-job'): string => `arn:aws:sagemaker:us-west-2:111122223333:${type}/${name}`;
const iso = (offsetMs: number): string => new Date(ANCHOR + offsetMs).toISOString();
const epoch = (offsetMs: number): number => Math.floor((ANCHOR + offsetMs) / 1000);

/** Training lifecycle used below: Starting 0-60 s, Downloading 60-90 s, Training 90-390 s, Uploading 390-405 s. */
const life = { at: 0, starting: 60, downloading: 30, training: 300, uploading: 15 } as const;

function world() {
  return scenario({
    start: new Date(ANCHOR),
    region: 'us-west-2',
    accountId: '111122223333',
    stopDelay: 5,
    logGroups: [{ name: '/aws/sagemaker/TrainingJobs', createdAt: '-1d' }],
    jobs: [
      processingJob({ name: 'prep', lifecycle: { at: 0, outcome: 'InProgress' } }),
      trainingJob({
        name: 'exact',
        instanceCount: 2,
        lifecycle: life,
        logs: {
          events: [
            { instance: 1, at: 100, message: 'alpha 1' },
            { instance: 2, at: 100.5, message: 'beta 1\n' },
            { instance: 1, at: 101, message: 'alpha 2' },
            { instance: 2, at: 101, message: 'beta 2', delay: 2 },
            { instance: 2, at: 102, message: 'paint \u001b[31mred\u001b[0m and \u001b]0;title\u0007' },
            { instance: 1, at: 103, message: 'ERROR: disk full' },
          ],
        },
      }),
      trainingJob({ name: 'fails', lifecycle: { ...life, outcome: 'Failed', failureReason: 'AlgorithmError: boom\nExitCode 1' }, logs: { events: [{ at: 100, message: 'about to fail' }] } }),
      trainingJob({ name: 'stopped', lifecycle: { ...life, outcome: 'Stopped' }, logs: { events: [{ at: 100, message: 'will be stopped' }] } }),
      trainingJob({ name: 'overtime', maxRuntime: '5m', lifecycle: { ...life, outcome: 'MaxRuntimeExceeded' }, logs: { events: [{ at: 100, message: 'slow' }] } }),
      trainingJob({ name: 'forever', lifecycle: { ...life, outcome: 'InProgress' }, logs: { events: [{ at: 100, message: 'still going' }] } }),
      tuningJob({
        name: 'hpo',
        at: 0,
        objective: { type: 'Maximize', metric: 'validation:auc' },
        maxJobs: 2,
        maxParallel: 2,
        children: { count: 2, objectiveValues: [0.9, 0.95], lifecycle: { starting: 60, downloading: 30, training: 120 }, logs: { generate: [{ phase: 'Training', count: 2, template: '{job} line {n}' }] } },
      }),
      transformJob({ name: 'batch', instanceCount: 1, lifecycle: { at: 0, starting: 60, running: 120 }, logs: { generate: [{ count: 2, template: 'request {n}' }, { count: 1, template: '{"captured":{n}}', suffix: 'data-log' }] } }),
      endpoint({ name: 'ep', variants: [{ name: 'AllTraffic', instanceCount: 1 }], lifecycle: { at: 0, creating: 60 }, logs: { generate: [{ count: 2, template: 'ping {n}' }] } }),
    ],
  });
}

let h: Harness;
let clock: ManualClock;

beforeAll(async () => {
  clock = clockAt(10 * MIN);
  h = await startHarness({ clock, aws: { scenario: world() }, kube: { scenario: fixtureCluster() } });
  h.aws.loadScenario(fixtureJobs());
});
afterAll(() => h?.close());
beforeEach(() => {
  clock.set(ANCHOR + 10 * MIN);
  h.aws.reset();
  h.aws.loadScenario(world());
  h.aws.loadScenario(fixtureJobs());
});

const s1 = `exact/algo-1-${epoch(100 * S)}`;
const s2 = `exact/algo-2-${epoch(100.5 * S)}`;

describe('printing what is there', () => {
  it('default: host prefix, instances interleaved by time, status on stderr only', async () => {
    const r = await h.run(['trainingjob', arn('exact')]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(['algo-1 alpha 1', 'beta 1', 'algo-1 alpha 2', 'algo-2 beta 2', 'algo-2 paint \u001b[31mred\u001b[0m and \u001b]0;title\u0007', 'algo-1 ERROR: disk full'].map((l, i) => (i === 1 ? `algo-2 ${l}` : l)));
    expect(lines(r.stderr)).toEqual([`${arn('exact')}: training job exact in us-west-2, Completed`, `+ algo-1 › ${s1}`, `+ algo-2 › ${s2}`]);
  });

  it('-o raw, json and legacy; --timestamps; --no-prefix', async () => {
    const raw = await h.run(['trainingjob', arn('exact'), '-o', 'raw', '--include', 'alpha']);
    expect(raw.stdout).toBe('alpha 1\nalpha 2\n');
    const json = await h.run(['trainingjob', arn('exact'), '-o', 'json', '-i', 'beta 1']);
    expect(lines(json.stdout).map((l) => JSON.parse(l))).toEqual([
      { time: iso(100.5 * S), ingestionTime: iso(101.5 * S), job: 'exact', stream: s2, instance: 'algo-2', message: 'beta 1\n', eventId: null },
    ]);
    const legacy = await h.run(['trainingjob', arn('exact'), '-o', 'legacy', '--timezone', 'utc', '-i', '^alpha 1$']);
    expect(legacy.stdout).toBe(`${s1} 2026-08-20 10:01:40 +0000 UTC alpha 1\n`);
    const hidden = await h.run(['trainingjob', arn('exact'), '-o', 'legacy', '--hide-log-stream-name', '--timezone', 'utc', '-i', '^alpha 1$']);
    expect(hidden.stdout).toBe('2026-08-20 10:01:40 +0000 UTC alpha 1\n');
    const ts = await h.run(['trainingjob', arn('exact'), '--timestamps', '--no-prefix', '-i', 'disk', '-e', 'alpha']);
    expect(ts.stdout).toBe(`${iso(103 * S)} ERROR: disk full\n`);
    const short = await h.run(['trainingjob', arn('exact'), '--timestamps=short', '--instance', 'algo-1']);
    expect(lines(short.stdout)).toEqual(['algo-1 08-20 10:01:40 alpha 1', 'algo-1 08-20 10:01:41 alpha 2', 'algo-1 08-20 10:01:43 ERROR: disk full']);
    const epochTs = await h.run(['trainingjob', arn('exact'), '--timestamps', 'epoch', '-p', 'algo-2', '-o', 'raw', '-i', 'beta 2']);
    expect(epochTs.stdout).toBe(`${ANCHOR + 101 * S} beta 2\n`);
  });

  it('--tail N per stream; --since-time / --until-time; --filter-pattern by the service', async () => {
    const tail = await h.run(['trainingjob', arn('exact'), '--tail', '1', '-o', 'raw']);
    expect(tail.stdout).toBe('paint \u001b[31mred\u001b[0m and \u001b]0;title\u0007\nERROR: disk full\n');
    const win = await h.run(['trainingjob', arn('exact'), '-o', 'raw', '--since-time', iso(100.5 * S), '--until-time', iso(101 * S)]);
    expect(win.stdout).toBe('beta 1\nalpha 2\nbeta 2\n');
    const pattern = await h.run(['trainingjob', arn('exact'), '-o', 'raw', '--filter-pattern', 'ERROR']);
    expect(pattern.stdout).toBe('ERROR: disk full\n');
    expect(h.aws.requests.some((q) => q.operation === 'FilterLogEvents' && q.body.filterPattern === 'ERROR' && q.body.logStreamNamePrefix === 'exact/')).toBe(true);
    const since = await h.run(['trainingjob', arn('exact'), '--since', '1s']);
    expect(since.stdout).toBe('');
  });

  it('colour: never off a terminal, always on request, and NO_COLOR wins over auto', async () => {
    const plain = await h.run(['trainingjob', arn('exact'), '-i', 'alpha 1']);
    expect(plain.stdout).toBe('algo-1 alpha 1\n');
    const always = await h.run(['trainingjob', arn('exact'), '-i', 'alpha 1', '--color', 'always']);
    expect(always.stdout).toMatch(/^\u001b\[\d+malgo-1\u001b\[39m alpha 1\n$/);
  });

  it('tuning jobs: the lines of every training job, or --best', async () => {
    const r = await h.run(['tuningjob', arn('hpo', 'hyper-parameter-tuning-job'), '-o', 'json']);
    expect(r.code).toBe(0);
    const events = lines(r.stdout).map((l) => JSON.parse(l) as { job: string; instance: string; message: string });
    const jobs = [...new Set(events.map((e) => e.job))].sort();
    expect(jobs).toHaveLength(2);
    expect(jobs.every((j) => /^hpo-\d{3}-[0-9a-f]{8}$/.test(j))).toBe(true);
    expect(events.map((e) => e.message).sort()).toEqual(jobs.flatMap((j) => [`${j} line 1`, `${j} line 2`]).sort());
    expect(events[0]!.instance).toMatch(/^\d{3}-[0-9a-f]{8}\/algo-1$/);
    expect(h.aws.requests.some((q) => q.operation === 'ListTrainingJobsForHyperParameterTuningJob')).toBe(true);
    const best = await h.run(['hpo', arn('hpo', 'hyper-parameter-tuning-job'), '--best', '-o', 'raw']);
    const bestJob = jobs.find((j) => best.stdout.includes(j))!;
    expect(best.stdout).toBe(`${bestJob} line 1\n${bestJob} line 2\n`);
    expect(best.stderr).toContain(`best training job: ${bestJob}`);
  });

  it('transform jobs include their /data-log streams; endpoints read their own group', async () => {
    const t = await h.run(['transformjob', arn('batch', 'transform-job')]);
    expect(t.code).toBe(0);
    const out = lines(t.stdout);
    expect(out).toHaveLength(3);
    expect(out.filter((l) => /^i-[0-9a-f]+ request \d$/.test(l))).toHaveLength(2);
    expect(out.filter((l) => /^i-[0-9a-f]+\/data-log \{"captured":1\}$/.test(l))).toHaveLength(1);
    clock.set(ANCHOR + 2 * 3600 * S);
    const e = await h.run(['endpoint', arn('ep', 'endpoint')]);
    expect(lines(e.stdout).map((l) => l.replace(/^AllTraffic\/i-[0-9a-f]+ /, ''))).toEqual(['ping 1', 'ping 2']);
    expect(h.aws.requests.some((q) => q.operation === 'DescribeLogStreams' && q.body.logGroupName === '/aws/sagemaker/Endpoints/ep')).toBe(true);
  });

  it('a job with no logs yet is explained, exit 0', async () => {
    clock.set(ANCHOR + 30 * S);
    const r = await h.run(['trainingjob', arn('forever')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr).at(-1)).toBe('no log streams for training job forever (InProgress (Starting)) in /aws/sagemaker/TrainingJobs (streams forever/*): it has not written any logs yet; use --follow to wait for them');
    const p = await h.run(['processingjob', arn('prep', 'processing-job')]);
    expect(p.code).toBe(0);
    expect(lines(p.stderr).at(-1)).toBe('no logs yet: log group /aws/sagemaker/ProcessingJobs does not exist in us-west-2 (no job of this kind has logged there yet)');
  });
});

describe('following until the job ends', () => {
  it.each([
    ['exact', 0, 'Completed: training job exact'],
    ['fails', 3, 'Failed: training job fails'],
    ['stopped', 4, 'Stopped: training job stopped'],
    ['overtime', 3, 'Stopped (MaxRuntimeExceeded): training job overtime'],
  ])('%s exits %i', async (job, code, final) => {
    clock.set(ANCHOR + 95 * S);
    const run = h.start(['trainingjob', arn(job), '-f', '-o', 'raw']);
    await run.waitFor('Training - ', 'stderr');
    clock.set(ANCHOR + 110 * S);
    await run.waitFor('\n', 'stdout');
    clock.set(ANCHOR + 30 * MIN);
    const r = await run.done;
    expect(r.code).toBe(code);
    expect(lines(r.stderr).find((l) => l.startsWith(final.split(':')[0]!))).toMatch(new RegExp(`^${final.replace(/[()]/g, '\\$&')}`));
    if (job === 'fails') expect(r.stderr).toContain('  reason: AlgorithmError: boom\n    ExitCode 1');
    if (job === 'exact') expect(lines(r.stdout)).toHaveLength(6);
    // Each line once, nothing lost at the end.
    expect(new Set(lines(r.stdout)).size).toBe(lines(r.stdout).length);
  });

  it('prints the secondary-status transitions to stderr as they happen', async () => {
    clock.set(ANCHOR + 10 * S);
    const run = h.start(['trainingjob', arn('exact'), '-f', '-o', 'raw']);
    await run.waitFor('Starting - ', 'stderr');
    clock.set(ANCHOR + 70 * S);
    await run.waitFor('Downloading - ', 'stderr');
    clock.set(ANCHOR + 200 * S);
    await run.waitFor('ERROR: disk full');
    clock.set(ANCHOR + 30 * MIN);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(lines(r.stderr).filter((l) => /^\d{4}-/.test(l))).toEqual([
      // A transition is printed when first seen; SageMaker updates its message later.
      `${iso(0)} Starting - Launching requested ML instances`,
      `${iso(60 * S)} Downloading - Downloading input data`,
      `${iso(90 * S)} Training - Training image download completed. Training in progress.`,
      `${iso(390 * S)} Uploading - Uploading generated training model`,
      `${iso(405 * S)} Completed - Training job completed`,
    ]);
  });

  it('bare --tail behaves like tail -f: the last lines, then follow (and parses before the kind)', async () => {
    clock.set(ANCHOR + 150 * S);
    const run = h.start(['--tail', 'trainingjob', arn('forever'), '-o', 'raw']);
    await run.waitFor('still going');
    h.aws.logs.putLogEvents('/aws/sagemaker/TrainingJobs', h.aws.logs.streamNames('/aws/sagemaker/TrainingJobs', { prefix: 'forever/' })[0]!, [{ timestamp: ANCHOR + 151 * S, message: 'new line', ingestionTime: ANCHOR + 151 * S }]);
    clock.set(ANCHOR + 152 * S);
    await run.waitFor('new line');
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('still going\nnew line\n');
  });

  it('--timeout ends a follow with exit 5 and one line', async () => {
    clock.set(ANCHOR + 150 * S);
    const r = await h.run(['trainingjob', arn('forever'), '-f', '--timeout', '1s', '-o', 'raw']);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('still going\n');
    expect(lines(r.stderr).at(-1)).toBe('error: timed out after 1s following training job forever (InProgress (Training))');
  });
});

describe('the process as a citizen of the shell', () => {
  it('a reader that goes away (| head -1) ends quietly with exit 0', async () => {
    const child = spawn(pluginPath(), ['trainingjob', arn('exact'), '-o', 'raw'], { env: h.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(err).not.toMatch(/EPIPE|Error|at /);
  });

  it('Ctrl-C while following exits 130 after printing what it had', async () => {
    clock.set(ANCHOR + 150 * S);
    const run = h.start(['trainingjob', arn('forever'), '-f', '-o', 'raw']);
    await run.waitFor('still going');
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('still going\n');
    expect(r.stderr).not.toMatch(/error|at /i);
  });

  it('through kubectl, resolving a resource of each family', async () => {
    clock.set(ANCHOR + 2 * 3600 * S);
    const r = await h.run(['trainingjob', 'bert-sentiment', '--tail', '5'], { via: 'kubectl' });
    expect(r.code).toBe(0);
    expect(lines(r.stderr)[0]).toBe('trainingjobs.sagemaker.services.k8s.aws/bert-sentiment: training job bert-sentiment-0821-1 in us-east-1, Failed');
    const bad = await h.run(['pods', 'x'], { via: 'kubectl' });
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toHaveLength(1);
  });
});

describe('on a terminal', () => {
  it('escape sequences and control characters in messages are shown, not executed', async () => {
    const command = [pluginPath(), 'trainingjob', arn('exact'), '-i', 'paint'].map((a) => `'${a}'`).join(' ');
    // A real pseudo-terminal (util-linux script), so stdout is a TTY as for a person.
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...h.env, TERM: 'xterm', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(out.replace(/\r/g, '')).toContain('algo-2 paint \\x1b[31mred\\x1b[0m and \\x1b]0;title\\x07\n');
    expect(out).not.toContain('\u001b[31m');
  });
});
