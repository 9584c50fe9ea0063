// The call budget as the engine uses it, against the stand-in: how throttling answers move it.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CallBudget } from '../../src/logs/budget';
import { LogsApi } from '../../src/logs/cloudwatch';
import { startAwsStandIn, type AwsStandIn } from '../standins/aws';
import { FAST_RETRY, sdkClient } from './engine-support';

let aws: AwsStandIn;
let client: CloudWatchLogsClient;
beforeAll(async () => {
  aws = await startAwsStandIn();
  client = sdkClient(aws);
});
afterAll(() => aws.close());

it('parallel calls throttled together halve the rate once, not once each', async () => {
  // Found by the soak: six GetLogEvents of a backfill throttled at once took the budget from
  // 24/s to its floor of 0.2/s, one call every five seconds for the rest of the backfill.
  const now = Date.now();
  for (let i = 1; i <= 6; i++) aws.logs.putLogEvents('/g', `s${i}`, [{ timestamp: now, message: `m${i}`, ingestionTime: now }]);
  aws.setFaults({ latencyMs: 30 });
  aws.failNext('GetLogEvents', 6, 'throttle');
  const budget = new CallBudget({ GetLogEvents: 24, FilterLogEvents: 5, DescribeLogStreams: 5 });
  const api = new LogsApi(client, budget, FAST_RETRY);
  const pages = await Promise.all(Array.from({ length: 6 }, (_, i) => api.getLogEvents({ logGroupName: '/g', logStreamName: `s${i + 1}`, startFromHead: true })));
  expect(pages.map((p) => p.events?.[0]?.message)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
  expect(budget.stats().GetLogEvents.throttles).toBe(6);
  expect(budget.rate('GetLogEvents')).toBeGreaterThanOrEqual(12);
  expect(budget.rate('GetLogEvents')).toBeLessThan(13);
});
