// The real AWS CLI v2 (Debian awscli 2.9.19) against the AWS stand-in: it must parse our responses,
// print our errors in its standard form, and `aws logs tail` (which the benchmark compares against)
// must print the scripted events.
import { execFile, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, type IsolatedEnv } from '../helpers/env';
import { awsCliPath } from '../helpers/tools';
import { ManualClock, startAwsStandIn, trainingJob, tuningJob, type AwsStandIn, type LogEventRecord } from '../standins/aws';

const G = '/aws/sagemaker/TrainingJobs';
const T0 = Date.parse('2026-08-20T10:00:00.000Z');

let env: IsolatedEnv;
let manual: AwsStandIn; // ManualClock: describe / get / filter / errors
let live: AwsStandIn; // RealClock: `aws logs tail` computes --since from the wall clock

beforeAll(async () => {
  env = isolatedEnv({ region: 'us-west-2' });
  manual = await startAwsStandIn({
    clock: new ManualClock(T0),
    scenario: {
      jobs: [
        trainingJob({
          name: 'cli-job',
          instanceCount: 2,
          lifecycle: { at: '-1h', starting: '60.5s', downloading: '30s', training: '2m', uploading: '10s' },
          metrics: { 'validation:rmse': 0.25 },
          logs: { generate: [{ perSecond: 0.5, template: '{host} step {n}' }] },
        }),
        tuningJob({ name: 'cli-hpo', at: '-1h', children: { count: 3 } }),
        trainingJob({ name: 'running', lifecycle: { at: '-1m', training: '1h' } }),
      ],
    },
  });
  manual.setFaults({ quotas: null });
  live = await startAwsStandIn({
    scenario: {
      jobs: [
        trainingJob({
          name: 'tail-job',
          instanceCount: 2,
          lifecycle: { at: '-9m', starting: '30s', downloading: '30s', training: '6m', uploading: '10s' },
          logs: { generate: [{ perSecond: 0.5, template: '{host} step {n}/{count}', stagger: '1s' }] },
        }),
        trainingJob({ name: 'tail-job-v2', lifecycle: { at: '-9m' }, logs: { generate: [{ count: 5, template: 'other job' }] } }),
      ],
    },
  });
});

afterAll(async () => {
  await manual?.close();
  await live?.close();
  env?.cleanup();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function aws(standIn: AwsStandIn, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      awsCliPath(),
      ['--endpoint-url', standIn.url, '--region', 'us-west-2', '--output', 'json', ...args],
      { env: env.env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The events FilterLogEvents would interleave, in service order. */
function serviceOrder(s: AwsStandIn, prefix: string): LogEventRecord[] {
  const all = s.logs.streamNames(G, { prefix }).flatMap((n) => s.logs.events(G, n)).filter((e) => e.visible);
  return all.sort((a, b) => a.timestamp - b.timestamp || a.ingestionTime - b.ingestionTime || a.seq - b.seq);
}

describe('aws CLI v2 against the stand-in', () => {
  it('parses logs get-log-events and filter-log-events (following nextToken to the end)', async () => {
    const stream = manual.logs.streamNames(G, { prefix: 'cli-job/' })[0]!;
    const before = manual.requests.length;
    const [get, filter] = await Promise.all([
      aws(manual, ['logs', 'get-log-events', '--log-group-name', G, '--log-stream-name', stream, '--start-from-head', '--limit', '5']),
      aws(manual, ['logs', 'filter-log-events', '--log-group-name', G, '--log-stream-name-prefix', 'cli-job/', '--page-size', '25']),
    ]);
    expect(get.code).toBe(0);
    const g = JSON.parse(get.stdout);
    expect(g.events.map((e: { message: string }) => e.message)).toEqual(['algo-1 step 1', 'algo-1 step 2', 'algo-1 step 3', 'algo-1 step 4', 'algo-1 step 5']);
    expect(g.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    expect(g.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
    expect(filter.code).toBe(0);
    const f = JSON.parse(filter.stdout);
    const expected = serviceOrder(manual, 'cli-job/');
    expect(expected).toHaveLength(120);
    expect(f.events.map((e: { eventId: string }) => e.eventId)).toEqual(expected.map((e) => e.eventId));
    expect(f.searchedLogStreams).toEqual([]);
    expect(f.nextToken).toBeUndefined();
    const calls = manual.requests.slice(before).filter((r) => r.operation === 'FilterLogEvents');
    expect(calls).toHaveLength(5);
    expect(calls.every((r) => r.attempt === undefined && r.body.limit === 25)).toBe(true);
  });

  it('parses sagemaker describe-training-job (epoch seconds become ISO times) and the tuning calls; stop prints nothing', async () => {
    const [d, h, l, stop] = await Promise.all([
      aws(manual, ['sagemaker', 'describe-training-job', '--training-job-name', 'cli-job']),
      aws(manual, ['sagemaker', 'describe-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'cli-hpo']),
      aws(manual, ['sagemaker', 'list-training-jobs-for-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'cli-hpo', '--sort-by', 'FinalObjectiveMetricValue']),
      aws(manual, ['sagemaker', 'stop-training-job', '--training-job-name', 'running']),
    ]);
    expect(d.code).toBe(0);
    const job = JSON.parse(d.stdout);
    expect(job).toMatchObject({
      TrainingJobName: 'cli-job',
      TrainingJobStatus: 'Completed',
      SecondaryStatus: 'Completed',
      CreationTime: '2026-08-20T09:00:00+00:00',
      TrainingStartTime: '2026-08-20T09:01:00.500000+00:00',
      TrainingTimeInSeconds: 160,
      FinalMetricDataList: [{ MetricName: 'validation:rmse', Value: 0.25, Timestamp: '2026-08-20T09:03:40.500000+00:00' }],
    });
    expect(job.SecondaryStatusTransitions.at(-1)).toEqual({
      Status: 'Completed', StartTime: '2026-08-20T09:03:40.500000+00:00', EndTime: '2026-08-20T09:03:40.500000+00:00', StatusMessage: 'Training job completed',
    });
    expect(h.code).toBe(0);
    expect(JSON.parse(h.stdout).TrainingJobStatusCounters).toEqual({ Completed: 3, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0 });
    expect(l.code).toBe(0);
    expect(JSON.parse(l.stdout).TrainingJobSummaries).toHaveLength(3);
    expect([stop.code, stop.stdout.trim()]).toEqual([0, '']);
    expect(manual.sagemaker.status('training', 'running')).toBe('Stopping');
  });

  it('prints service errors as "An error occurred (<Code>) when calling the <Operation> operation: <message>" and exits 254', async () => {
    const [d, g, t, v] = await Promise.all([
      aws(manual, ['sagemaker', 'describe-training-job', '--training-job-name', 'missing']),
      aws(manual, ['logs', 'get-log-events', '--log-group-name', G, '--log-stream-name', 'missing']),
      aws(manual, ['sagemaker', 'describe-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'missing']),
      aws(manual, ['logs', 'filter-log-events', '--log-group-name', G, '--limit', '20000']),
    ]);
    expect([d.code, d.stderr.trim()]).toEqual([254, 'An error occurred (ValidationException) when calling the DescribeTrainingJob operation: Requested resource not found.']);
    expect([g.code, g.stderr.trim()]).toEqual([254, 'An error occurred (ResourceNotFoundException) when calling the GetLogEvents operation: The specified log stream does not exist.']);
    expect([t.code, t.stderr.trim()]).toEqual([254, "An error occurred (ResourceNotFound) when calling the DescribeHyperParameterTuningJob operation: Amazon SageMaker can't find a tuning job called missing. Type another name."]);
    expect([v.code, v.stderr.trim()]).toEqual([
      254,
      "An error occurred (InvalidParameterException) when calling the FilterLogEvents operation: 1 validation error detected: Value '20000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    ]);
  });

  it('`aws logs tail --since 10m` prints the scripted events (short and detailed) and calls only FilterLogEvents', async () => {
    const before = live.requests.length;
    const [short, detailed] = await Promise.all([
      aws(live, ['logs', 'tail', G, '--log-stream-name-prefix', 'tail-job/', '--since', '10m', '--format', 'short']),
      aws(live, ['logs', 'tail', G, '--log-stream-name-prefix', 'tail-job/', '--since', '10m', '--format', 'detailed']),
    ]);
    expect(short.code).toBe(0);
    expect(detailed.code).toBe(0);
    const expected = serviceOrder(live, 'tail-job/').filter((e) => e.timestamp >= Date.now() - 600_000);
    expect(expected.length).toBeGreaterThan(300);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(short.stdout).toBe(expected.map((e) => `${iso(e.timestamp).slice(0, 19)} ${e.message}\n`).join(''));
    expect(detailed.stdout).toBe(
      expected.map((e) => `${iso(e.timestamp).replace('Z', '000+00:00')} ${e.logStreamName} ${e.message}\n`).join(''),
    );
    expect(short.stdout).not.toContain('other job');
    const calls = live.requests.slice(before);
    expect(new Set(calls.map((r) => r.operation))).toEqual(new Set(['FilterLogEvents']));
    expect(calls[0]!.body).toMatchObject({ logGroupName: G, logStreamNamePrefix: 'tail-job/', interleaved: true, startTime: expect.any(Number) });
  });

  it('`aws logs tail --follow` starts, prints, polls again every 5 s and shows new events', async () => {
    const child = spawn(awsCliPath(), ['--endpoint-url', live.url, '--region', 'us-west-2', 'logs', 'tail', G, '--log-stream-name-prefix', 'tail-job/', '--since', '10m', '--follow', '--format', 'short'], {
      env: { ...env.env, PYTHONUNBUFFERED: '1' }, // piped Python stdout is block-buffered otherwise
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const before = live.requests.length;
    try {
      const waitFor = async (pred: () => boolean, ms: number) => {
        const end = Date.now() + ms;
        while (!pred()) {
          if (Date.now() > end) throw new Error(`timed out; output so far:\n${out}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await waitFor(() => out.includes('algo-2 step'), 8000);
      const [stream] = live.logs.streamNames(G, { prefix: 'tail-job/algo-1-' });
      live.logs.putLogEvents(G, stream!, [{ timestamp: Date.now(), message: 'hello from --follow', ingestionTime: Date.now() }]);
      await waitFor(() => out.includes('hello from --follow'), 9000);
      const polls = live.requests.slice(before).filter((r) => r.operation === 'FilterLogEvents');
      expect(polls.length).toBeGreaterThanOrEqual(2);
      expect(polls.at(-1)!.wallTime - polls[0]!.wallTime).toBeGreaterThanOrEqual(4500);
    } finally {
      child.kill('SIGTERM');
    }
  }, 25_000);
});
