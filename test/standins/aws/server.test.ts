import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { trainingJob, tuningJob } from './builders';
import { ManualClock } from './clock';
import { StandInConfigError } from './errors';
import { startAwsStandIn, type AwsStandIn } from './server';
import { T0 } from './test-support';

let standIns: AwsStandIn[] = [];
afterEach(async () => {
  await Promise.all(standIns.map((s) => s.close()));
  standIns = [];
});

async function start(opts: Parameters<typeof startAwsStandIn>[0] = {}): Promise<AwsStandIn> {
  const s = await startAwsStandIn({ clock: new ManualClock(T0 + 3_600_000), ...opts });
  standIns.push(s);
  return s;
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(url: string, opts: { method?: string; path?: string; target?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.1', ...opts.headers };
    if (opts.target) headers['X-Amz-Target'] = opts.target;
    const req = http.request(url + (opts.path ?? '/'), { method: opts.method ?? 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('aborted'), { partial: body })));
    });
    req.on('error', reject);
    req.end(opts.body ?? '');
  });
}

const scenario = {
  jobs: [
    trainingJob({ name: 'job-a', lifecycle: { at: '-1h', training: '10m' }, logs: { generate: [{ count: 100 }] } }),
    tuningJob({ name: 'hpo', children: { count: 2 } }),
  ],
};

describe('protocol', () => {
  it('answers success with the JSON 1.1 content type and a request id, omitting absent members', async () => {
    const s = await start({ scenario });
    const r = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body: '{"TrainingJobName":"job-a"}' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(r.headers['x-amzn-requestid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(r.body).not.toContain('null');
    expect(JSON.parse(r.body).TrainingJobStatus).toBe('Completed');
  });

  it('answers errors as {"__type","message"} (+ "Message" for SageMaker modelled errors) with x-amzn-ErrorType', async () => {
    const s = await start({ scenario });
    const v = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body: '{"TrainingJobName":"nope"}' });
    expect([v.status, JSON.parse(v.body)]).toEqual([400, { __type: 'ValidationException', message: 'Requested resource not found.' }]);
    expect(v.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(v.headers['content-type']).toBe('application/x-amz-json-1.1');
    const n = await raw(s.url, { target: 'SageMaker.DescribeHyperParameterTuningJob', body: '{"HyperParameterTuningJobName":"nope"}' });
    const msg = "Amazon SageMaker can't find a tuning job called nope. Type another name.";
    expect(JSON.parse(n.body)).toEqual({ __type: 'ResourceNotFound', message: msg, Message: msg });
  });

  it('routes on X-Amz-Target case-insensitively; empty input is {}; Stop* answer {}', async () => {
    const s = await start({ scenario: { jobs: [trainingJob({ name: 'run', lifecycle: { training: '5h' } })] } });
    const r = await raw(s.url, { target: 'logs_20140328.describeloggroups', body: '' });
    expect([r.status, JSON.parse(r.body)]).toEqual([200, { logGroups: [] }]);
    const stop = await raw(s.url, { target: 'SageMaker.StopTrainingJob', body: '{"TrainingJobName":"run"}' });
    expect([stop.status, stop.body]).toEqual([200, '{}']);
    expect(s.requests.map((x) => x.operation)).toEqual(['DescribeLogGroups', 'StopTrainingJob']);
  });

  it('rejects unknown targets, other methods and paths, and bodies that are not JSON objects', async () => {
    const s = await start();
    const unknown = await raw(s.url, { target: 'Logs_20140328.PutLogEvents', body: '{}' });
    expect([unknown.status, JSON.parse(unknown.body).__type]).toEqual([400, 'UnknownOperationException']);
    const none = await raw(s.url, { body: '{}' });
    expect([none.status, JSON.parse(none.body).__type]).toEqual([400, 'UnknownOperationException']);
    const get = await raw(s.url, { method: 'GET' });
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
    const path = await raw(s.url, { path: '/v1/jobs', target: 'SageMaker.DescribeTrainingJob', body: '{}' });
    expect(path.status).toBe(404);
    const bad = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body: '{"TrainingJobName":' });
    expect([bad.status, JSON.parse(bad.body).__type]).toEqual([400, 'SerializationException']);
    const arr = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body: '[]' });
    expect(JSON.parse(arr.body).__type).toBe('SerializationException');
  });
});

describe('request log', () => {
  it('records every request in order with operation, body, SDK attempt and invocation id, status and error code', async () => {
    const s = await start({ scenario });
    await raw(s.url, {
      target: 'Logs_20140328.FilterLogEvents',
      body: '{"logGroupName":"/aws/sagemaker/TrainingJobs","limit":2}',
      headers: { 'amz-sdk-request': 'attempt=2; max=3', 'amz-sdk-invocation-id': 'abc-123' },
    });
    s.failNext('DescribeTrainingJob', 1, 'throttle');
    await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body: '{"TrainingJobName":"job-a"}' });
    const [a, b] = s.requests;
    expect(a).toMatchObject({
      seq: 1,
      service: 'logs',
      operation: 'FilterLogEvents',
      body: { logGroupName: '/aws/sagemaker/TrainingJobs', limit: 2 },
      attempt: 2,
      maxAttempts: 3,
      invocationId: 'abc-123',
      status: 200,
      clockTime: T0 + 3_600_000,
    });
    expect(a!.wallTime).toBeGreaterThan(Date.now() - 10_000);
    expect(b).toMatchObject({ seq: 2, service: 'sagemaker', operation: 'DescribeTrainingJob', status: 400, errorCode: 'ThrottlingException', fault: 'throttle' });
    expect(b!.attempt).toBeUndefined();
  });
});

describe('faults on the wire', () => {
  it('drops the connection before the response, or after the headers and half the body', async () => {
    const s = await start({ scenario });
    s.failNext('DescribeTrainingJob', 1, 'drop-before-response');
    s.failNext('DescribeTrainingJob', 1, 'drop-mid-response');
    const body = '{"TrainingJobName":"job-a"}';
    await expect(raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body })).rejects.toMatchObject({ code: 'ECONNRESET' });
    const mid = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body }).catch((e: { partial?: string; code?: string; message: string }) => e);
    expect(mid).toBeInstanceOf(Error);
    const full = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body });
    expect(full.status).toBe(200);
    expect(s.requests.map((r) => [r.status, r.fault])).toEqual([[0, 'drop-before-response'], [200, 'drop-mid-response'], [200, undefined]]);
  });

  it('adds x-amz-retry-after to throttles when configured, and latency to every call', async () => {
    const s = await start({ scenario });
    s.setFaults({ quotas: { DescribeTrainingJob: 1 }, retryAfterMs: 250, latencyMs: 60 });
    const body = '{"TrainingJobName":"job-a"}';
    const t0 = performance.now();
    const ok = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
    const thr = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body });
    expect([ok.status, thr.status, JSON.parse(thr.body), thr.headers['x-amz-retry-after']]).toEqual([200, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, '250']);
    expect(s.requests[1]!.fault).toBe('quota');
  });

  it('rejects bad fault settings at once', async () => {
    const s = await start();
    expect(() => s.setFaults({ throttleProbability: 7 })).toThrow('faults.throttleProbability: must be a probability between 0 and 1, got 7');
    expect(() => (s.faults = { nope: 1 } as never)).toThrow(/unknown fault setting/);
    s.faults.throttleProbability = 1; // the live object is mutable
    const r = await raw(s.url, { target: 'Logs_20140328.DescribeLogGroups', body: '{}' });
    expect(JSON.parse(r.body).__type).toBe('ThrottlingException');
  });
});

describe('lifecycle of the stand-in', () => {
  it('reports a busy port in one clear line', async () => {
    const a = await start();
    const err = await startAwsStandIn({ port: a.port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StandInConfigError);
    expect((err as Error).message).toBe(`port ${a.port} on 127.0.0.1 is already in use`);
  });

  it('validates the scenario before binding, and reset() clears state, faults and the request log', async () => {
    await expect(startAwsStandIn({ scenario: { jobs: [{ kind: 'training', name: '' } as never] } })).rejects.toThrow('scenario: jobs[0].name: must not be empty');
    const s = await start({ scenario });
    s.setFaults({ latencyMs: 5 });
    s.failNext('*', 3, 'throttle');
    await raw(s.url, { target: 'Logs_20140328.DescribeLogGroups', body: '{}' });
    s.reset();
    expect(s.requests).toHaveLength(0);
    expect(s.faults.latencyMs).toBe(0);
    expect(s.pendingFaults()).toEqual({});
    expect(s.sagemaker.list('training')).toEqual([]);
    const r = await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body: '{"TrainingJobName":"job-a"}' });
    expect(JSON.parse(r.body).message).toBe('Requested resource not found.');
    expect(s.requests[0]!.seq).toBe(1);
    s.loadScenario(scenario);
    expect((await raw(s.url, { target: 'SageMaker.DescribeTrainingJob', body: '{"TrainingJobName":"job-a"}' })).status).toBe(200);
    s.sagemaker.addJob(trainingJob({ name: 'added', lifecycle: { at: '-2h' }, logs: { generate: [{ count: 3 }] } }));
    expect(s.sagemaker.status('training', 'added')).toBe('Completed');
    expect(s.logs.streamNames('/aws/sagemaker/TrainingJobs', { prefix: 'added/' })).toHaveLength(1);
    expect(() => s.sagemaker.addJob(trainingJob({ name: 'added' }))).toThrow('addJob: jobs[0].name: a training job named "added" is already loaded');
  });

  it('closes promptly with keep-alive connections open and in-flight delayed requests', async () => {
    const s = await startAwsStandIn({ scenario });
    s.setFaults({ latencyMs: 10_000 });
    const agent = new http.Agent({ keepAlive: true });
    const pending = new Promise((resolve) => {
      const req = http.request(s.url, { method: 'POST', agent, headers: { 'X-Amz-Target': 'Logs_20140328.DescribeLogGroups' } }, resolve);
      req.on('error', resolve);
      req.end('{}');
    });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    await pending;
    agent.destroy();
  });
});

describe('admin API (for a stand-in in another process)', () => {
  it('exposes health, the request log, faults, failNext, scenarios, the manual clock and reset', async () => {
    const s = await start();
    const admin = async (method: string, path: string, body?: unknown) => {
      const r = await raw(s.url, { method, path: `/__standin/${path}`, body: body === undefined ? '' : JSON.stringify(body) });
      return { status: r.status, json: JSON.parse(r.body) };
    };
    expect((await admin('GET', 'health')).json).toMatchObject({ ok: true, url: s.url, clock: T0 + 3_600_000 });
    expect((await admin('POST', 'scenario', scenario)).json).toEqual({ ok: true });
    expect(s.sagemaker.has('training', 'job-a')).toBe(true);
    expect((await admin('POST', 'faults', { latencyMs: 1 })).json.faults.latencyMs).toBe(1);
    expect((await admin('POST', 'fail-next', { operation: 'GetLogEvents', count: 2, fault: 'throttle' })).json.pending).toEqual({ GetLogEvents: 2 });
    expect((await admin('POST', 'clock', { advanceMs: 1000 })).json.now).toBe(T0 + 3_601_000);
    await raw(s.url, { target: 'Logs_20140328.DescribeLogGroups', body: '{}' });
    const reqs = (await admin('GET', 'requests')).json;
    expect(reqs.map((r: { operation: string }) => r.operation)).toEqual(['DescribeLogGroups']);
    expect((await admin('GET', 'requests?since=1')).json).toEqual([]);
    expect((await admin('POST', 'scenario', { jobs: [{ kind: 'nope' }] })).status).toBe(400);
    expect((await admin('POST', 'reset')).json).toEqual({ ok: true });
    expect(s.requests).toHaveLength(0);
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });
});
