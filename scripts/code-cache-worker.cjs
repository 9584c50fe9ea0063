'use strict';
// Worker of scripts/code-cache.mjs: `node code-cache-worker.cjs DIST`. Loads DIST/kubectl-smlogs.cjs
// the way bin/kubectl-smlogs and the single executable do (vm.Script over Module.wrap(source)),
// runs representative commands in this process, then writes DIST/<name>.cache for every script
// that ran (the entry, and dist/verbs.cjs which src/cli/script-loader.ts registers here).
//
// The verbs run against a fake API server in this process (Kubernetes discovery and one legacy
// TrainingJob; SageMaker DescribeTrainingJob; CloudWatch Logs streams and events): what matters
// is which functions V8 compiles, not what the commands print, and any failure is ignored.
const fs = require('node:fs');
const http = require('node:http');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

// One line on failure, for the build's message (scripts/code-cache.mjs).
process.on('uncaughtException', (e) => {
  process.stderr.write(`code cache worker: ${String(e?.message ?? e).split('\n')[0]}\n`);
  process.exit(1);
});

// A command that fails asynchronously against the fake server has still compiled what it ran.
process.on('unhandledRejection', () => undefined);

const dist = path.resolve(process.argv[2] ?? 'dist');
// Each cache file starts with the build ID that the bundles' `/*smlogs:ID*/` banner carries.
const buildId = process.argv[3];
if (!/^[0-9a-f]{16}$/.test(buildId ?? '')) throw new Error('usage: code-cache-worker.cjs DIST BUILD_ID');
const producer = { scripts: new Map() };
globalThis.__SMLOGS_CODE_CACHE__ = producer;

const entryFile = path.join(dist, 'kubectl-smlogs.cjs');
const entry = new vm.Script(Module.wrap(fs.readFileSync(entryFile, 'utf8')), { filename: entryFile });
producer.scripts.set('kubectl-smlogs', entry);

process.stdout.setMaxListeners(0);
process.setMaxListeners(0);

/** Runs `kubectl-smlogs ...argv` in this process; resolves with its exit code (or 'timeout'). */
function runCli(argv, env, timeoutMs = 15_000) {
  const saved = { argv: process.argv, exit: process.exit, out: process.stdout.write, err: process.stderr.write, env: { ...process.env } };
  return new Promise((resolve) => {
    let done = false;
    const finish = (code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      process.argv = saved.argv;
      process.exit = saved.exit;
      process.stdout.write = saved.out;
      process.stderr.write = saved.err;
      for (const k of Object.keys(process.env)) if (!(k in saved.env)) delete process.env[k];
      Object.assign(process.env, saved.env);
      // Let the run's sockets and timers wind down before the next one.
      setTimeout(() => resolve(code), 20);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const swallow = (chunk, enc, cb) => {
      const f = typeof enc === 'function' ? enc : cb;
      if (f) process.nextTick(f);
      return true;
    };
    process.argv = [process.execPath, entryFile, ...argv];
    process.exit = (code) => finish(code ?? 0);
    process.stdout.write = swallow;
    process.stderr.write = swallow;
    Object.assign(process.env, env);
    const mod = { exports: {} };
    try {
      entry.runInThisContext().call(mod.exports, mod.exports, require, mod, entryFile, dist);
    } catch {
      finish('threw');
    }
  });
}

// ---- The fake API server -------------------------------------------------------------------
const T0 = Date.parse('2024-05-03T06:40:52Z');
const LEGACY = 'sagemaker.aws.amazon.com';
const ACK = 'sagemaker.services.k8s.aws';
const trainingJob = {
  apiVersion: `${LEGACY}/v1`,
  kind: 'TrainingJob',
  metadata: { name: 'warm', namespace: 'default', uid: '0c8e5a3d-71f2-4b9e-a6d0-94b2e1f7c365', resourceVersion: '1', creationTimestamp: new Date(T0).toISOString() },
  spec: {
    region: 'us-west-2',
    trainingJobName: 'warm-job',
    algorithmSpecification: { trainingImage: 'x', trainingInputMode: 'File' },
    resourceConfig: { instanceCount: 2, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 10 },
    roleArn: 'arn:aws:iam::111122223333:role/r',
    outputDataConfig: { s3OutputPath: 's3://b/o/' },
    stoppingCondition: { maxRuntimeInSeconds: 3600 },
  },
  status: { sageMakerTrainingJobName: 'warm-job', trainingJobStatus: 'Completed', secondaryStatus: 'Completed' },
};
const seconds = (ms) => ms / 1000;
const describeTrainingJob = {
  TrainingJobName: 'warm-job',
  TrainingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:training-job/warm-job',
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  CreationTime: seconds(T0),
  TrainingStartTime: seconds(T0 + 60_000),
  TrainingEndTime: seconds(T0 + 600_000),
  LastModifiedTime: seconds(T0 + 600_000),
  TrainingTimeInSeconds: 540,
  BillableTimeInSeconds: 300,
  EnableManagedSpotTraining: true,
  AlgorithmSpecification: { TrainingImage: 'x', TrainingInputMode: 'File' },
  RoleArn: 'arn:aws:iam::111122223333:role/r',
  ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2, VolumeSizeInGB: 10 },
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  OutputDataConfig: { S3OutputPath: 's3://b/o/' },
  ModelArtifacts: { S3ModelArtifacts: 's3://b/o/warm-job/output/model.tar.gz' },
  FinalMetricDataList: [{ MetricName: 'validation:auc', Value: 0.93, Timestamp: seconds(T0 + 590_000) }],
  SecondaryStatusTransitions: ['Starting', 'Downloading', 'Training', 'Uploading', 'Completed'].map((s, i) => ({
    Status: s,
    StartTime: seconds(T0 + i * 60_000),
    ...(s === 'Completed' ? {} : { EndTime: seconds(T0 + (i + 1) * 60_000) }),
    StatusMessage: `${s}`,
  })),
};
const streams = ['warm-job/algo-1-1714718452', 'warm-job/algo-2-1714718452'];
const events = (stream) =>
  Array.from({ length: 20 }, (_, i) => ({ timestamp: T0 + 60_000 + i * 1000, ingestionTime: T0 + 61_000 + i * 1000, message: `[${i}] epoch ${i} train-auc:0.9${i} \x1b[0m` })).map((e, i) => ({
    ...e,
    logStreamName: stream,
    eventId: `${stream.length}${i}`.padStart(56, '0'),
  }));

function kube(req, res, url) {
  const send = (status, body, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(JSON.stringify(body));
  };
  const notFound = () => send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found', details: { name: 'x' } });
  const p = url.pathname;
  if (p === '/version') return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.0' });
  if (p === '/apis') {
    const plurals = {
      [LEGACY]: ['trainingjobs', 'hyperparametertuningjobs', 'batchtransformjobs', 'processingjobs', 'hostingdeployments'],
      [ACK]: ['trainingjobs', 'hyperparametertuningjobs', 'transformjobs', 'processingjobs', 'endpoints'],
    };
    return send(
      200,
      {
        kind: 'APIGroupDiscoveryList',
        apiVersion: 'apidiscovery.k8s.io/v2',
        items: Object.entries(plurals).map(([g, ps]) => ({ metadata: { name: g }, versions: [{ version: g === LEGACY ? 'v1' : 'v1alpha1', resources: ps.map((r) => ({ resource: r, scope: 'Namespaced' })) }] })),
      },
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
  }
  if (p.startsWith('/api/v1/namespaces')) {
    if (p === '/api/v1/namespaces') return send(200, { kind: 'NamespaceList', items: [{ metadata: { name: 'default' } }] });
    return send(200, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'default', annotations: {} } });
  }
  if (p.startsWith('/apis/authorization.k8s.io/')) return send(201, { kind: 'SelfSubjectAccessReview', status: { allowed: true } });
  const m = /^\/apis\/([^/]+)\/[^/]+\/(?:namespaces\/[^/]+\/)?([^/]+)(?:\/([^/]+))?$/.exec(p);
  if (m && m[1] === LEGACY && m[2] === 'trainingjobs') return m[3] ? (m[3] === 'warm' ? send(200, trainingJob) : notFound()) : send(200, { kind: 'TrainingJobList', items: [trainingJob] });
  if (m && !m[3]) return send(200, { kind: 'List', items: [] });
  return notFound();
}

function aws(req, res, body) {
  const target = String(req.headers['x-amz-target'] ?? '');
  const op = target.split('.').pop();
  const input = body ? JSON.parse(body) : {};
  const send = (status, out) => {
    res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'warm' });
    res.end(JSON.stringify(out));
  };
  switch (op) {
    case 'DescribeTrainingJob':
      return send(200, describeTrainingJob);
    case 'DescribeLogStreams':
      return send(200, { logStreams: streams.map((s) => ({ logStreamName: s, creationTime: T0, firstEventTimestamp: T0 + 60_000, lastEventTimestamp: T0 + 80_000, lastIngestionTime: T0 + 81_000 })) });
    case 'GetLogEvents':
      return input.nextToken ? send(200, { events: [], nextForwardToken: input.nextToken, nextBackwardToken: 'b/0' }) : send(200, { events: events(input.logStreamName ?? streams[0]).map(({ timestamp, ingestionTime, message }) => ({ timestamp, ingestionTime, message })), nextForwardToken: 'f/1', nextBackwardToken: 'b/0' });
    case 'FilterLogEvents':
      return send(200, { events: streams.flatMap(events), searchedLogStreams: streams.map((s) => ({ logStreamName: s, searchedCompletely: true })) });
    default:
      return send(400, { __type: 'UnknownOperationException', message: `unknown operation ${target}` });
  }
}

function startServer() {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        const url = new URL(req.url, 'http://127.0.0.1');
        if (req.headers['x-amz-target']) aws(req, res, body);
        else kube(req, res, url);
      } catch {
        res.writeHead(500);
        res.end();
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const server = await startServer();
  const port = server.address().port;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'smlogs-cache-'));
  const kubeconfig = path.join(home, 'config');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: warm',
      'clusters:',
      `- name: warm`,
      `  cluster: {server: "http://127.0.0.1:${port}"}`,
      'users:',
      '- name: warm',
      '  user: {token: warm-token}',
      'contexts:',
      '- name: warm',
      '  context: {cluster: warm, user: warm, namespace: default}',
      '',
    ].join('\n'),
  );
  const env = {
    HOME: home,
    KUBECONFIG: kubeconfig,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-west-2',
    AWS_CONFIG_FILE: path.join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
  };
  // Light paths first (what every start runs): the entry's cache is taken after them, so that it
  // holds what help, version and completion need and little else (every start deserialises it).
  const light = [
    ['--help'],
    ['version'],
    ['logs', '--help'],
    ['describe', '--help'],
    ['completion', 'bash'],
    ['__complete', ''],
    ['__complete', 'describe', '-'],
    ['__complete', '--output='],
  ];
  for (const argv of light) await runCli(argv, env);
  const caches = new Map([['kubectl-smlogs', entry.createCachedData()]]);
  // Then the verbs.
  const runs = [
    ['__complete', 'trainingjob', ''],
    ['__complete', '-n', ''],
    ['describe', 'trainingjob', 'warm'],
    ['describe', 'trainingjob', 'warm', '-o', 'json'],
    ['logs', 'trainingjob', 'warm'],
    ['logs', 'trainingjob/warm', '--timestamps', '-o', 'json'],
    ['list'],
    ['wait', 'trainingjob', 'warm', '--timeout', '5s'],
    ['describe', 'trainingjob', 'warm'],
    ['logs', 'trainingjob', 'warm', '--since', '1h'],
  ];
  for (const argv of runs) await runCli(argv, env);
  server.close();
  fs.rmSync(home, { recursive: true, force: true });
  for (const [name, script] of producer.scripts) if (!caches.has(name)) caches.set(name, script.createCachedData());
  for (const [name, data] of caches) {
    // Only for the scripts of this build: a concurrent build may have replaced them meanwhile.
    if (!fs.readFileSync(path.join(dist, `${name}.cjs`), 'latin1').startsWith(`/*smlogs:${buildId}*/`)) continue;
    const file = path.join(dist, `${name}.cache`);
    fs.writeFileSync(`${file}.${process.pid}.tmp`, Buffer.concat([Buffer.from(buildId, 'latin1'), data]));
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  }
  // Sockets of the runs may linger: this process is done.
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`code cache worker: ${e?.message ?? e}\n`);
  process.exit(1);
});
