// Resolution (issue #3) end to end, through the plugin as users run it: discovery, the job-name
// fallbacks, resources their operator has not submitted yet (with and without --follow), a name in
// both groups, operators that are not installed, where region, account and SageMaker endpoint come
// from, ARN names without any kubeconfig, and the account check (STS) of AWS failures. Every KIND
// word against every fixture: resolve-kinds.test.ts; connection flags and Kubernetes errors:
// resolve-connection.test.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAST_TUNING, pluginPath, startHarness, type Harness } from '../helpers/harness';
import { startKubeStandIn, type KubeObject } from '../standins/kube';
import { clearLogs, lines } from './support/requests';
import { ACK_V, FIXTURES, LEGACY_V } from './support/resolve-fixtures';
import { arnOf, clockAt, EXTRA, fixtureCluster, fixtureJobs, JOBS } from './support/world';

const OTHER_KEY = 'AKIAI44QH8DHBEXAMPLE';
const OTHER_ACCOUNT = '444455556666';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
});
afterAll(() => h?.close());

function noKubeconfig(): Record<string, string | undefined> {
  return { KUBECONFIG: undefined, HOME: mkdtempSync(path.join(os.tmpdir(), 'smlogs-nokube-')) };
}

/** Objects a test stores are removed after it. */
const added: Array<[string, string, string | undefined, string]> = [];
function put(obj: KubeObject): KubeObject {
  const stored = h.kube.store.put(obj);
  added.push([obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name]);
  return stored;
}
/** A copy of a fixture object under another name (and namespace), changed by `change`, stored. */
function copyOf(apiVersion: string, kind: string, name: string, as: string, change: (o: any) => void = () => undefined, namespace = 'ml-team'): KubeObject {
  const o = h.kube.store.get(apiVersion, kind, 'ml-team', name) as any;
  o.metadata = { name: as, namespace, uid: o.metadata.uid.replace(/^.{8}/, '0badc0de'), ...(o.metadata.annotations ? { annotations: o.metadata.annotations } : {}) };
  change(o);
  return put(o);
}
afterEach(() => {
  for (const [v, k, ns, n] of added.splice(0)) h.kube.store.remove(v, k, ns, n);
});

describe('KIND: discovery and the words it refuses', () => {
  beforeEach(() => clearLogs(h));

  it('asks discovery once per run, then reads the object in each group that serves the kind', async () => {
    const r = await h.run(['tj', 'churn-xgb']);
    expect(r.code).toBe(0);
    const asked = h.kube.requests.map((q) => `${q.method} ${q.path} ${q.status}`);
    expect(asked[0]).toBe('GET /apis 200');
    // Both groups at once: in either order.
    expect(asked.slice(1).sort()).toEqual([`GET /apis/${LEGACY_V}/namespaces/ml-team/trainingjobs/churn-xgb 200`, `GET /apis/${ACK_V}/namespaces/ml-team/trainingjobs/churn-xgb 404`].sort());
  });

  it('a cluster without aggregated discovery (Kubernetes < 1.26): the group list, then each SageMaker group', async () => {
    const old = await startKubeStandIn({ scenario: fixtureCluster(), discovery: 'legacy', minor: 24 });
    try {
      old.addTokenUser('tester', 'tester-token');
      const kc = old.writeKubeconfig(path.join(h.home, 'old-cluster.yaml'), { user: 'tester', auth: 'token', namespace: 'ml-team' });
      const r = await h.run(['hd', 'churn-endpoint'], { env: { KUBECONFIG: kc } });
      expect([lines(r.stderr)[0], r.code]).toEqual([FIXTURES.at(-1)!.header, 0]);
      expect(old.requests.map((q) => `${q.path} ${q.status}`).filter((q) => !q.includes('/namespaces/')).sort()).toEqual([
        '/apis 200',
        `/apis/${LEGACY_V} 200`,
        `/apis/${ACK_V} 200`,
      ]);
    } finally {
      await old.close();
    }
  });

  it('a qualified kind reads only its own group', async () => {
    const r = await h.run(['trainingjobs.sagemaker.services.k8s.aws/resnet50-finetune']);
    expect(r.code).toBe(0);
    expect(h.kube.requests.filter((q) => q.path.includes('/trainingjobs/')).map((q) => q.path)).toEqual([`/apis/${ACK_V}/namespaces/ml-team/trainingjobs/resnet50-finetune`]);
  });

  it('2: an unknown kind lists the accepted words; so does a plural of another group', async () => {
    const words =
      'use one of trainingjob|trainingjobs|tj, hyperparametertuningjob|hyperparametertuningjobs|tuningjob|tuningjobs|hpo, batchtransformjob|batchtransformjobs|transformjob|transformjobs|btj, processingjob|processingjobs|pj, hostingdeployment|hostingdeployments|endpoint|endpoints|hd (or plural.group, e.g. trainingjobs.sagemaker.services.k8s.aws)';
    for (const kind of ['pods', 'trainingjobs.sagemaker.example.com', 'models.sagemaker.services.k8s.aws']) {
      const r = await h.run([kind, 'x']);
      expect(r.stderr).toBe(`error: unknown kind "${kind}": ${words}\n`);
      expect(r.code).toBe(2);
    }
    expect(h.kube.requests).toEqual([]);
  });
});

// ---- a name in both groups; operators not installed --------------------------------------------

describe('both groups, and groups that are not installed', () => {
  afterEach(() => h.kube.setGroups(['legacy', 'ack']));

  it('2: a name in both groups is refused, naming both qualified forms; the qualified form picks one', async () => {
    copyOf(ACK_V, 'TrainingJob', 'resnet50-finetune', 'churn-xgb');
    const [r, legacy, ack] = await Promise.all([
      h.run(['trainingjob', 'churn-xgb']),
      h.run(['trainingjobs.sagemaker.aws.amazon.com/churn-xgb']),
      h.run(['trainingjobs.sagemaker.services.k8s.aws', 'churn-xgb'], { via: 'kubectl' }),
    ]);
    expect(r.stderr).toBe(
      'error: "churn-xgb" exists as both trainingjobs.sagemaker.aws.amazon.com and trainingjobs.sagemaker.services.k8s.aws in namespace "ml-team": name one, e.g. trainingjobs.sagemaker.aws.amazon.com/churn-xgb\n',
    );
    expect(r.code).toBe(2);
    expect(lines(legacy.stderr)[0]).toBe(FIXTURES[0]!.header);
    expect(lines(ack.stderr)[0]).toBe(`trainingjobs.sagemaker.services.k8s.aws/churn-xgb: training job ${JOBS.ackTrainingInProgress} in us-west-2, InProgress (Training)`);
    expect([legacy.code, ack.code]).toEqual([0, 0]);
  });

  it('1: only ACK installed: a legacy kind says the legacy operator is missing; a shared word searches ACK and says what it could not search', async () => {
    h.kube.setGroups(['ack']);
    const [pinned, shared, ack] = await Promise.all([h.run(['hostingdeployments.sagemaker.aws.amazon.com/xgboost-hosting']), h.run(['hd', 'xgboost-hosting']), h.run(['hd', 'churn-endpoint'])]);
    expect(pinned.stderr).toBe('error: the cluster does not serve hostingdeployments.sagemaker.aws.amazon.com: the SageMaker Operators for Kubernetes (sagemaker.aws.amazon.com) is not installed\n');
    expect(pinned.code).toBe(1);
    expect(shared.stderr).toBe(
      'error: endpoints.sagemaker.services.k8s.aws "xgboost-hosting" not found in namespace "ml-team" (hostingdeployments.sagemaker.aws.amazon.com not searched: the SageMaker Operators for Kubernetes (sagemaker.aws.amazon.com) is not installed); list them with: kubectl smlogs list -n ml-team\n',
    );
    expect(shared.code).toBe(1);
    // ACK's own objects still resolve.
    expect([lines(ack.stderr)[0], ack.code]).toEqual([FIXTURES.at(-1)!.header, 0]);
  });

  it('1: only the legacy operator installed, then neither', async () => {
    h.kube.setGroups(['legacy']);
    const r = await h.run(['transformjobs.sagemaker.services.k8s.aws', 'churn-batch-scoring'], { via: 'kubectl' });
    expect(r.stderr).toBe('error: the cluster does not serve transformjobs.sagemaker.services.k8s.aws: the ACK SageMaker controller (sagemaker.services.k8s.aws) is not installed\n');
    expect(r.code).toBe(1);
    h.kube.setGroups([]);
    const none = await h.run(['tj', 'churn-xgb']);
    expect(none.stderr).toBe(
      'error: the cluster serves no trainingjobs.sagemaker.aws.amazon.com or trainingjobs.sagemaker.services.k8s.aws: neither the SageMaker Operators for Kubernetes (sagemaker.aws.amazon.com) nor the ACK SageMaker controller (sagemaker.services.k8s.aws) is installed\n',
    );
    expect(none.code).toBe(1);
  });
});

// ---- the SageMaker name: spec first, then the status fallbacks ----------------------------------

describe('job names: spec, then status, per kind and family', () => {
  it('legacy: spec name, then status; ProcessingJob status only; HostingDeployment status.endpointName; HPO the 32-character uid; ACK: spec, then the ARN', async () => {
    // Variants of the fixtures, next to the fixtures themselves.
    copyOf(LEGACY_V, 'ProcessingJob', 'kmeans-mnist-preprocessing-nightly', 'pj-spec-name', (o) => {
      o.spec.processingJobName = 'not-the-job'; // not a field of the legacy spec: the operator never reads it
    });
    copyOf(LEGACY_V, 'HostingDeployment', 'xgboost-hosting', 'hd-named', (o) => {
      o.spec.endpointName = EXTRA.brokenEndpoint;
    });
    copyOf(LEGACY_V, 'TrainingJob', 'churn-xgb', 'churn-status-only', (o) => {
      delete o.spec.trainingJobName;
    });
    copyOf(LEGACY_V, 'BatchTransformJob', 'xgboost-batch', 'batch-status-only', (o) => {
      delete o.spec.transformJobName;
    });
    copyOf(LEGACY_V, 'HyperparameterTuningJob', 'xgboost-mnist-hpo', 'hpo-status-only', (o) => {
      delete o.spec.hyperParameterTuningJobName;
    });
    copyOf(ACK_V, 'TrainingJob', 'resnet50-finetune', 'ack-arn-only', (o) => {
      delete o.spec.trainingJobName;
      o.status.ackResourceMetadata.arn = arnOf('training-job', EXTRA.stopped);
    });
    const cases: Array<[string[], string]> = [
      [['pj', 'kmeans-mnist-preprocessing-nightly'], FIXTURES[9]!.header],
      [['pj', 'pj-spec-name'], `processingjobs.sagemaker.aws.amazon.com/pj-spec-name: processing job ${JOBS.legacyProcessing} in us-west-2, InProgress`],
      [['hd', 'xgboost-hosting'], FIXTURES[11]!.header],
      [['hd', 'hd-named'], `hostingdeployments.sagemaker.aws.amazon.com/hd-named: endpoint ${EXTRA.brokenEndpoint} in us-east-1, Failed`],
      [['tj', 'xgboost-mnist'], FIXTURES[1]!.header],
      [['tj', 'churn-status-only'], `trainingjobs.sagemaker.aws.amazon.com/churn-status-only: training job ${JOBS.legacyTrainingCompleted} in us-east-1, Completed`],
      [['btj', 'xgboost-batch'], FIXTURES[7]!.header],
      [['btj', 'batch-status-only'], `batchtransformjobs.sagemaker.aws.amazon.com/batch-status-only: transform job ${JOBS.legacyTransform} in us-west-2, InProgress`],
      [['hpo', 'hpo-status-only'], `hyperparametertuningjobs.sagemaker.aws.amazon.com/hpo-status-only: tuning job ${JOBS.legacyTuning} in us-west-2, Completed`],
      [['tj', 'ack-arn-only'], `trainingjobs.sagemaker.services.k8s.aws/ack-arn-only: training job ${EXTRA.stopped} in us-west-2, Stopped`],
    ];
    const runs = await Promise.all(cases.map(([args]) => h.run(args)));
    expect(runs.map((r) => [lines(r.stderr)[0], r.code])).toEqual(cases.map(([, header]) => [header, 0]));
    expect(JOBS.legacyTuning).toMatch(/^[0-9a-f]{32}$/);
  });

  it('1: a legacy resource with no name yet says so, with the name the operator will generate (63 and 32 characters)', async () => {
    const pending = (kind: string, name: string, uid: string) =>
      put({
        apiVersion: LEGACY_V,
        kind,
        metadata: { name, namespace: 'ml-team', uid },
        spec: { region: 'us-west-2' },
        status: { [kind === 'TrainingJob' ? 'trainingJobStatus' : 'hyperParameterTuningJobStatus']: 'SynchronizingK8sJobWithSageMaker' },
      });
    pending('TrainingJob', 'kmeans-mnist-preprocessing-nightly-v2', 'c3d2e1f0-aaaa-4bbb-8ccc-0123456789ab');
    pending('HyperparameterTuningJob', 'tune-later', 'c3d2e1f0-aaaa-4bbb-8ccc-0123456789ab');
    const [r, hpo] = await Promise.all([h.run(['tj', 'kmeans-mnist-preprocessing-nightly-v2']), h.run(['hpo', 'tune-later'])]);
    expect(r.stderr).toBe(
      'error: trainingjobs.sagemaker.aws.amazon.com/kmeans-mnist-preprocessing-nightly-v2 has no SageMaker job yet: the operator has not created the SageMaker job yet (status SynchronizingK8sJobWithSageMaker) (its job will be named kmeans-mnist-preprocessing-nig-c3d2e1f0aaaa4bbb8ccc0123456789ab unless the spec names one); use --follow (or wait) to wait for it\n',
    );
    expect(r.code).toBe(1);
    expect(hpo.stderr).toBe(
      'error: hyperparametertuningjobs.sagemaker.aws.amazon.com/tune-later has no SageMaker job yet: the operator has not created the SageMaker job yet (status SynchronizingK8sJobWithSageMaker) (its job will be named c3d2e1f0aaaa4bbb8ccc0123456789ab unless the spec names one); use --follow (or wait) to wait for it\n',
    );
    expect(hpo.code).toBe(1);
  });
});

// ---- resources not submitted yet ---------------------------------------------------------------------

describe('a resource its operator has not submitted yet', () => {
  const LLAMA = 'trainingjobs.sagemaker.services.k8s.aws/llama-lora-sft';
  const submit = (): void => {
    h.kube.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'llama-lora-sft', (o: any) => {
      o.status = { ackResourceMetadata: { arn: arnOf('training-job', EXTRA.lateSubmitted), ownerAccountID: '111122223333', region: 'us-west-2' }, trainingJobStatus: 'InProgress' };
    });
  };
  afterEach(() => {
    h.kube.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'llama-lora-sft', (o: any) => {
      delete o.status;
    });
    h.kube.policy.allowAll();
  });

  it('1 without --follow: one line that says so and what to do', async () => {
    const r = await h.run(['logs', 'trainingjob', 'llama-lora-sft']);
    expect(r.stderr).toBe(`error: ${LLAMA} has no SageMaker job yet: the ACK controller has not reconciled it yet (no status); use --follow (or wait) to wait for it\n`);
    expect(r.code).toBe(1);
    const k = await h.run(['tj/llama-lora-sft'], { via: 'kubectl' });
    expect([k.stderr, k.code]).toEqual([r.stderr, 1]);
  });

  it('--follow watches it until the operator names its job, then streams it to the end', async () => {
    clearLogs(h);
    const run = h.start(['trainingjob', 'llama-lora-sft', '-f']);
    await run.waitFor('to be submitted', 'stderr');
    submit();
    const r = await run.done;
    expect(lines(r.stderr)).toEqual([
      `waiting for ${LLAMA} to be submitted to SageMaker (the ACK controller has not reconciled it yet (no status))`,
      `${LLAMA} submitted as ${EXTRA.lateSubmitted}`,
      `${LLAMA}: training job ${EXTRA.lateSubmitted} in us-west-2, Completed`,
      expect.stringMatching(new RegExp(`^Completed: training job ${EXTRA.lateSubmitted} \\(`)),
    ]);
    expect(r.code).toBe(0);
    // Watched, not polled: one read, one watch of that object, discovery once.
    const kube = h.kube.requests.map((q) => `${q.method} ${q.path}${q.query.watch ? ' (watch)' : ''}`);
    expect(kube.filter((q) => q.includes('llama-lora-sft') || q.includes('(watch)')).sort()).toEqual([
      `GET /apis/${ACK_V}/namespaces/ml-team/trainingjobs (watch)`,
      `GET /apis/${ACK_V}/namespaces/ml-team/trainingjobs/llama-lora-sft`,
      `GET /apis/${LEGACY_V}/namespaces/ml-team/trainingjobs/llama-lora-sft`,
    ].sort());
    expect(h.kube.requests.find((q) => q.query.watch)?.query).toMatchObject({ fieldSelector: 'metadata.name=llama-lora-sft' });
    expect(kube.filter((q) => q === 'GET /apis')).toHaveLength(1);
  });

  it('a watch from a version the server no longer keeps (410): re-read, then watch from now', async () => {
    clearLogs(h);
    // Another object changes after this one, then the history is dropped: its version is too old to watch from.
    h.kube.store.mutate(ACK_V, 'TrainingJob', 'ml-team', 'resnet50-finetune', () => undefined);
    h.kube.store.compact();
    const run = h.start(['trainingjob', 'llama-lora-sft', '-f']);
    await run.waitFor('to be submitted', 'stderr');
    for (let i = 0; i < 100 && h.kube.requests.filter((q) => q.query.watch).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    submit();
    const r = await run.done;
    expect(lines(r.stderr)[1]).toBe(`${LLAMA} submitted as ${EXTRA.lateSubmitted}`);
    expect(r.code).toBe(0);
    const watches = h.kube.requests.filter((q) => q.query.watch);
    expect(watches.map((q) => q.query.resourceVersion !== undefined)).toEqual([true, false]);
  });

  it('polls instead where watching is not allowed', async () => {
    clearLogs(h);
    h.kube.policy.deny({ user: 'tester', verb: 'watch' });
    const run = h.start(['trainingjob', 'llama-lora-sft', '-f'], { env: { SMLOGS_TUNING: `${FAST_TUNING},submitPollMs=100` } });
    await run.waitFor('to be submitted', 'stderr');
    submit();
    const r = await run.done;
    expect(lines(r.stderr)[1]).toBe(`${LLAMA} submitted as ${EXTRA.lateSubmitted}`);
    expect(r.code).toBe(0);
    const watches = h.kube.requests.filter((q) => q.query.watch);
    expect(watches.map((q) => q.status)).toEqual([403]);
  });

  it('on a terminal: a spinner while waiting, a check mark once submitted', async () => {
    // `script` gives the plugin a pseudo-terminal (stdout and stderr both go to it).
    const child = spawn('script', ['-qfec', `${pluginPath()} trainingjob llama-lora-sft -f`, '/dev/null'], { env: { ...h.env, TERM: 'xterm-256color' } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    const plain = (): string => out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    for (let i = 0; i < 100 && !/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting for/.test(plain()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(plain()).toMatch(new RegExp(`[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting for ${LLAMA} to be submitted to SageMaker \\(the ACK controller has not reconciled it yet \\(no status\\)\\)`));
    submit();
    expect(await code).toBe(0);
    expect(plain()).toContain(`✔ ${LLAMA} submitted as ${EXTRA.lateSubmitted}`);
    expect(plain()).toContain(`${LLAMA}: training job ${EXTRA.lateSubmitted} in us-west-2, Completed`);
  });

  it('5: --timeout elapses while waiting', async () => {
    const r = await h.run(['trainingjob', 'llama-lora-sft', '-f', '--timeout', '300ms']);
    expect(lines(r.stderr)).toEqual([
      `waiting for ${LLAMA} to be submitted to SageMaker (the ACK controller has not reconciled it yet (no status))`,
      `error: timed out waiting for ${LLAMA} to be submitted to SageMaker`,
    ]);
    expect(r.code).toBe(5);
  });

  it('1: deleted while waiting; 1: refused by SageMaker (ACK.Terminal, no ARN)', async () => {
    copyOf(ACK_V, 'TrainingJob', 'llama-lora-sft', 'llama-doomed');
    const run = h.start(['trainingjob', 'llama-doomed', '-f']);
    await run.waitFor('to be submitted', 'stderr');
    h.kube.store.remove(ACK_V, 'TrainingJob', 'ml-team', 'llama-doomed');
    const r = await run.done;
    expect(lines(r.stderr).at(-1)).toBe('error: trainingjobs.sagemaker.services.k8s.aws/llama-doomed was deleted while waiting for it to be submitted to SageMaker');
    expect(r.code).toBe(1);

    copyOf(ACK_V, 'TrainingJob', 'llama-lora-sft', 'llama-refused', (o) => {
      o.status = {
        conditions: [
          { type: 'ACK.Terminal', status: 'True', message: 'ValidationException: Instance type ml.g5.12xlarge is not supported in this region' },
          { type: 'ACK.ResourceSynced', status: 'False', reason: 'resource is in terminal condition' },
        ],
      };
    });
    const refused = await h.run(['trainingjob', 'llama-refused', '-f']);
    expect(refused.stderr).toBe(
      'error: trainingjobs.sagemaker.services.k8s.aws/llama-refused has no SageMaker job: SageMaker refused to create it: ValidationException: Instance type ml.g5.12xlarge is not supported in this region\n',
    );
    expect(refused.code).toBe(1);
  });
});

// ---- region, account, endpoint ---------------------------------------------------------------------

describe('region and SageMaker endpoint', () => {
  beforeEach(() => clearLogs(h));
  afterEach(() => {
    for (const ns of ['regional', 'sm-endpoint']) h.kube.store.remove('v1', 'Namespace', undefined, ns);
  });

  const regionsOf = (job: string): string[] => [...new Set(h.aws.requests.filter((q) => JSON.stringify(q.body).includes(job)).map((q) => `${q.service} ${q.region}`))].sort();

  it('legacy spec.region wins over --region and AWS_REGION, for SageMaker and CloudWatch calls alike', async () => {
    const r = await h.run(['tj', 'churn-xgb', '--region', 'eu-west-3'], { env: { AWS_REGION: 'ap-northeast-1' } });
    expect(lines(r.stderr)[0]).toBe(FIXTURES[0]!.header);
    expect(regionsOf(JOBS.legacyTrainingCompleted)).toEqual(['logs us-east-1', 'sagemaker us-east-1']);
  });

  it('ACK: status.ackResourceMetadata.region; then the resource\'s region annotation, the namespace\'s, --region, AWS_REGION', async () => {
    // Only an object whose status names no region (hand-made, or an ACK runtime before v0.16)
    // reaches the annotations: its ARN has none either.
    h.kube.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'regional', annotations: { 'services.k8s.aws/default-region': 'ap-south-1' } } });
    const regionless = (as: string, annotation?: string) =>
      copyOf(
        ACK_V,
        'TrainingJob',
        'resnet50-finetune',
        as,
        (o) => {
          o.spec.trainingJobName = EXTRA.stopped;
          o.status.ackResourceMetadata = { arn: `arn:aws:sagemaker::111122223333:training-job/${EXTRA.stopped}`, ownerAccountID: '111122223333' };
          o.metadata.annotations = annotation ? { 'services.k8s.aws/region': annotation } : {};
        },
        'regional',
      );
    regionless('annotated', 'eu-central-1');
    regionless('plain');
    const at = async (name: string, extra: string[] = [], env: Record<string, string | undefined> = {}) => lines((await h.run(['tj', name, '-n', 'regional', ...extra], { env })).stderr)[0];
    const header = (name: string, region: string) => `trainingjobs.sagemaker.services.k8s.aws/${name}: training job ${EXTRA.stopped} in ${region}, Stopped`;
    const [status, annotated, namespaced] = await Promise.all([
      h.run(['pj', 'feature-prep', '--region', 'eu-west-3']).then((r) => lines(r.stderr)[0]),
      at('annotated', ['--region', 'eu-west-3']),
      at('plain', ['--region', 'eu-west-3']),
    ]);
    expect([status, annotated, namespaced]).toEqual([FIXTURES[10]!.header, header('annotated', 'eu-central-1'), header('plain', 'ap-south-1')]);
    h.kube.store.mutate('v1', 'Namespace', undefined, 'regional', (ns) => {
      ns.metadata.annotations = {};
    });
    const [flag, env, none] = await Promise.all([
      at('plain', ['--region', 'eu-west-3']),
      at('plain', [], { AWS_REGION: 'ca-central-1' }),
      h.run(['tj', 'plain', '-n', 'regional'], { env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined } }),
    ]);
    expect([flag, env]).toEqual([header('plain', 'eu-west-3'), header('plain', 'ca-central-1')]);
    expect(regionsOf(EXTRA.stopped)).toEqual(['logs ap-south-1', 'logs ca-central-1', 'logs eu-central-1', 'logs eu-west-3', 'sagemaker ap-south-1', 'sagemaker ca-central-1', 'sagemaker eu-central-1', 'sagemaker eu-west-3']);
    expect(none.stderr).toBe('error: no AWS region for trainingjobs.sagemaker.services.k8s.aws/plain: the resource names none; pass --region or set AWS_REGION\n');
    expect(none.code).toBe(1);
  });

  it('legacy spec.sageMakerEndpoint is used for SageMaker calls, with no AWS_ENDPOINT_URL* set', async () => {
    copyOf(LEGACY_V, 'TrainingJob', 'churn-xgb', 'churn-own-endpoint', (o) => {
      o.spec.sageMakerEndpoint = h.aws.url;
    });
    const noEndpoints = { AWS_ENDPOINT_URL: undefined };
    const r = await h.run(['wait', 'tj', 'churn-own-endpoint', '--interval', '100ms'], { env: noEndpoints });
    expect(lines(r.stderr)[0]).toBe(`waiting for trainingjobs.sagemaker.aws.amazon.com/churn-own-endpoint: training job ${JOBS.legacyTrainingCompleted} in us-east-1 (polling every 100ms)`);
    expect(r.code).toBe(0);
    expect(regionsOf(JOBS.legacyTrainingCompleted)).toEqual(['sagemaker us-east-1']);
    // Logs are not SageMaker's: they need their own endpoint (here the environment's).
    const logs = await h.run(['tj', 'churn-own-endpoint'], { env: { ...noEndpoints, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: h.aws.url } });
    expect(lines(logs.stderr)[0]).toBe(`trainingjobs.sagemaker.aws.amazon.com/churn-own-endpoint: training job ${JOBS.legacyTrainingCompleted} in us-east-1, Completed`);
    expect(logs.stdout).toContain('algo-1 ');
    expect(logs.code).toBe(0);
  });

  it('ACK: the namespace annotation services.k8s.aws/endpoint-url, with no AWS_ENDPOINT_URL* set', async () => {
    h.kube.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sm-endpoint', annotations: { 'services.k8s.aws/endpoint-url': h.aws.url } } });
    copyOf(
      ACK_V,
      'TrainingJob',
      'resnet50-finetune',
      'ack-own-endpoint',
      (o) => {
        o.spec.trainingJobName = JOBS.legacyTrainingCompleted;
        o.status.ackResourceMetadata.arn = arnOf('training-job', JOBS.legacyTrainingCompleted);
      },
      'sm-endpoint',
    );
    const r = await h.run(['wait', 'tj', 'ack-own-endpoint', '-n', 'sm-endpoint', '--interval', '100ms'], { env: { AWS_ENDPOINT_URL: undefined } });
    expect(lines(r.stderr)[0]).toBe(`waiting for trainingjobs.sagemaker.services.k8s.aws/ack-own-endpoint: training job ${JOBS.legacyTrainingCompleted} in us-west-2 (polling every 100ms)`);
    expect(r.code).toBe(0);
    expect(regionsOf(JOBS.legacyTrainingCompleted)).toEqual(['sagemaker us-west-2']);
  });
});

describe('ARN names: no Kubernetes at all', () => {
  beforeEach(() => clearLogs(h));

  it('logs, describe and wait by ARN without any kubeconfig; the region is the ARN\'s', async () => {
    const arn = arnOf('training-job', JOBS.legacyTrainingCompleted);
    const eu = `arn:aws:sagemaker:eu-west-1:111122223333:endpoint/${JOBS.ackEndpoint}`;
    const [r, d] = await Promise.all([h.run(['trainingjob', arn], { env: noKubeconfig() }), h.run(['describe', 'endpoint', eu, '-o', 'json'], { env: noKubeconfig(), via: 'kubectl' })]);
    expect(lines(r.stderr)[0]).toBe(`${arn}: training job ${JOBS.legacyTrainingCompleted} in us-west-2, Completed`);
    expect(r.stdout).toContain('algo-1 ');
    expect(r.code).toBe(0);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).sagemaker).toMatchObject({ name: JOBS.ackEndpoint, region: 'eu-west-1', account: '111122223333' });
    expect(h.kube.requests).toEqual([]);
    expect([...new Set(h.aws.requests.filter((q) => JSON.stringify(q.body).includes(JOBS.ackEndpoint)).map((q) => q.region))]).toEqual(['eu-west-1']);
  });

  it('2: an ARN of another kind, or not a SageMaker ARN', async () => {
    const arn = arnOf('endpoint', JOBS.ackEndpoint);
    const [r, bad] = await Promise.all([h.run(['trainingjob', arn], { env: noKubeconfig() }), h.run(['tj', 'arn:aws:s3:::bucket'], { env: noKubeconfig() })]);
    expect(r.stderr).toBe(`error: ${arn} is an endpoint ARN, but the kind asks for a training job\n`);
    expect(r.code).toBe(2);
    expect(bad.stderr).toBe('error: "arn:aws:s3:::bucket" is not a SageMaker ARN (arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME)\n');
    expect(bad.code).toBe(2);
  });
});

// ---- the account check of AWS failures (STS GetCallerIdentity) --------------------------------------

describe('AWS failures name the account mismatch (STS)', () => {
  const other = { AWS_ACCESS_KEY_ID: OTHER_KEY, AWS_SECRET_ACCESS_KEY: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
  const DESCRIBES = ['DescribeTrainingJob', 'DescribeHyperParameterTuningJob', 'DescribeTransformJob', 'DescribeProcessingJob', 'DescribeEndpoint'];
  const mismatch = `the job belongs to account 111122223333 but your credentials are for account ${OTHER_ACCOUNT}; pass --profile for the right account`;
  const deniedText = (op: string, region: string, resource: string) =>
    `User: arn:aws:iam::${OTHER_ACCOUNT}:user/smlogs-test is not authorized to perform: sagemaker:${op} on resource: arn:aws:sagemaker:${region}:111122223333:${resource} because no identity-based policy allows the sagemaker:${op} action`;

  beforeEach(() => {
    clearLogs(h);
    h.aws.setCallerAccount(OTHER_KEY, OTHER_ACCOUNT);
    h.aws.setFaults({ denied: Object.fromEntries(DESCRIBES.map((op) => [op, { fault: 'access-denied' as const, accessKeyIds: [OTHER_KEY] }])) });
  });
  afterEach(() => h.aws.setFaults({ denied: Object.fromEntries(DESCRIBES.map((op) => [op, null])) }));

  const stsCalls = () => h.aws.requests.filter((q) => q.service === 'sts').map((q) => `${q.operation} ${q.accessKeyId} ${q.region} ${q.status}`);

  it('AccessDenied with credentials of another account: describe, logs -f, an endpoint', async () => {
    const [r, f, logs, ep] = await Promise.all([
      h.run(['describe', 'tj', 'resnet50-finetune'], { env: other }),
      h.run(['tj', 'resnet50-finetune', '-f'], { env: other, via: 'kubectl' }),
      h.run(['tj', 'resnet50-finetune'], { env: other }),
      h.run(['describe', 'endpoint', 'churn-endpoint'], { env: other }),
    ]);
    expect(r.stderr).toBe(
      `error: not allowed to describe training job ${JOBS.ackTrainingInProgress} in us-west-2: ${deniedText('DescribeTrainingJob', 'us-west-2', `training-job/${JOBS.ackTrainingInProgress}`)}; ${mismatch}\n`,
    );
    expect(r.code).toBe(1);
    // One GetCallerIdentity per run, signed like the failed call.
    expect(stsCalls().sort()).toEqual([`GetCallerIdentity ${OTHER_KEY} us-east-1 200`, ...Array(3).fill(`GetCallerIdentity ${OTHER_KEY} us-west-2 200`)]);
    expect(lines(f.stderr)).toEqual([r.stderr.replace(/\n$/, '')]);
    expect(f.code).toBe(1);
    // Without --follow the logs are read anyway (only CloudWatch permissions are needed): a warning that says why.
    expect(lines(logs.stderr).slice(0, 2)).toEqual([
      `warning: cannot describe training job ${JOBS.ackTrainingInProgress}: ${deniedText('DescribeTrainingJob', 'us-west-2', `training-job/${JOBS.ackTrainingInProgress}`)}; ${mismatch}`,
      `trainingjobs.sagemaker.services.k8s.aws/resnet50-finetune: training job ${JOBS.ackTrainingInProgress} in us-west-2`,
    ]);
    expect(logs.code).toBe(0);
    expect(ep.stderr).toBe(
      `error: not allowed to describe endpoint churn-endpoint in us-east-1: ${deniedText('DescribeEndpoint', 'us-west-2', 'endpoint/churn-endpoint')}; the endpoint belongs to account 111122223333 but your credentials are for account ${OTHER_ACCOUNT}; pass --profile for the right account\n`,
    );
  });

  it('not found with credentials of another account (an ARN); with the right account the line says so', async () => {
    h.aws.setFaults({ denied: Object.fromEntries(DESCRIBES.map((op) => [op, null])) });
    const arn = arnOf('training-job', 'made-elsewhere');
    const [r, own] = await Promise.all([h.run(['describe', 'trainingjob', arn], { env: { ...noKubeconfig(), ...other } }), h.run(['describe', 'trainingjob', arn], { env: noKubeconfig() })]);
    expect(r.stderr).toBe(`error: training job made-elsewhere not found in SageMaker in us-west-2 (Requested resource not found.); ${mismatch}\n`);
    expect(r.code).toBe(1);
    expect(own.stderr).toBe('error: training job made-elsewhere not found in SageMaker in us-west-2 (Requested resource not found.); your credentials are for its account 111122223333, so check the name and the Region\n');
  });

  it('--profile: STS uses the same profile as SageMaker', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-aws-'));
    writeFileSync(path.join(dir, 'credentials'), `[other]\naws_access_key_id = ${OTHER_KEY}\naws_secret_access_key = ${other.AWS_SECRET_ACCESS_KEY}\n`);
    writeFileSync(path.join(dir, 'config'), '[profile other]\nregion = us-west-2\n');
    const env = { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config') };
    const r = await h.run(['describe', 'tj', 'resnet50-finetune', '--profile', 'other'], { env });
    expect(r.stderr).toMatch(new RegExp(`; ${mismatch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
    // describe lists the job's log streams meanwhile (CloudWatch Logs): with the same profile too.
    expect(h.aws.requests.filter((q) => q.service !== 'logs').map((q) => `${q.operation} ${q.accessKeyId}`)).toEqual([`DescribeTrainingJob ${OTHER_KEY}`, `GetCallerIdentity ${OTHER_KEY}`]);
    expect(new Set(h.aws.requests.map((q) => q.accessKeyId))).toEqual(new Set([OTHER_KEY]));
  });

  it('falls back to the resource\'s account when STS fails; asks nothing for a job of unknown account', async () => {
    h.aws.setFaults({ denied: { GetCallerIdentity: { fault: 'unrecognized-client', accessKeyIds: [OTHER_KEY] } } });
    try {
      const r = await h.run(['describe', 'tj', 'resnet50-finetune'], { env: other });
      expect(r.stderr).toBe(
        `error: not allowed to describe training job ${JOBS.ackTrainingInProgress} in us-west-2: ${deniedText('DescribeTrainingJob', 'us-west-2', `training-job/${JOBS.ackTrainingInProgress}`)}; the resource says it belongs to account 111122223333: if your credentials are for another account, pass --profile\n`,
      );
      expect(stsCalls()).toEqual([`GetCallerIdentity ${OTHER_KEY} us-west-2 403`]);
    } finally {
      h.aws.setFaults({ denied: { GetCallerIdentity: null } });
    }
    clearLogs(h);
    // The legacy operator records no account: nothing to compare.
    const legacy = await h.run(['describe', 'tj', 'churn-xgb'], { env: other });
    expect(legacy.stderr).toBe(`error: not allowed to describe training job ${JOBS.legacyTrainingCompleted} in us-east-1: ${deniedText('DescribeTrainingJob', 'us-west-2', `training-job/${JOBS.legacyTrainingCompleted}`)}\n`);
    expect(stsCalls()).toEqual([]);
  });
});
