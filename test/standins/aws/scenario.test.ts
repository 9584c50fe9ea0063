import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endpoint, lateBurst, processingJob, trainingJob, trainingLogs, transformJob, tuningJob } from './builders';
import { StandInConfigError } from './errors';
import { instanceId } from './scenario';
import { readScenarioFile } from './scenario';
import type { AwsScenario } from './scenario-types';
import { models, T0 } from './test-support';

const dir = mkdtempSync(path.join(os.tmpdir(), 'aws-standin-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(s: unknown, source?: string): StandInConfigError {
  const m = models();
  try {
    if (source) {
      const file = path.join(dir, source);
      writeFileSync(file, s as string);
      const { data, source: src } = readScenarioFile(file);
      m.load(data as AwsScenario, src);
    } else m.load(s as AwsScenario);
  } catch (e) {
    expect(e).toBeInstanceOf(StandInConfigError);
    expect((e as Error).message).not.toContain('\n');
    return e as StandInConfigError;
  }
  throw new Error('expected a StandInConfigError');
}

describe('scenario validation: one clear error naming the source and the field path', () => {
  it.each([
    [{ jobz: [] }, 'scenario: jobz: unknown field (did you mean "jobs"?)'],
    [{ jobs: [{ kind: 'trainig', name: 'a' }] }, 'scenario: jobs[0].kind: must be one of training, tuning, transform, processing, endpoint; got "trainig"'],
    [{ jobs: [{ kind: 'training', name: 'a_b' }] }, 'scenario: jobs[0].name: training job names must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}, got "a_b"'],
    [{ jobs: [{ kind: 'tuning', name: 'x'.repeat(33) }] }, 'scenario: jobs[0].name: tuning job names are 1..32 characters, got 33'],
    [{ jobs: [{ kind: 'training', name: 'a', lifecycle: { training: 'ten minutes' } }] }, 'scenario: jobs[0].lifecycle.training: must be a duration ("250ms", "90s", "5m", "1h30m") or a number of seconds, got "ten minutes"'],
    [{ jobs: [{ kind: 'training', name: 'a', lifecycle: { trainig: '5m' } }] }, 'scenario: jobs[0].lifecycle.trainig: unknown field (did you mean "training"?)'],
    [{ jobs: [trainingJob({ name: 'a' }), trainingJob({ name: 'a' })] }, 'scenario: jobs[1].name: duplicate training job name "a" (also at jobs[0].name)'],
    [{ jobs: [trainingJob({ name: 'a', logs: { generate: [{ count: 5, perSecond: 2 }] } })] }, 'scenario: jobs[0].logs.generate[0]: give exactly one of count or perSecond'],
    [{ jobs: [trainingJob({ name: 'a', logs: { generate: [{ count: 5, template: 'step {stpe}' }] } })] }, 'scenario: jobs[0].logs.generate[0]: unknown placeholder {stpe}'],
    [{ jobs: [trainingJob({ name: 'a', logs: { generate: [{ count: 5, phase: 'Trainig' }] } })] }, 'scenario: jobs[0].logs.generate[0].phase: unknown phase for a training job got "Trainig"'],
    [{ jobs: [trainingJob({ name: 'a', instanceCount: 2, logs: { generate: [{ count: 5, instances: [3] }] } })] }, 'scenario: jobs[0].logs.generate[0].instances[0]: must be <= 2, got 3'],
    [{ jobs: [trainingJob({ name: 'a', lifecycle: { outcome: 'Completed', failureReason: 'x' } })] }, 'scenario: jobs[0].lifecycle.failureReason: only applies when outcome is Failed (outcome is Completed)'],
    [{ jobs: [trainingJob({ name: 'a', stopAt: '1h' })] }, 'scenario: jobs[0].stopAt: the job must be InProgress at the stop time, but it is Completed'],
    [{ jobs: [trainingJob({ name: 'a', timeline: [{ at: 0, status: 'Completed', secondary: 'Training' }] })] }, 'scenario: jobs[0].timeline[0].secondary: status Completed goes with secondary Completed, got "Training"'],
    [{ faults: { throttleProbability: 2 } }, 'scenario: faults.throttleProbability: must be a probability between 0 and 1, got 2'],
    [{ faults: { quotas: { FilterLogEvents: 'fast' } } }, 'scenario: faults.quotas.FilterLogEvents: must be a rate > 0 (requests per second), 0 or "off", got "fast"'],
    [{ streams: [{ group: '/x', name: 'a:b', events: [{ at: 0, message: 'm' }] }] }, 'scenario: streams[0].name: log stream names must not contain : or *, got "a:b"'],
    [{ streams: [{ group: '/x', name: 's', generate: [{ count: 3 }] }] }, 'scenario: streams[0].generate[0].from: is required (a stream not tied to a job phase needs a window)'],
    [{ start: 'tomorrow' }, 'scenario: start: must be an RFC 3339 time such as "2026-08-20T10:00:00Z", got "tomorrow"'],
  ])('%j', (s, message) => {
    expect(configError(s).message).toContain(message);
  });

  it('names the file and the line for syntax errors, the file and the path for bad fields', () => {
    expect(configError('jobs: [\n', 'broken.yaml').message).toMatch(/^broken\.yaml: invalid YAML at line 2, column 1: /);
    expect(configError('{"jobs": [{"kind": "training", "name": "a",}]}', 'broken.json').message).toMatch(/^broken\.json: invalid JSON at line 1, column \d+: /);
    expect(configError('jobs:\n  - kind: training\n    name: a\n    instanceCount: many\n', 'bad.yaml').message).toBe(
      'bad.yaml: jobs[0].instanceCount: must be a number, got "many"',
    );
    expect(configError('', 'empty.yaml').message).toBe('empty.yaml: the scenario is empty');
    expect(() => readScenarioFile(path.join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read scenario file: no such file$/);
  });

  it('applies nothing from an invalid scenario', () => {
    const m = models();
    expect(() => m.load({ jobs: [trainingJob({ name: 'good', logs: trainingLogs() }), { kind: 'training', name: 'bad!' } as never] })).toThrow(StandInConfigError);
    expect(m.sm.list('training')).toEqual([]);
    expect(m.logs.groupNames()).toEqual([]);
  });

  it('refuses a job name that is already loaded', () => {
    const m = models({ jobs: [trainingJob({ name: 'a' })] });
    expect(() => m.load({ jobs: [trainingJob({ name: 'a' })] })).toThrow('scenario: jobs[0].name: a training job named "a" is already loaded');
  });
});

describe('scenario files', () => {
  it('loads YAML with absolute and relative times, anchored at `start`', () => {
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(
      file,
      [
        'start: 2026-08-20T09:00:00Z',
        'ingestionDelay: 2s',
        'jobs:',
        '  - kind: training',
        '    name: yaml-job',
        '    lifecycle: { at: 10m, starting: 1m, downloading: 30s, training: 2m, uploading: 30s }',
        '    logs:',
        '      events:',
        '        - { at: "2026-08-20T09:12:00Z", message: "absolute" }',
        '        - { at: 13m, message: "relative", delay: 5s }',
      ].join('\n'),
    );
    const { data, source } = readScenarioFile(file);
    const m = models();
    m.load(data as AwsScenario, source);
    const job = m.sm.get('training', 'yaml-job')!;
    expect(job.creationTime).toBe(Date.parse('2026-08-20T09:10:00Z'));
    const [stream] = m.logs.streamNames('/aws/sagemaker/TrainingJobs', { all: true });
    expect(stream).toBe(`yaml-job/algo-1-${Date.parse('2026-08-20T09:12:00Z') / 1000}`);
    const ev = m.logs.events('/aws/sagemaker/TrainingJobs', stream!);
    expect(ev.map((e) => [e.message, e.ingestionTime - e.timestamp])).toEqual([
      ['absolute', 2000],
      ['relative', 5000],
    ]);
  });
});

describe('log streams per job kind', () => {
  it('training: <job>/algo-<n>-<epoch>, created when the instance first writes; the group appears with the first stream', () => {
    const m = models({
      jobs: [
        trainingJob({
          name: 'tr',
          instanceCount: 2,
          lifecycle: { starting: '60s', downloading: '30s', training: '5m' },
          logs: { generate: [{ phase: 'Training', perSecond: 1, stagger: '20s' }] },
        }),
      ],
    });
    const g = '/aws/sagemaker/TrainingJobs';
    const trainingStart = T0 + 90_000;
    expect(m.logs.streamNames(g, { all: true })).toEqual([
      `tr/algo-1-${trainingStart / 1000}`,
      `tr/algo-2-${(trainingStart + 20_000) / 1000}`,
    ]);
    expect(m.logs.group(g)!.existsAt(trainingStart - 1)).toBe(false);
    expect(m.logs.streamNames(g, { at: trainingStart })).toEqual([`tr/algo-1-${trainingStart / 1000}`]);
    expect(m.logs.streamNames(g, { at: trainingStart + 20_000 })).toHaveLength(2);
    // perSecond 1 over the 5 min window, instance 2 starting 20 s late.
    expect(m.logs.events(g, `tr/algo-1-${trainingStart / 1000}`)).toHaveLength(300);
    expect(m.logs.events(g, `tr/algo-2-${(trainingStart + 20_000) / 1000}`)).toHaveLength(280);
  });

  it('training restarts add a new -<epoch> stream per instance', () => {
    const m = models({
      jobs: [
        trainingJob({
          name: 'spot',
          spot: { savings: 0.7 },
          lifecycle: { starting: '60s', downloading: '30s', training: '10m', restarts: [{ after: '4m', downtime: '2m' }] },
          logs: { generate: [{ count: 10 }] },
        }),
      ],
    });
    const run0 = T0 + 90_000;
    const run1 = run0 + 4 * 60_000 + 120_000;
    expect(m.logs.streamNames('/aws/sagemaker/TrainingJobs', { all: true })).toEqual([`spot/algo-1-${run0 / 1000}`, `spot/algo-1-${run1 / 1000}`]);
    m.clock.set(T0 + 3_600_000);
    const d = m.sm.describe('training', 'spot')!;
    expect((d.SecondaryStatusTransitions as { Status: string }[]).map((t) => t.Status)).toEqual([
      'Starting', 'Downloading', 'Training', 'Interrupted', 'Starting', 'Training', 'Uploading', 'Completed',
    ]);
    expect(d.EnableManagedSpotTraining).toBe(true);
    expect(d.BillableTimeInSeconds as number).toBeLessThan(d.TrainingTimeInSeconds as number);
    expect(d.BillableTimeInSeconds).toBe(Math.floor((d.TrainingTimeInSeconds as number) * 0.3));
  });

  it('transform: <job>/<instance-id>-<epoch> plus /data-log streams in /aws/sagemaker/TransformJobs', () => {
    const m = models({
      jobs: [
        transformJob({
          name: 'bt',
          instanceCount: 2,
          lifecycle: { starting: '2m', running: '5m' },
          logs: { generate: [{ perSecond: 1 }, { perSecond: 1, suffix: 'data-log' }] },
        }),
      ],
    });
    const epoch = (T0 + 120_000) / 1000;
    const i1 = instanceId('bt', '', 1, 0);
    const i2 = instanceId('bt', '', 2, 0);
    expect(i1).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(m.logs.streamNames('/aws/sagemaker/TransformJobs', { all: true })).toEqual(
      [`bt/${i1}-${epoch}`, `bt/${i1}-${epoch}/data-log`, `bt/${i2}-${epoch}`, `bt/${i2}-${epoch}/data-log`].sort(),
    );
    const dl = m.logs.events('/aws/sagemaker/TransformJobs', `bt/${i1}-${epoch}/data-log`);
    expect(dl[0]!.message).toMatch(/^\{"requestId":"[0-9a-f]{8}","host":"i-0[0-9a-f]{16}","status":200,"latencyMs":\d+\}$/);
  });

  it('processing: <job>/algo-<n>-<epoch> in /aws/sagemaker/ProcessingJobs', () => {
    const m = models({ jobs: [processingJob({ name: 'pp', instanceCount: 1, lifecycle: { starting: '1m', running: '1m' }, logs: { generate: [{ count: 3 }] } })] });
    expect(m.logs.streamNames('/aws/sagemaker/ProcessingJobs', { all: true })).toEqual([`pp/algo-1-${(T0 + 60_000) / 1000}`]);
    expect(m.logs.events('/aws/sagemaker/ProcessingJobs', `pp/algo-1-${(T0 + 60_000) / 1000}`).map((e) => e.message)).toEqual([
      'Processing batch 1/3 on algo-1', 'Processing batch 2/3 on algo-1', 'Processing batch 3/3 on algo-1',
    ]);
  });

  it('endpoint: <variant>/<instance-id> in /aws/sagemaker/Endpoints/<name>', () => {
    const m = models({
      jobs: [
        endpoint({
          name: 'ep',
          variants: [{ name: 'AllTraffic', instanceCount: 2 }, { name: 'Canary' }],
          lifecycle: { creating: '5m' },
          logs: { generate: [{ count: 4 }] },
        }),
      ],
    });
    const names = m.logs.streamNames('/aws/sagemaker/Endpoints/ep', { all: true });
    expect(names).toEqual(
      [`AllTraffic/${instanceId('ep', 'AllTraffic', 1, 0)}`, `AllTraffic/${instanceId('ep', 'AllTraffic', 2, 0)}`, `Canary/${instanceId('ep', 'Canary', 1, 0)}`].sort(),
    );
    expect(m.logs.group('/aws/sagemaker/Endpoints/ep')!.existsAt(T0 + 299_999)).toBe(false);
    expect(m.logs.group('/aws/sagemaker/Endpoints/ep')!.existsAt(T0 + 300_000)).toBe(true);
  });

  it('explicit events, late bursts, several events in one millisecond, explicit streams and raw streams', () => {
    const m = models({
      ingestionDelay: '1s',
      jobs: [
        trainingJob({
          name: 'late',
          instanceCount: 2,
          lifecycle: { starting: 0, downloading: 0, training: '10m' },
          logs: {
            generate: [
              { instances: [1], count: 600 },
              lateBurst({ instance: 2, from: '1m', to: '2m', count: 30, ingestAt: '5m' }),
              { instances: [2], from: '3m', count: 5, template: 'same ms {n}' },
            ],
            events: [{ instance: 2, at: '30s', message: 'explicit', ingestAt: '6m' }],
            streams: [{ name: 'late/custom-stream', events: [{ at: '1s', message: 'custom' }] }],
          },
        }),
      ],
      streams: [{ group: '/my/app', name: 'raw', generate: [{ from: 0, to: '10s', perSecond: 2, messages: ['a {n}', 'b {n}'] }] }],
    });
    const g = '/aws/sagemaker/TrainingJobs';
    const s2 = m.logs.streamNames(g, { all: true, prefix: 'late/algo-2-' });
    expect(s2).toEqual([`late/algo-2-${(T0 + 30_000) / 1000}`]);
    const ev = m.logs.events(g, s2[0]!);
    expect(ev).toHaveLength(36);
    expect(ev[0]!.message).toBe('explicit');
    expect(ev.filter((e) => e.ingestionTime === T0 + 300_000)).toHaveLength(30);
    const sameMs = ev.filter((e) => e.message.startsWith('same ms'));
    expect(new Set(sameMs.map((e) => e.timestamp))).toEqual(new Set([T0 + 180_000]));
    expect(new Set(ev.map((e) => e.eventId)).size).toBe(36);
    expect(m.logs.events(g, 'late/custom-stream').map((e) => e.message)).toEqual(['custom']);
    expect(m.logs.events('/my/app', 'raw').map((e) => e.message).slice(0, 3)).toEqual(['a 1', 'b 2', 'a 3']);
  });
});

describe('tuning jobs', () => {
  it('names children <tuning>-<NNN>-<8hex>, schedules them maxParallel at a time, and gives them logs', () => {
    const m = models({
      jobs: [
        tuningJob({
          name: 'hpo',
          maxParallel: 2,
          children: { count: 5, lifecycle: { starting: '30s', downloading: '10s', training: '2m', uploading: '10s' }, gap: '5s', logs: { generate: [{ count: 2 }] } },
        }),
      ],
    });
    const kids = m.sm.get('tuning', 'hpo')!.children;
    expect(kids.map((k) => k.name)).toEqual(kids.map((_, i) => expect.stringMatching(new RegExp(`^hpo-00${i + 1}-[0-9a-f]{8}$`))));
    expect(kids[0]!.creationTime).toBe(kids[1]!.creationTime);
    const endOf = (i: number) => kids[i]!.timeline[kids[i]!.timeline.length - 1]!.at;
    expect(kids[2]!.creationTime).toBe(endOf(0) + 5000);
    expect(m.sm.get('training', kids[4]!.name)!.tuningJobArn).toBe('arn:aws:sagemaker:us-west-2:111122223333:hyper-parameter-tuning-job/hpo');
    expect(m.logs.streamNames('/aws/sagemaker/TrainingJobs', { all: true, prefix: 'hpo-' })).toHaveLength(5);
  });
});

describe('the README', () => {
  it('documents a scenario that loads', () => {
    const readme = require('node:fs').readFileSync(path.join(__dirname, 'README.md'), 'utf8') as string;
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const file = path.join(dir, 'readme.yaml');
    writeFileSync(file, yaml);
    const { data, source } = readScenarioFile(file);
    const m = models();
    m.load(data as AwsScenario, source);
    expect(m.sm.list('training').length).toBe(21);
    expect(m.sm.status('training', 'xgb-mnist')).toBe('Stopped');
    expect(m.sm.status('tuning', 'hpo-1', T0 - 40 * 60_000)).toBe('InProgress');
    expect(m.sm.status('tuning', 'hpo-1', T0 + 3_600_000)).toBe('Completed');
    expect(m.sm.status('endpoint', 'my-endpoint')).toBe('InService');
    expect(m.logs.streamNames('/aws/sagemaker/TrainingJobs', { prefix: 'xgb-mnist/' }).length).toBeGreaterThan(16);
    expect(m.faults.quotas.FilterLogEvents).toBe(5);
  });
});
