import {
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type CloudWatchLogsClient,
  type DescribeLogStreamsCommandInput,
  type DescribeLogStreamsCommandOutput,
  type FilterLogEventsCommandInput,
  type FilterLogEventsCommandOutput,
  type GetLogEventsCommandInput,
  type GetLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import pLimit, { type LimitFunction } from 'p-limit';
import { classifyAwsError } from '../aws/errors';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../aws/retry';
import type { CallBudget, LogsOperation } from './budget';

/**
 * The three CloudWatch Logs calls the engine makes, each through the run's one budget and the
 * retry policy. Nothing else in the engine talks to the SDK.
 */
export class LogsApi {
  /**
   * Calls in flight at once. Past a handful, more parallel pages buy no speed (the budget is the
   * limit) but each holds a response body of up to 1 MB and its parsed events in memory.
   */
  private readonly inFlight: LimitFunction;

  constructor(
    private readonly client: CloudWatchLogsClient,
    readonly budget: CallBudget,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly signal?: AbortSignal,
    maxInFlight = Number(process.env.SMLOGS_MAX_IN_FLIGHT ?? 6),
  ) {
    this.inFlight = pLimit(maxInFlight);
  }

  getLogEvents(input: GetLogEventsCommandInput): Promise<GetLogEventsCommandOutput> {
    return this.call('GetLogEvents', () => this.client.send(new GetLogEventsCommand(input), { abortSignal: this.signal }));
  }

  filterLogEvents(input: FilterLogEventsCommandInput): Promise<FilterLogEventsCommandOutput> {
    return this.call('FilterLogEvents', () => this.client.send(new FilterLogEventsCommand(input), { abortSignal: this.signal }));
  }

  describeLogStreams(input: DescribeLogStreamsCommandInput): Promise<DescribeLogStreamsCommandOutput> {
    return this.call('DescribeLogStreams', () => this.client.send(new DescribeLogStreamsCommand(input), { abortSignal: this.signal }));
  }

  private call<T>(op: LogsOperation, send: () => Promise<T>): Promise<T> {
    return withRetries(
      async () => {
        await this.budget.acquire(op, this.signal);
        let generation = 0;
        try {
          return await this.inFlight(() => {
            generation = this.budget.generation(op);
            return send();
          });
        } catch (e) {
          if (classifyAwsError(e) === 'throttled') this.budget.throttled(op, generation);
          throw e;
        }
      },
      this.retry,
      { signal: this.signal },
    );
  }
}

/** ResourceNotFoundException from Logs: the group (or stream) does not exist yet. */
export function isMissingLogResource(e: unknown): boolean {
  return classifyAwsError(e) === 'not-found';
}
