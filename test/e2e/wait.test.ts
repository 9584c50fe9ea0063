// wait against the stand-ins: each exit code, a tuning job, an endpoint, --logs, faults that are
// retried, and a resource its operator has not submitted yet. The AWS stand-in runs on a manual
// clock that the tests move while the plugin polls every 100 ms.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../standins/aws';
import { startHarness, type Harness } from '../helpers/harness';
import { clearLogs, lines } from './support/requests';
import { ANCHOR, arnOf, clockAt, EXTRA, fixtureCluster, fixtureJobs, JOBS } from './support/world';

let h: Harness;
let clock: ManualClock;
const MIN = 60_000;
const FAST = ['--interval', '100ms'];

beforeAll(async () => {
  clock = clockAt(2 * MIN);
  h = await startHarness({ clock, aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
});
afterAll(() => h?.close());
beforeEach(() => {
  clock.set(ANCHOR + 2 * MIN);
  h.aws.reset();
  h.aws.loadScenario(fixtureJobs());
  clearLogs(h);
});

function noKubeconfig(): Record<string, string | undefined> {
  return { KUBECONFIG: undefined, HOME: mkdtempSync(path.join(os.tmpdir(), 'smlogs-nokube-')) };
}

describe('wait: exit codes', () => {
  it('0: prints each transition with its time while the job runs, then the outcome', async () => {
    const run = h.start(['wait', 'trainingjob', 'churn-xgb', ...FAST]);
    await run.waitFor('Training - ', 'stderr');
    clock.set(ANCHOR + 10 * MIN);
    const r = await run.done;
    expect(lines(r.stderr)).toEqual([
      `waiting for trainingjobs.sagemaker.aws.amazon.com/churn-xgb: training job ${JOBS.legacyTrainingCompleted} in us-east-1 (polling every 100ms)`,
      '2026-08-20T10:00:00.000Z Starting - Preparing the instances for training',
      '2026-08-20T10:01:00.000Z Downloading - Downloading input data',
      '2026-08-20T10:01:30.000Z Training - Training image download completed. Training in progress.',
      '2026-08-20T10:06:30.000Z Uploading - Uploading generated training model',
      '2026-08-20T10:06:45.000Z Completed - Training job completed',
      `Completed: training job ${JOBS.legacyTrainingCompleted} (ran 5m45s, training seconds: 345, billable seconds: 258, managed spot training savings: 25.2%)`,
    ]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    // SageMaker is the source of truth: the custom resource is read once in each group, to resolve it, never polled.
    const reads = h.kube.requests.filter((q) => q.path.endsWith('/trainingjobs/churn-xgb')).map((q) => q.status);
    expect(reads.sort()).toEqual([200, 404]);
  });

  it('3: a failed job, with its failure reason', async () => {
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await h.run(['wait', 'trainingjob', 'bert-sentiment', ...FAST]);
    expect(lines(r.stderr)).toEqual([
      `waiting for trainingjobs.sagemaker.services.k8s.aws/bert-sentiment: training job ${JOBS.ackTrainingFailed} in us-east-1 (polling every 100ms)`,
      `Failed: training job ${JOBS.ackTrainingFailed} (ran 5m30s, training seconds: 330, billable seconds: 330)`,
      '  reason: AlgorithmError: ExecuteUserScriptError:',
      '    ExitCode 1',
      `    ErrorMessage "ModuleNotFoundError: No module named 'evaluate'"`,
    ]);
    expect(r.code).toBe(3);
  });

  it('3 through kubectl as well (kubectl smlogs wait)', async () => {
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await h.run(['wait', 'tj/bert-sentiment', ...FAST], { via: 'kubectl' });
    expect(lines(r.stderr)[1]).toBe(`Failed: training job ${JOBS.ackTrainingFailed} (ran 5m30s, training seconds: 330, billable seconds: 330)`);
    expect(r.code).toBe(3);
  });

  it('3: a training job stopped by its MaxRuntime counts as failed', async () => {
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await h.run(['wait', 'trainingjob', arnOf('training-job', EXTRA.tooLong), ...FAST], { env: noKubeconfig() });
    expect(lines(r.stderr).at(-1)).toMatch(new RegExp(`^Stopped \\(MaxRuntimeExceeded\\): training job ${EXTRA.tooLong} \\(`));
    expect(r.code).toBe(3);
  });

  it('4: a stopped job, by ARN without any kubeconfig', async () => {
    const run = h.start(['wait', 'trainingjob', arnOf('training-job', EXTRA.stopped), ...FAST], { env: noKubeconfig() });
    await run.waitFor('Training - ', 'stderr');
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await run.done;
    const out = lines(r.stderr);
    expect(out[0]).toBe(`waiting for training job ${EXTRA.stopped} in us-west-2 (polling every 100ms)`);
    expect(out.slice(-3)).toEqual(['2026-08-20T10:06:30.000Z Stopping - Stopping the training job', '2026-08-20T10:07:00.000Z Stopped - Training job stopped', `Stopped: training job ${EXTRA.stopped} (ran 6m, training seconds: 360, billable seconds: 360)`]);
    expect(r.code).toBe(4);
    expect(h.kube.requests).toEqual([]);
  });

  it('5: --timeout, saying where the job was', async () => {
    const r = await h.run(['wait', 'trainingjob', 'xgboost-mnist', ...FAST, '--timeout', '1s']);
    expect(lines(r.stderr).at(-1)).toBe(`error: timed out after 1s waiting for training job ${JOBS.legacyTrainingInProgress} (still InProgress (Training))`);
    expect(r.code).toBe(5);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('2: a bad --interval', async () => {
    const r = await h.run(['wait', 'trainingjob', 'xgboost-mnist', '--interval', '0s']);
    expect(r.stderr).toBe('error: invalid value "0s" for --interval: it must be longer than 0\n');
    expect(r.code).toBe(2);
  });

  it('1: a job that does not exist in SageMaker', async () => {
    const r = await h.run(['wait', 'trainingjob', arnOf('training-job', 'no-such-job'), ...FAST], { env: noKubeconfig() });
    expect(lines(r.stderr).at(-1)).toBe(
      // STS says the credentials are for that very account: the account is not the problem.
      'error: training job no-such-job not found in SageMaker in us-west-2 (Requested resource not found.); your credentials are for its account 111122223333, so check the name and the Region',
    );
    expect(r.code).toBe(1);
  });
});

describe('wait: other kinds', () => {
  it('a tuning job: the counters and the best training job as they change', async () => {
    const run = h.start(['wait', 'hpo', 'xgboost-mnist-hpo', ...FAST]);
    await run.waitFor('training jobs: 0 completed, 2 in progress', 'stderr');
    clock.set(ANCHOR + 8 * MIN);
    await run.waitFor('training jobs: 2 completed, 2 in progress', 'stderr');
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await run.done;
    const out = lines(r.stderr).map((l) => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, '<time> '));
    expect(out).toEqual([
      `waiting for hyperparametertuningjobs.sagemaker.aws.amazon.com/xgboost-mnist-hpo: tuning job ${JOBS.legacyTuning} in us-west-2 (polling every 100ms)`,
      '<time> InProgress',
      '<time> training jobs: 0 completed, 2 in progress, 0 failed, 0 stopped',
      '<time> training jobs: 2 completed, 2 in progress, 0 failed, 0 stopped',
      expect.stringMatching(new RegExp(`^<time> best training job: ${JOBS.legacyTuning}-002-[0-9a-f]{8} \\(validation:error 0.2\\)$`)),
      '<time> Completed',
      '<time> training jobs: 4 completed, 0 in progress, 0 failed, 0 stopped',
      expect.stringMatching(new RegExp(`^<time> best training job: ${JOBS.legacyTuning}-004-[0-9a-f]{8} \\(validation:error 0.1\\)$`)),
      expect.stringMatching(new RegExp(`^Completed: tuning job ${JOBS.legacyTuning} \\(training jobs: 4 completed, 0 in progress, 0 failed, 0 stopped, best: ${JOBS.legacyTuning}-004-[0-9a-f]{8} \\(validation:error 0.1\\)\\)$`)),
    ]);
    expect(r.code).toBe(0);
  });

  it('an endpoint: InService is 0', async () => {
    const run = h.start(['wait', 'endpoint', 'churn-endpoint', ...FAST]);
    await run.waitFor('Creating', 'stderr');
    clock.set(ANCHOR + 10 * MIN);
    const r = await run.done;
    expect(lines(r.stderr).slice(1)).toEqual([expect.stringMatching(/^2026-08-20T10:0\d:\d\d\.000Z Creating$/), '2026-08-20T10:05:00.000Z InService', 'InService: endpoint churn-endpoint']);
    expect(r.code).toBe(0);
  });

  it('an endpoint: Failed is 3, with the reason', async () => {
    clock.set(ANCHOR + 10 * MIN);
    const r = await h.run(['wait', 'endpoint', arnOf('endpoint', EXTRA.brokenEndpoint), ...FAST], { env: noKubeconfig() });
    expect(lines(r.stderr).slice(1)).toEqual([`Failed: endpoint ${EXTRA.brokenEndpoint}`, '  reason: The primary container for production variant AllTraffic did not pass the ping health check.']);
    expect(r.code).toBe(3);
  });
});

describe('wait --logs', () => {
  it('streams the logs through the log engine while waiting, each line once', async () => {
    const run = h.start(['wait', 'trainingjob', 'churn-xgb', '--logs', ...FAST]);
    await run.waitFor('Training - ', 'stderr');
    await run.waitFor('algo-1 ', 'stdout');
    clock.set(ANCHOR + 10 * MIN);
    const r = await run.done;
    const out = lines(r.stdout);
    expect(out.length).toBe(12); // 7 start-up lines while Downloading, 5 while Training
    expect(new Set(out).size).toBe(12);
    for (const l of out) expect(l).toMatch(/^algo-1 \S/);
    const err = lines(r.stderr);
    expect(err).toContain(`+ algo-1 › ${JOBS.legacyTrainingCompleted}/algo-1-1787220060`);
    expect(err).toContain('2026-08-20T10:06:45.000Z Completed - Training job completed');
    expect(err.at(-1)).toBe(`Completed: training job ${JOBS.legacyTrainingCompleted} (ran 5m45s, training seconds: 345, billable seconds: 258, managed spot training savings: 25.2%)`);
    expect(r.code).toBe(0);
  });

  it('takes the display options of logs', async () => {
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await h.run(['wait', 'trainingjob', 'churn-xgb', '--logs', '-o', 'json', ...FAST]);
    const out = lines(r.stdout).map((l) => JSON.parse(l) as { job: string; instance: string; stream: string });
    expect(out.length).toBe(12);
    for (const e of out) expect(e).toMatchObject({ job: JOBS.legacyTrainingCompleted, instance: 'algo-1', stream: `${JOBS.legacyTrainingCompleted}/algo-1-1787220060` });
    expect(r.code).toBe(0);
  });
});

describe('wait: resilience', () => {
  it('retries server errors, throttling and dropped connections, never failing on them', async () => {
    const run = h.start(['wait', 'trainingjob', 'churn-xgb', ...FAST]);
    await run.waitFor('Training - ', 'stderr');
    h.aws.failNext('DescribeTrainingJob', 1, 'internal-error');
    h.aws.failNext('DescribeTrainingJob', 1, 'throttle');
    h.aws.failNext('DescribeTrainingJob', 1, 'unavailable');
    h.aws.failNext('DescribeTrainingJob', 1, 'drop-before-response');
    clock.set(ANCHOR + 10 * MIN);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(lines(r.stderr).at(-1)).toMatch(/^Completed: training job /);
    const faults = h.aws.requests.filter((q) => q.operation === 'DescribeTrainingJob' && q.fault).map((q) => `${q.fault} ${q.status}`);
    expect(faults).toEqual(['internal-error 500', 'throttle 400', 'unavailable 503', 'drop-before-response 0']);
    expect(h.aws.pendingFaults()).toEqual({});
  });

  it('waits for a resource its operator has not submitted yet (no spinner or colour off a terminal)', async () => {
    const run = h.start(['wait', 'trainingjob', 'llama-lora-sft', ...FAST, '--timeout', '20s']);
    await run.waitFor('to be submitted', 'stderr');
    h.kube.store.mutate('sagemaker.services.k8s.aws/v1alpha1', 'TrainingJob', 'ml-team', 'llama-lora-sft', (o: any) => {
      o.status = { ackResourceMetadata: { arn: arnOf('training-job', EXTRA.lateSubmitted), ownerAccountID: '111122223333', region: 'us-west-2' }, trainingJobStatus: 'InProgress' };
    });
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await run.done;
    const out = lines(r.stderr);
    expect(out[0]).toBe('waiting for trainingjobs.sagemaker.services.k8s.aws/llama-lora-sft to be submitted to SageMaker (the ACK controller has not reconciled it yet (no status))');
    expect(out[1]).toBe(`trainingjobs.sagemaker.services.k8s.aws/llama-lora-sft submitted as ${EXTRA.lateSubmitted}`);
    expect(out.at(-1)).toMatch(new RegExp(`^Completed: training job ${EXTRA.lateSubmitted} `));
    expect(r.stderr).not.toContain('\u001b');
    expect(r.code).toBe(0);
  });
});
