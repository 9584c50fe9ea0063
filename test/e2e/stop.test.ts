// stop against the stand-ins: which Stop* call is made in each situation (from the AWS request
// log), and none where the caller is refused, asked for a dry run, did not confirm, or the job
// has ended.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../standins/aws';
import { pluginPath, startHarness, type Harness } from '../helpers/harness';
import { accessReviews, clearLogs, lines, sageMakerCalls, stopCalls } from './support/requests';
import { ANCHOR, clockAt, fixtureCluster, fixtureJobs, JOBS } from './support/world';

let h: Harness;
let clock: ManualClock;

beforeAll(async () => {
  clock = clockAt(2 * 60_000); // every job with a lifecycle is InProgress two minutes in
  h = await startHarness({ clock, aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
});
afterAll(() => h?.close());
beforeEach(() => {
  clock.set(ANCHOR + 2 * 60_000);
  h.aws.reset();
  h.aws.loadScenario(fixtureJobs());
  h.kube.policy.allowAll();
  clearLogs(h);
});

describe('stop: the matching Stop call', () => {
  it.each([
    ['trainingjob', 'xgboost-mnist', 'training job', JOBS.legacyTrainingInProgress, 'StopTrainingJob'],
    ['hpo', 'xgboost-mnist-hpo', 'tuning job', JOBS.legacyTuning, 'StopHyperParameterTuningJob'],
    ['transformjob', 'churn-batch-scoring', 'transform job', JOBS.ackTransform, 'StopTransformJob'],
    ['processingjob', 'feature-prep', 'processing job', JOBS.ackProcessing, 'StopProcessingJob'],
  ])('%s %s → %s', async (kind, name, noun, job, api) => {
    const r = await h.run(['stop', kind, name, '--yes']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`stop requested: ${noun} ${job} in ${noun === 'processing job' ? 'us-east-1' : 'us-west-2'} (${api})\n`);
    expect(r.code).toBe(0);
    expect(stopCalls(h)).toEqual([`${api} ${job}`]);
    expect(accessReviews(h)).toBe(1);

    // Once stopping, a second stop says so and calls nothing.
    clearLogs(h);
    const again = await h.run(['stop', kind, name, '--yes']);
    expect(again.stdout).toBe(`${noun} ${job} is already stopping (Stopping): no new stop request\n`);
    expect(again.code).toBe(0);
    expect(stopCalls(h)).toEqual([]);
  });

  it('works through kubectl (kubectl smlogs stop)', async () => {
    const r = await h.run(['stop', 'trainingjobs.sagemaker.aws.amazon.com/churn-xgb', '-y', '-n', 'ml-team'], { via: 'kubectl' });
    expect(r.stdout).toBe(`stop requested: training job ${JOBS.legacyTrainingCompleted} in us-east-1 (StopTrainingJob)\n`);
    expect(r.code).toBe(0);
    expect(stopCalls(h)).toEqual([`StopTrainingJob ${JOBS.legacyTrainingCompleted}`]);
  });
});

describe('stop: no Stop call', () => {
  it('refuses endpoints with a usage error, before asking anything', async () => {
    const r = await h.run(['stop', 'endpoint', 'churn-endpoint', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: endpoints cannot be stopped: SageMaker has no Stop API for them; delete the endpoint instead (kubectl delete hostingdeployments.sagemaker.aws.amazon.com or endpoints.sagemaker.services.k8s.aws churn-endpoint)\n',
    );
    expect(sageMakerCalls(h)).toEqual([]);
  });

  it('needs --yes when not on a terminal (exit 2)', async () => {
    const r = await h.run(['stop', 'trainingjob', 'resnet50-finetune']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: refusing to stop trainingjob resnet50-finetune without confirmation: not on a terminal; pass --yes to stop it (or --dry-run to see what would be stopped)\n');
    expect(r.stdout).toBe('');
    expect(sageMakerCalls(h)).toEqual([]);
  });

  it('--dry-run says what it would do', async () => {
    const r = await h.run(['stop', 'trainingjob', 'resnet50-finetune', '--dry-run']);
    expect(r.stdout).toBe(
      `would stop training job ${JOBS.ackTrainingInProgress} in us-west-2 (InProgress (Training)) with StopTrainingJob, on behalf of trainingjobs.sagemaker.services.k8s.aws/resnet50-finetune (dry run: nothing was called)\n`,
    );
    expect(r.code).toBe(0);
    expect(sageMakerCalls(h)).toEqual(['DescribeTrainingJob']);
  });

  it('refuses a caller who may not delete the resource, and names the permission', async () => {
    // Denied for exactly this object (verb, group, resource, namespace and name), so the review must carry them all.
    h.kube.policy.deny({ user: 'tester', verb: 'delete', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs', namespace: 'ml-team', name: 'resnet50-finetune', reason: 'frozen by the platform team' });
    for (const extra of [['--yes'], ['--dry-run']]) {
      clearLogs(h);
      const r = await h.run(['stop', 'trainingjob', 'resnet50-finetune', ...extra]);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual([
        `error: not allowed to stop training job ${JOBS.ackTrainingInProgress}: you may not delete trainingjobs.sagemaker.services.k8s.aws "resnet50-finetune" in namespace "ml-team" (ask for RBAC verb "delete" on trainingjobs.sagemaker.services.k8s.aws in namespace "ml-team"); the API server says: frozen by the platform team`,
      ]);
      expect(r.stdout).toBe('');
      expect(accessReviews(h)).toBe(1);
      expect(stopCalls(h)).toEqual([]);
    }
    // Another resource of the same type and namespace is not covered by the denial.
    clearLogs(h);
    const other = await h.run(['stop', 'trainingjob', 'bert-sentiment', '--yes']);
    expect(other.stdout).toBe(`stop requested: training job ${JOBS.ackTrainingFailed} in us-east-1 (StopTrainingJob)\n`);
    expect(other.code).toBe(0);
    expect(stopCalls(h)).toEqual([`StopTrainingJob ${JOBS.ackTrainingFailed}`]);
  });

  it('says a job that has ended has nothing to stop (exit 0)', async () => {
    clock.set(ANCHOR + 2 * 3600_000);
    const r = await h.run(['stop', 'trainingjob', 'bert-sentiment', '--yes']);
    expect(r.stdout).toBe(`training job ${JOBS.ackTrainingFailed} has already ended (Failed): nothing to stop\n`);
    expect(r.code).toBe(0);
    expect(stopCalls(h)).toEqual([]);
    const w = await h.run(['stop', 'hpo', 'xgb-churn-hpo', '--yes', '--wait']);
    expect(w.stdout).toBe(`tuning job ${JOBS.ackTuning} has already ended (Completed): nothing to stop\n`);
    expect(w.code).toBe(0);
    expect(stopCalls(h)).toEqual([]);
  });

  it('explains a resource whose job is not submitted yet', async () => {
    const r = await h.run(['stop', 'trainingjob', 'llama-lora-sft', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: trainingjobs.sagemaker.services.k8s.aws/llama-lora-sft has no SageMaker job to stop yet (the ACK controller has not reconciled it yet (no status)); to cancel it, delete the resource: kubectl delete trainingjobs.sagemaker.services.k8s.aws/llama-lora-sft -n ml-team\n',
    );
    expect(sageMakerCalls(h)).toEqual([]);
  });
});

describe('stop --wait', () => {
  it('waits for Stopped and exits 4, printing each transition', async () => {
    const run = h.start(['stop', 'trainingjob', 'xgboost-mnist', '--yes', '--wait', '--interval', '100ms']);
    await run.waitFor('stop requested');
    clock.advance(60_000); // the stand-in's Stopping → Stopped takes 30 s
    const r = await run.done;
    expect(r.stdout).toBe(`stop requested: training job ${JOBS.legacyTrainingInProgress} in us-west-2 (StopTrainingJob)\n`);
    expect(lines(r.stderr)).toEqual([
      '2026-08-20T10:02:00.000Z Stopping - Stopping the training job',
      '2026-08-20T10:02:30.000Z Stopped - Training job stopped',
      `Stopped: training job ${JOBS.legacyTrainingInProgress} (ran 1m30s, training seconds: 180, billable seconds: 180)`,
    ]);
    expect(r.code).toBe(4);
    expect(stopCalls(h)).toEqual([`StopTrainingJob ${JOBS.legacyTrainingInProgress}`]);
  });

  it('on a job already stopping: no Stop call, and still waits for Stopped', async () => {
    h.aws.sagemaker.stop('training', JOBS.ackTrainingInProgress, clock.now());
    const run = h.start(['stop', 'trainingjob', 'resnet50-finetune', '--yes', '--wait', '--interval', '100ms']);
    await run.waitFor('already stopping');
    clock.advance(60_000);
    const r = await run.done;
    expect(r.stdout).toBe(`training job ${JOBS.ackTrainingInProgress} is already stopping (Stopping): no new stop request\n`);
    expect(lines(r.stderr)).toContain('2026-08-20T10:02:30.000Z Stopped - Training job stopped');
    expect(r.code).toBe(4);
    expect(stopCalls(h)).toEqual([]);
  });

  it('gives up after --timeout with exit 5', async () => {
    const r = await h.run(['stop', 'processingjob', 'kmeans-mnist-preprocessing-nightly', '--yes', '--wait', '--interval', '100ms', '--timeout', '1s']);
    expect(lines(r.stderr).at(-1)).toBe(`error: timed out after 1s waiting for processing job ${JOBS.legacyProcessing} (still Stopping)`);
    expect(r.code).toBe(5);
    expect(stopCalls(h)).toEqual([`StopProcessingJob ${JOBS.legacyProcessing}`]);
  });
});

describe('stop by ARN', () => {
  it('needs no kubeconfig, says there is no RBAC check, and stops', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'smlogs-nokube-'));
    const arn = `arn:aws:sagemaker:us-west-2:111122223333:training-job/${JOBS.ackTrainingFailed}`;
    const r = await h.run(['stop', 'trainingjob', arn, '--yes'], { env: { KUBECONFIG: undefined, HOME: empty } });
    expect(r.stderr).toBe(`note: ${arn} is an ARN, not a Kubernetes resource: there is no RBAC permission to check; stopping with your AWS permissions only\n`);
    expect(r.stdout).toBe(`stop requested: training job ${JOBS.ackTrainingFailed} in us-west-2 (StopTrainingJob)\n`);
    expect(r.code).toBe(0);
    expect(stopCalls(h)).toEqual([`StopTrainingJob ${JOBS.ackTrainingFailed}`]);
    expect(h.kube.requests).toEqual([]);
  });
});

describe('stop on a terminal', () => {
  // A real pseudo-terminal (util-linux script), so stdin and stderr are TTYs as for a person.
  function onTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
    const command = [pluginPath(), ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...h.env, TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = false;
    const onData = (d: Buffer): void => {
      output += d.toString('utf8');
      if (!answered && output.includes('[y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    return new Promise((resolve) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output: output.replace(/\r/g, '') });
      }),
    );
  }

  const prompt = [
    'About to stop:',
    '  resource: trainingjobs.sagemaker.aws.amazon.com/xgboost-mnist (namespace ml-team)',
    `  job:      training job ${JOBS.legacyTrainingInProgress}`,
    '  region:   us-west-2',
    '  status:   InProgress (Training)',
    'Stop this job? [y/N] ',
  ].join('\n');

  it('asks, and a "n" stops nothing (exit 1)', async () => {
    const r = await onTerminal(['stop', 'trainingjob', 'xgboost-mnist'], 'n');
    expect(r.output).toContain(prompt);
    expect(r.output).toContain('not stopped: not confirmed\n');
    expect(r.code).toBe(1);
    expect(stopCalls(h)).toEqual([]);
  });

  it('asks, and Ctrl-C stops nothing (exit 130)', async () => {
    const r = await onTerminal(['stop', 'trainingjob', 'xgboost-mnist'], '\u0003');
    expect(r.output).toContain(prompt);
    expect(r.output).toContain('not stopped: interrupted\n');
    expect(r.code).toBe(130);
    expect(stopCalls(h)).toEqual([]);
  });

  it('asks, and a "y" stops the job', async () => {
    const r = await onTerminal(['stop', 'trainingjob', 'xgboost-mnist'], 'y');
    expect(r.output).toContain(prompt);
    expect(r.output).toContain(`stop requested: training job ${JOBS.legacyTrainingInProgress} in us-west-2 (StopTrainingJob)\n`);
    expect(r.code).toBe(0);
    expect(stopCalls(h)).toEqual([`StopTrainingJob ${JOBS.legacyTrainingInProgress}`]);
  });
});
