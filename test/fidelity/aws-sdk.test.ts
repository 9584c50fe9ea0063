// The real AWS SDK for JavaScript v3 against the AWS stand-in: every operation the product uses, the
// token semantics it must cope with, errors as the SDK surfaces them, throttling, retries, lifecycle.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import {
  CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand,
  InvalidParameterException, paginateDescribeLogStreams, paginateFilterLogEvents, paginateGetLogEvents, ResourceNotFoundException,
  StartLiveTailCommand, type FilteredLogEvent, type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeEndpointCommand, DescribeHyperParameterTuningJobCommand, DescribeProcessingJobCommand, DescribeTrainingJobCommand,
  DescribeTransformJobCommand, ListTrainingJobsCommand, ListTrainingJobsForHyperParameterTuningJobCommand, paginateListTrainingJobsForHyperParameterTuningJob,
  ResourceNotFound, SageMakerClient, StopHyperParameterTuningJobCommand, StopProcessingJobCommand, StopTrainingJobCommand, StopTransformJobCommand,
  waitUntilTrainingJobCompletedOrStopped,
} from '@aws-sdk/client-sagemaker';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, describe, expect, it } from 'vitest';
import {
  endpoint, ManualClock, maxRequestsInWindow, processingJob, startAwsStandIn, trainingJob, trainingLogs, transformJob, tuningJob,
  type AwsScenario, type AwsStandIn,
} from '../standins/aws';

const T0 = Date.parse('2026-08-20T10:00:00.000Z');
const G = '/aws/sagemaker/TrainingJobs';
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

interface Env {
  s: AwsStandIn;
  clock: ManualClock;
  logs: CloudWatchLogsClient;
  sm: SageMakerClient;
}

async function setup(scenario?: AwsScenario, opts: { maxAttempts?: number; retries?: boolean; quotas?: boolean } = {}): Promise<Env> {
  const clock = new ManualClock(T0);
  const s = await startAwsStandIn({ clock, scenario });
  if (!opts.quotas) s.setFaults({ quotas: null });
  const common = {
    endpoint: s.url,
    region: 'us-west-2',
    credentials,
    // Fast retries (10 ms) so fault tests stay quick; attempts as asked.
    retryStrategy: new ConfiguredRetryStrategy(opts.maxAttempts ?? 3, 10),
  };
  const logs = new CloudWatchLogsClient(common);
  const sm = new SageMakerClient(common);
  cleanup.push(() => s.close(), () => logs.destroy(), () => sm.destroy());
  return { s, clock, logs, sm };
}

async function caught(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

const trainingScenario: AwsScenario = {
  jobs: [
    trainingJob({
      name: 'xgb',
      instanceCount: 3,
      lifecycle: { at: '-1h', starting: '60s', downloading: '30s', training: '10m', uploading: '15s' },
      metrics: { 'validation:rmse': 0.2143 },
      logs: trainingLogs({ perSecond: 5 }),
    }),
  ],
};

describe('CloudWatch Logs through the SDK', () => {
  it('FilterLogEvents: paginator collects every event once, interleaved; nextToken omitted on the last page', async () => {
    const { s, logs } = await setup(trainingScenario);
    const events: FilteredLogEvent[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 1000 }, { logGroupName: G, logStreamNamePrefix: 'xgb/' })) {
      pages++;
      expect(page.searchedLogStreams).toEqual([]);
      events.push(...(page.events ?? []));
    }
    expect(events).toHaveLength(3 * (7 + 3000));
    expect(pages).toBe(10);
    const last = s.requests.at(-1)!;
    expect(last.operation).toBe('FilterLogEvents');
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i]!.timestamp!).toBeGreaterThanOrEqual(events[i - 1]!.timestamp!);
    expect(new Set(events.slice(0, 30).map((e) => e.logStreamName)).size).toBe(3);
    const direct = await logs.send(new FilterLogEventsCommand({ logGroupName: G, logStreamNamePrefix: 'xgb/', limit: 10 }));
    expect(direct.nextToken).toEqual(expect.any(String));
    expect(direct.events![0]).toEqual({
      logStreamName: expect.stringMatching(/^xgb\/algo-1-\d{10}$/),
      timestamp: expect.any(Number),
      message: 'bash: cannot set terminal process group (-1): Inappropriate ioctl for device',
      ingestionTime: expect.any(Number),
      eventId: expect.stringMatching(/^\d{56}$/),
    });
  });

  it('GetLogEvents: newest page by default, forward paging to the same token at the end, paginator with stopOnSameToken', async () => {
    const { logs } = await setup(trainingScenario);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: G, logStreamNamePrefix: 'xgb/' }));
    const name = streams.logStreams![0]!.logStreamName!;
    const newest = await logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: name, limit: 5 }));
    expect(newest.events!.at(-1)!.message).toMatch(/^\[epoch 6\] step 500\/500 loss=/);
    const msgs: string[] = [];
    let token: string | undefined;
    for (;;) {
      const r = await logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: name, startFromHead: true, limit: 700, nextToken: token }));
      msgs.push(...r.events!.map((e) => e.message!));
      if (r.nextForwardToken === token) break;
      token = r.nextForwardToken;
    }
    expect(msgs).toHaveLength(3007);
    const viaPaginator: string[] = [];
    for await (const page of paginateGetLogEvents({ client: logs, pageSize: 1000, stopOnSameToken: true }, { logGroupName: G, logStreamName: name, startFromHead: true })) {
      viaPaginator.push(...page.events!.map((e) => e.message!));
    }
    expect(viaPaginator).toEqual(msgs);
  });

  it('late events: a forward token skips an older event ingested later; a fresh query finds it', async () => {
    const { s, clock, logs } = await setup({
      jobs: [trainingJob({ name: 'late', instanceCount: 2, lifecycle: { at: 0, starting: 0, downloading: 0, training: '10m' } })],
    });
    s.logs.putLogEvents(G, 'late/algo-1-1787220000', [1, 2, 3, 4].map((i) => ({ timestamp: T0 + i * 1000, message: `fast ${i}`, ingestionTime: T0 + i * 1000 + 200 })));
    s.logs.putLogEvents(G, 'late/algo-2-1787220000', [{ timestamp: T0 + 2500, message: 'slow', ingestionTime: T0 + 60_000 }]);
    clock.set(T0 + 4300);
    const p1 = await logs.send(new FilterLogEventsCommand({ logGroupName: G, logStreamNamePrefix: 'late/', limit: 3 }));
    expect(p1.events!.map((e) => e.message)).toEqual(['fast 1', 'fast 2', 'fast 3']);
    const g1 = await logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: 'late/algo-2-1787220000', startFromHead: true }));
    expect(g1.events).toEqual([]);
    clock.set(T0 + 61_000);
    const p2 = await logs.send(new FilterLogEventsCommand({ logGroupName: G, logStreamNamePrefix: 'late/', nextToken: p1.nextToken }));
    expect(p2.events!.map((e) => e.message)).toEqual(['fast 4']);
    expect(p2.nextToken).toBeUndefined();
    const fresh = await logs.send(new FilterLogEventsCommand({ logGroupName: G, logStreamNamePrefix: 'late/' }));
    expect(fresh.events!.map((e) => e.message)).toEqual(['fast 1', 'fast 2', 'slow', 'fast 3', 'fast 4']);
    // In its own stream the late event is after the (empty) stream's start, so GetLogEvents' token sees it.
    const g2 = await logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: 'late/algo-2-1787220000', startFromHead: true, nextToken: g1.nextForwardToken }));
    expect(g2.events!.map((e) => e.message)).toEqual(['slow']);
  });

  it('empty pages that carry a token, partial pages and a repeated token reach the SDK as such', async () => {
    const { s, logs } = await setup(trainingScenario);
    s.failNext('FilterLogEvents', 2, 'empty-page');
    s.failNext('FilterLogEvents', 1, 'partial-page');
    const counts: number[] = [];
    let n = 0;
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 5000 }, { logGroupName: G, logStreamNamePrefix: 'xgb/' })) {
      counts.push(page.events!.length);
      n += page.events!.length;
    }
    expect(counts.slice(0, 2)).toEqual([0, 0]);
    expect(counts[2]).toBeGreaterThan(0);
    expect(counts[2]).toBeLessThan(5000);
    expect(n).toBe(9021);
    expect(s.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual(['empty-page', 'empty-page', 'partial-page']);
    s.failNext('FilterLogEvents', 1, 'repeat-token');
    const a = await logs.send(new FilterLogEventsCommand({ logGroupName: G, logStreamNamePrefix: 'xgb/', limit: 10 }));
    const b = await logs.send(new FilterLogEventsCommand({ logGroupName: G, logStreamNamePrefix: 'xgb/', limit: 10, nextToken: a.nextToken }));
    expect(b.events!.map((e) => e.eventId)).toEqual(a.events!.map((e) => e.eventId));
  });

  it('DescribeLogStreams and DescribeLogGroups', async () => {
    const { logs } = await setup(trainingScenario);
    const names: string[] = [];
    for await (const page of paginateDescribeLogStreams({ client: logs, pageSize: 2 }, { logGroupName: G, logStreamNamePrefix: 'xgb/' })) {
      expect(page.logStreams!.length).toBeLessThanOrEqual(2);
      names.push(...page.logStreams!.map((x) => x.logStreamName!));
    }
    expect(names).toEqual([1, 2, 3].map((i) => expect.stringMatching(new RegExp(`^xgb/algo-${i}-\\d{10}$`))));
    const byTime = await logs.send(new DescribeLogStreamsCommand({ logGroupName: G, orderBy: 'LastEventTime', descending: true, limit: 1 }));
    expect(byTime.logStreams![0]).toMatchObject({ storedBytes: 0, arn: expect.stringContaining(':log-stream:xgb/') });
    expect(byTime.logStreams![0]!.lastIngestionTime!).toBeGreaterThanOrEqual(byTime.logStreams![0]!.lastEventTimestamp!);
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/sagemaker/' }));
    expect(groups.logGroups!.map((g) => g.logGroupName)).toEqual([G]);
  });

  it('errors: modelled classes with name, $fault and HTTP status', async () => {
    const { logs } = await setup(trainingScenario);
    const e1 = await caught(logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: 'nope' })));
    expect(e1).toBeInstanceOf(ResourceNotFoundException);
    expect([e1.name, e1.message, e1.$fault, e1.$metadata.httpStatusCode]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.', 'client', 400]);
    const e2 = await caught(logs.send(new GetLogEventsCommand({ logGroupName: '/aws/sagemaker/ProcessingJobs', logStreamName: 'x' })));
    expect([e2.name, e2.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
    const e3 = await caught(logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: 'x', limit: 20000 })));
    expect(e3).toBeInstanceOf(InvalidParameterException);
    expect(e3.message).toBe("1 validation error detected: Value '20000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
    const e4 = await caught(logs.send(new FilterLogEventsCommand({ logGroupName: G, logStreamNames: ['a'], logStreamNamePrefix: 'a' })));
    expect([e4.name, e4.$metadata.attempts]).toEqual(['InvalidParameterException', 1]);
    const e5 = await caught(logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: 'x', nextToken: 'f/0/s' })));
    expect(e5.name).toBe('ResourceNotFoundException');
    const e6 = await caught(logs.send(new DescribeLogStreamsCommand({ logGroupName: G, orderBy: 'LastEventTime', logStreamNamePrefix: 'xgb/' })));
    expect([e6.name, e6.message]).toEqual(['InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.']);
  });

  it('expired tokens are InvalidParameterException after 24 h of emulator time', async () => {
    const { clock, logs } = await setup(trainingScenario);
    const r = await logs.send(new FilterLogEventsCommand({ logGroupName: G, limit: 1 }));
    clock.advance(24 * 3600 * 1000 + 1);
    const e = await caught(logs.send(new FilterLogEventsCommand({ logGroupName: G, limit: 1, nextToken: r.nextToken })));
    expect([e.name, e.message]).toEqual(['InvalidParameterException', 'The specified nextToken is invalid.']);
  });
});

describe('throttling, 5xx, dropped connections and auth faults through the SDK', () => {
  it('enforces the per-operation quota with ThrottlingException "Rate exceeded" (no retries)', async () => {
    const { s, logs } = await setup(trainingScenario, { maxAttempts: 1, quotas: true });
    s.setFaults({ quotas: { FilterLogEvents: 3 } });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => logs.send(new FilterLogEventsCommand({ logGroupName: G, limit: 1 }))));
    const rejected = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(rejected).toHaveLength(5);
    expect(rejected.map((e) => [e.name, e.message, e.$fault, e.$metadata.httpStatusCode])).toEqual(Array(5).fill(['ThrottlingException', 'Rate exceeded', 'client', 400]));
    expect(s.requests.filter((r) => r.fault === 'quota')).toHaveLength(5);
  });

  it('lets the SDK retry throttles through to success, never above the quota', async () => {
    const { s, logs } = await setup(trainingScenario, { maxAttempts: 10, quotas: true });
    s.setFaults({ quotas: { GetLogEvents: 4 } });
    const name = s.logs.streamNames(G)[0]!;
    // The SDK's client-side retry budget (500 tokens, 5 per retry) is not the point here: a fresh
    // client per call, each retrying with a short fixed backoff.
    const calls = Array.from({ length: 10 }, () => {
      const c = new CloudWatchLogsClient({ endpoint: s.url, region: 'us-west-2', credentials, retryStrategy: new ConfiguredRetryStrategy(20, 120) });
      cleanup.push(() => c.destroy());
      return c.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: name, limit: 1 }));
    });
    const out = await Promise.all(calls);
    expect(Math.max(...out.map((r) => r.$metadata.attempts!))).toBeGreaterThan(1);
    const ok = s.requests.filter((r) => r.status === 200);
    expect(ok).toHaveLength(10);
    expect(maxRequestsInWindow(ok, 1000)).toBeLessThanOrEqual(4 + 4);
    void logs;
    // Retries of one call share an invocation id and count attempts up.
    const byId = new Map<string, number[]>();
    for (const r of s.requests) byId.set(r.invocationId!, [...(byId.get(r.invocationId!) ?? []), r.attempt!]);
    for (const attempts of byId.values()) expect(attempts).toEqual(attempts.map((_, i) => i + 1));
  });

  it.each([
    ['drop-before-response', 0],
    ['drop-mid-response', 200],
    ['internal-error', 500],
    ['unavailable', 503],
    ['throttle', 400],
  ] as const)('retries %s and succeeds on the next attempt', async (fault, status) => {
    const { s, sm } = await setup(trainingScenario);
    s.failNext('DescribeTrainingJob', 1, fault);
    const d = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'xgb' }));
    expect(d.$metadata.attempts).toBe(2);
    expect(d.TrainingJobStatus).toBe('Completed');
    expect(s.requests.map((r) => [r.attempt, r.status, r.fault])).toEqual([[1, status, fault], [2, 200, undefined]]);
  });

  it('surfaces exhausted 5xx as server faults and does not retry auth errors', async () => {
    const { s, sm, logs } = await setup(trainingScenario, { maxAttempts: 2 });
    s.failNext('DescribeTrainingJob', 2, 'internal-error');
    const e1 = await caught(sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'xgb' })));
    expect([e1.name, e1.$fault, e1.$metadata.httpStatusCode, e1.$metadata.attempts]).toEqual(['InternalFailure', 'server', 500, 2]);
    s.failNext('FilterLogEvents', 1, 'unavailable');
    s.failNext('FilterLogEvents', 1, 'unavailable');
    const e2 = await caught(logs.send(new FilterLogEventsCommand({ logGroupName: G })));
    expect([e2.name, e2.$fault, e2.$metadata.httpStatusCode]).toEqual(['ServiceUnavailableException', 'server', 503]);
    s.setFaults({ denied: { StopTrainingJob: 'access-denied', GetLogEvents: 'unrecognized-client' } });
    const e3 = await caught(sm.send(new StopTrainingJobCommand({ TrainingJobName: 'xgb' })));
    expect([e3.name, e3.$fault, e3.$metadata.attempts]).toEqual(['AccessDeniedException', 'client', 1]);
    expect(e3.message).toContain('is not authorized to perform: sagemaker:StopTrainingJob on resource: arn:aws:sagemaker:us-west-2:111122223333:training-job/xgb');
    const e4 = await caught(logs.send(new GetLogEventsCommand({ logGroupName: G, logStreamName: 'x' })));
    expect([e4.name, e4.message, e4.$metadata.attempts]).toEqual(['UnrecognizedClientException', 'The security token included in the request is invalid.', 1]);
  });
});

describe('SageMaker through the SDK', () => {
  const all: AwsScenario = {
    jobs: [
      trainingJob({
        name: 'spot-job',
        spot: { savings: 0.65 },
        instanceType: 'ml.g5.2xlarge',
        instanceCount: 2,
        lifecycle: { at: '-2h', starting: '61.493s', downloading: '30s', training: '20m', uploading: '15s' },
        metrics: [{ name: 'validation:rmse', value: 0.1234 }],
      }),
      tuningJob({ name: 'hpo', at: '-2h', maxParallel: 3, children: { count: 12, outcomes: ['Completed', 'Failed'] } }),
      transformJob({ name: 'bt', instanceCount: 2, lifecycle: { at: '-30m', starting: '3m', running: '10m' } }),
      processingJob({ name: 'pp', lifecycle: { at: '-5m', starting: '2m', running: '1h' } }),
      endpoint({ name: 'ep', lifecycle: { at: '-1h', creating: '8m' } }),
    ],
  };

  it('Describe* return the documented shapes with epoch-second timestamps parsed as Dates', async () => {
    const { sm } = await setup(all);
    const d = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'spot-job' }));
    expect(d.CreationTime).toEqual(new Date(T0 - 7_200_000));
    expect(d.TrainingStartTime).toEqual(new Date(T0 - 7_200_000 + 61_493));
    expect(d.SecondaryStatusTransitions!.map((t) => t.Status)).toEqual(['Starting', 'Downloading', 'Training', 'Uploading', 'Completed']);
    expect(d.SecondaryStatusTransitions![1]!.StartTime).toEqual(new Date(T0 - 7_200_000 + 61_493));
    expect(d.TrainingTimeInSeconds).toBe(30 + 20 * 60 + 15);
    expect(d.BillableTimeInSeconds).toBe(Math.floor(d.TrainingTimeInSeconds! * 0.35));
    expect(d.EnableManagedSpotTraining).toBe(true);
    expect(d.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 86400, MaxWaitTimeInSeconds: 172800 });
    expect(d.ResourceConfig).toEqual({ InstanceType: 'ml.g5.2xlarge', InstanceCount: 2, VolumeSizeInGB: 30 });
    expect(d.FinalMetricDataList).toEqual([{ MetricName: 'validation:rmse', Value: 0.1234, Timestamp: d.TrainingEndTime }]);

    const h = await sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo' }));
    expect(h.HyperParameterTuningJobStatus).toBe('Completed');
    expect(h.TrainingJobStatusCounters).toEqual({ Completed: 11, InProgress: 0, RetryableError: 0, NonRetryableError: 1, Stopped: 0 });
    expect(h.ObjectiveStatusCounters).toEqual({ Succeeded: 11, Pending: 0, Failed: 1 });
    expect(h.BestTrainingJob!.TrainingJobName).toMatch(/^hpo-\d{3}-[0-9a-f]{8}$/);

    const t = await sm.send(new DescribeTransformJobCommand({ TransformJobName: 'bt' }));
    expect([t.TransformJobStatus, t.TransformResources]).toEqual(['Completed', { InstanceType: 'ml.m5.large', InstanceCount: 2 }]);
    const p = await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'pp' }));
    expect([p.ProcessingJobStatus, p.ProcessingStartTime]).toEqual(['InProgress', new Date(T0 - 180_000)]);
    const e = await sm.send(new DescribeEndpointCommand({ EndpointName: 'ep' }));
    expect([e.EndpointStatus, e.ProductionVariants![0]!.VariantName]).toEqual(['InService', 'AllTraffic']);
  });

  it('lists tuning children (paginator, MaxResults default 10, sort by objective) and training jobs', async () => {
    const { sm, s } = await setup(all);
    const first = await sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo' }));
    expect(first.TrainingJobSummaries).toHaveLength(10);
    expect(first.NextToken).toEqual(expect.any(String));
    const names: string[] = [];
    for await (const page of paginateListTrainingJobsForHyperParameterTuningJob({ client: sm, pageSize: 5 }, { HyperParameterTuningJobName: 'hpo' })) {
      names.push(...page.TrainingJobSummaries!.map((x) => x.TrainingJobName!));
    }
    expect(names).toHaveLength(12);
    expect(names).toEqual([...names].sort());
    const byMetric = await sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo', SortBy: 'FinalObjectiveMetricValue', SortOrder: 'Descending', MaxResults: 100 }));
    expect(byMetric.TrainingJobSummaries).toHaveLength(11);
    const values = byMetric.TrainingJobSummaries!.map((x) => x.FinalHyperParameterTuningJobObjectiveMetric!.Value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const lt = await sm.send(new ListTrainingJobsCommand({ NameContains: 'spot', MaxResults: 5 }));
    expect(lt.TrainingJobSummaries!.map((x) => x.TrainingJobName)).toEqual(['spot-job']);
    expect(s.requests.every((r) => r.service === 'sagemaker')).toBe(true);
  });

  it('errors: ValidationException is unmodelled (SageMakerServiceException, branch on name); ResourceNotFound is modelled', async () => {
    const { sm } = await setup(all);
    const e1 = await caught(sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'missing' })));
    expect([e1.name, e1.message, e1.$fault, e1.$metadata.httpStatusCode]).toEqual(['ValidationException', 'Requested resource not found.', 'client', 400]);
    expect(e1.constructor.name).toBe('SageMakerServiceException');
    const e2 = await caught(sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'missing' })));
    expect(e2).toBeInstanceOf(ResourceNotFound);
    expect(e2.message).toBe("Amazon SageMaker can't find a tuning job called missing. Type another name.");
    const e3 = await caught(sm.send(new DescribeTransformJobCommand({ TransformJobName: 'missing' })));
    expect(e3.message).toBe('Could not find requested job with name missing');
    const e4 = await caught(sm.send(new DescribeEndpointCommand({ EndpointName: 'missing' })));
    expect(e4.message).toBe('Could not find endpoint "arn:aws:sagemaker:us-west-2:111122223333:endpoint/missing".');
    const e5 = await caught(sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'bad_name' })));
    expect(e5.message).toBe(
      "1 validation error detected: Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
    );
    const e6 = await caught(sm.send(new StopTrainingJobCommand({ TrainingJobName: 'spot-job' })));
    expect([e6.name, e6.message]).toEqual(['ValidationException', 'The request was rejected because the training job is in status Completed.']);
  });

  it('lifecycle under a ManualClock: statuses, transitions, Stop → Stopping → Stopped, and stops of every kind', async () => {
    const { sm, clock, s } = await setup({
      stopDelay: '40s',
      jobs: [
        trainingJob({ name: 'live', lifecycle: { at: 0, starting: '2m', downloading: '1m', training: '1h' } }),
        tuningJob({ name: 'hpo-live', maxParallel: 2, children: { count: 6, lifecycle: { training: '30m' } } }),
        transformJob({ name: 'bt-live', lifecycle: { starting: '1m', running: '1h' } }),
        processingJob({ name: 'pp-live', lifecycle: { starting: '1m', running: '1h' } }),
      ],
    });
    const status = async () => {
      const d = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'live' }));
      return [d.TrainingJobStatus, d.SecondaryStatus, d.SecondaryStatusTransitions!.length];
    };
    expect(await status()).toEqual(['InProgress', 'Starting', 1]);
    clock.advance(2 * 60_000);
    expect(await status()).toEqual(['InProgress', 'Downloading', 2]);
    clock.advance(60_000);
    expect(await status()).toEqual(['InProgress', 'Training', 3]);
    clock.advance(5 * 60_000);
    await sm.send(new StopTrainingJobCommand({ TrainingJobName: 'live' }));
    await sm.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo-live' }));
    await sm.send(new StopTransformJobCommand({ TransformJobName: 'bt-live' }));
    await sm.send(new StopProcessingJobCommand({ ProcessingJobName: 'pp-live' }));
    expect(await status()).toEqual(['Stopping', 'Stopping', 4]);
    const hs = await sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo-live' }));
    expect([hs.HyperParameterTuningJobStatus, hs.TrainingJobStatusCounters!.InProgress]).toEqual(['Stopping', 2]);
    clock.advance(40_000);
    expect(await status()).toEqual(['Stopped', 'Stopped', 5]);
    const d = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'live' }));
    expect(d.TrainingEndTime).toEqual(new Date(T0 + 8 * 60_000 + 40_000));
    expect(d.TrainingTimeInSeconds).toBe(6 * 60 + 40);
    const h = await sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo-live' }));
    expect([h.HyperParameterTuningJobStatus, h.TrainingJobStatusCounters]).toEqual(['Stopped', { Completed: 0, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 2 }]);
    expect((await sm.send(new DescribeTransformJobCommand({ TransformJobName: 'bt-live' }))).TransformJobStatus).toBe('Stopped');
    expect((await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'pp-live' }))).ProcessingJobStatus).toBe('Stopped');
    const again = await caught(sm.send(new StopTrainingJobCommand({ TrainingJobName: 'live' })));
    expect([again.name, again.message]).toEqual(['ValidationException', 'The request was rejected because the training job is in status Stopped.']);
    const stops = s.requests.filter((r) => r.operation.startsWith('Stop'));
    expect(stops.map((r) => [r.operation, r.status])).toEqual([
      ['StopTrainingJob', 200], ['StopHyperParameterTuningJob', 200], ['StopTransformJob', 200], ['StopProcessingJob', 200], ['StopTrainingJob', 400],
    ]);
  });

  it('the SDK waiter sees a terminal job', async () => {
    const { sm } = await setup(all);
    const r = await waitUntilTrainingJobCompletedOrStopped({ client: sm, maxWaitTime: 5, minDelay: 1 }, { TrainingJobName: 'spot-job' });
    expect(r.state).toBe('SUCCESS');
  });
});

describe('StartLiveTail through the SDK (event stream)', () => {
  const ARN = `arn:aws:logs:us-west-2:111122223333:log-group:${G}`;

  async function live(env: Env, input: ConstructorParameters<typeof StartLiveTailCommand>[0]) {
    // The SDK prefixes the host with "stream-": against 127.0.0.1 that must be disabled.
    const client = new CloudWatchLogsClient({ endpoint: env.s.url, region: 'us-west-2', credentials, disableHostPrefix: true, maxAttempts: 1 });
    cleanup.push(() => client.destroy());
    const r = await client.send(new StartLiveTailCommand(input));
    const it = r.responseStream![Symbol.asyncIterator]();
    const next = async (): Promise<StartLiveTailResponseStream> => (await it.next()).value;
    return { next, client };
  }

  it('starts a session, then sends only newly ingested events (no backfill), filtered, including new streams', async () => {
    const env = await setup(trainingScenario);
    env.s.setFaults({ liveTailUpdateMs: 50 });
    const { next } = await live(env, { logGroupIdentifiers: [ARN], logStreamNamePrefixes: ['xgb/', 'new/'], logEventFilterPattern: 'ERROR' });
    const start = await next();
    expect(start.sessionStart).toMatchObject({ sessionId: expect.any(String), logGroupIdentifiers: [ARN], logStreamNamePrefixes: ['xgb/', 'new/'], logEventFilterPattern: 'ERROR' });
    const first = await next();
    expect(first.sessionUpdate).toEqual({ sessionMetadata: { sampled: false }, sessionResults: [] });
    const now = env.clock.now();
    env.s.logs.putLogEvents(G, 'new/algo-1-1', [
      { timestamp: now - 5000, message: 'ERROR late but newly ingested', ingestionTime: now + 500 },
      { timestamp: now + 100, message: 'INFO filtered out', ingestionTime: now + 600 },
    ]);
    env.s.logs.putLogEvents(G, 'other/algo-1-1', [{ timestamp: now, message: 'ERROR other prefix', ingestionTime: now + 500 }]);
    env.clock.advance(1000);
    let update: StartLiveTailResponseStream;
    do update = await next();
    while (update.sessionUpdate!.sessionResults!.length === 0);
    expect(update.sessionUpdate!.sessionResults).toEqual([
      { logStreamName: 'new/algo-1-1', logGroupIdentifier: ARN, message: 'ERROR late but newly ingested', timestamp: now - 5000, ingestionTime: now + 500 },
    ]);
  });

  it('samples above 500 events per update and ends with SessionTimeoutException after 3 h', async () => {
    const env = await setup(trainingScenario);
    env.s.setFaults({ liveTailUpdateMs: 100 });
    const { next } = await live(env, { logGroupIdentifiers: [ARN] });
    await next();
    const now = env.clock.now();
    env.s.logs.putLogEvents(G, 'burst/algo-1-1', Array.from({ length: 1200 }, (_, i) => ({ timestamp: now + i, message: `burst ${i}`, ingestionTime: now + 1000 })));
    env.clock.advance(1000);
    let update: StartLiveTailResponseStream;
    do update = await next();
    while (update.sessionUpdate!.sessionResults!.length === 0);
    expect(update.sessionUpdate!.sessionMetadata).toEqual({ sampled: true });
    expect(update.sessionUpdate!.sessionResults).toHaveLength(500);
    env.clock.advance(3 * 3600 * 1000);
    const e = await (async () => {
      try {
        for (;;) await next();
      } catch (err) {
        return err as Error;
      }
    })();
    expect([e.name, e.message]).toEqual(['SessionTimeoutException', 'Session timed out after 3 hours.']);
  });

  it('rejects bad requests before streaming and limits concurrent sessions to 15', async () => {
    const env = await setup(trainingScenario);
    const client = new CloudWatchLogsClient({ endpoint: env.s.url, region: 'us-west-2', credentials, disableHostPrefix: true, maxAttempts: 1 });
    cleanup.push(() => client.destroy());
    const bad = (input: ConstructorParameters<typeof StartLiveTailCommand>[0]) => caught(client.send(new StartLiveTailCommand(input)));
    expect((await bad({ logGroupIdentifiers: [ARN], logStreamNames: ['a'], logStreamNamePrefixes: ['b'] })).name).toBe('InvalidParameterException');
    expect((await bad({ logGroupIdentifiers: [G] })).name).toBe('InvalidParameterException');
    expect((await bad({ logGroupIdentifiers: [`${ARN}:*`] })).name).toBe('InvalidParameterException');
    const nf = await bad({ logGroupIdentifiers: ['arn:aws:logs:us-west-2:111122223333:log-group:/nope'] });
    expect([nf.name, nf.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
    const sessions = await Promise.all(Array.from({ length: 15 }, () => live(env, { logGroupIdentifiers: [ARN] })));
    await Promise.all(sessions.map((x) => x.next()));
    const limit = await bad({ logGroupIdentifiers: [ARN] });
    expect([limit.name, limit.$metadata.httpStatusCode]).toEqual(['LimitExceededException', 400]);
    expect(env.s.requests.filter((r) => r.operation === 'StartLiveTail' && r.status === 200)).toHaveLength(15);
  });
});
