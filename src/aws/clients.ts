import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { collectNodeBody } from './body-collector';
import { FastLogsProtocol } from './fast-logs-protocol';
import { sageMakerEndpointFor, type AwsSettings } from './settings';
import { traceClient } from './trace';

// Every retry is ours (see retry.ts): a retry is an API call that spends the same account-wide
// quota, so it must go through the same budget as the first attempt.
const COMMON = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  streamCollector: collectNodeBody,
} as const;

/** How the plugin configures its CloudWatch Logs client (shared with the engine's tests). */
export const LOGS_CLIENT_CONFIG = { ...COMMON, protocol: FastLogsProtocol } as const;

const logsClients = new Map<string, CloudWatchLogsClient>();
const sageMakerClients = new Map<string, SageMakerClient>();

export function logsClient(s: AwsSettings): CloudWatchLogsClient {
  const key = `${s.region}|${s.profile ?? ''}`;
  let c = logsClients.get(key);
  if (!c) {
    c = new CloudWatchLogsClient({ ...LOGS_CLIENT_CONFIG, region: s.region, ...(s.profile ? { profile: s.profile } : {}) });
    traceClient(c, { region: s.region, ...(s.profile ? { profile: s.profile } : {}), envId: 'CLOUDWATCH_LOGS' });
    logsClients.set(key, c);
  }
  return c;
}

export function sageMakerClient(s: AwsSettings): SageMakerClient {
  const endpoint = sageMakerEndpointFor(s);
  const key = `${s.region}|${s.profile ?? ''}|${endpoint ?? ''}`;
  let c = sageMakerClients.get(key);
  if (!c) {
    c = new SageMakerClient({ ...COMMON, region: s.region, ...(s.profile ? { profile: s.profile } : {}), ...(endpoint ? { endpoint } : {}) });
    traceClient(c, { region: s.region, ...(s.profile ? { profile: s.profile } : {}), ...(endpoint ? { endpoint } : {}), envId: 'SAGEMAKER' });
    sageMakerClients.set(key, c);
  }
  return c;
}

/**
 * The AWS account of the caller's credentials (STS GetCallerIdentity), with the same region,
 * profile and credential chain as the other clients (AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL are
 * honoured by the SDK). Undefined when STS cannot say. Only a failed SageMaker call asks, so the
 * STS client is loaded here, on first use, never at start-up.
 */
export async function callerAccount(s: Pick<AwsSettings, 'region' | 'profile'>, signal?: AbortSignal): Promise<string | undefined> {
  const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 }, region: s.region, ...(s.profile ? { profile: s.profile } : {}) });
  traceClient(client, { region: s.region, ...(s.profile ? { profile: s.profile } : {}), envId: 'STS' });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), signal ? { abortSignal: signal } : {});
    return out.Account;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** Closes pooled sockets so the process can exit promptly. */
export function destroyClients(): void {
  for (const c of logsClients.values()) c.destroy();
  for (const c of sageMakerClients.values()) c.destroy();
  logsClients.clear();
  sageMakerClients.clear();
}
