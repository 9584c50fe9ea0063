// STS GetCallerIdentity of the AWS stand-in through the real clients: `@aws-sdk/client-sts`
// (the plugin's account check) and the AWS CLI v2 (`aws sts get-caller-identity --endpoint-url`).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isolatedEnv, type IsolatedEnv } from '../helpers/env';
import { awsCliPath } from '../helpers/tools';
import { ManualClock, startAwsStandIn, trainingJob, type AwsStandIn } from '../standins/aws';

const T0 = Date.parse('2026-08-20T10:00:00.000Z');
const OWN = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const OTHER = { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };

let s: AwsStandIn;
let env: IsolatedEnv;

beforeAll(async () => {
  env = isolatedEnv({ region: 'us-west-2' });
  s = await startAwsStandIn({
    clock: new ManualClock(T0),
    scenario: { accountId: '111122223333', callerAccounts: { [OTHER.accessKeyId]: '444455556666' }, jobs: [trainingJob({ name: 'xgb', lifecycle: { at: '-2h' } })] },
  });
});
afterAll(async () => {
  await s?.close();
  env?.cleanup();
});
beforeEach(() => {
  s.requests.length = 0;
  s.setFaults({ denied: { GetCallerIdentity: null, DescribeTrainingJob: null } });
});

interface Failure {
  name: string;
  message: string;
  $fault: string;
  $metadata: { httpStatusCode: number };
}

async function caught(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    return e as Failure;
  }
  throw new Error('expected the call to fail');
}

function sts(credentials: typeof OWN, maxAttempts = 1): STSClient {
  return new STSClient({ endpoint: s.url, region: 'us-west-2', credentials, retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 10) });
}

function cli(args: string[], credentials: typeof OWN): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      awsCliPath(),
      ['--endpoint-url', s.url, '--region', 'us-west-2', '--output', 'json', ...args],
      { env: { ...env.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('STS through @aws-sdk/client-sts', () => {
  it('GetCallerIdentity: the account of each access key, the IAM user ARN, a request id', async () => {
    const own = await sts(OWN).send(new GetCallerIdentityCommand({}));
    expect([own.Account, own.Arn, own.UserId?.startsWith('AIDA'), own.$metadata.httpStatusCode, own.$metadata.requestId?.length]).toEqual([
      '111122223333',
      'arn:aws:iam::111122223333:user/smlogs-test',
      true,
      200,
      36,
    ]);
    const other = await sts(OTHER).send(new GetCallerIdentityCommand({}));
    expect([other.Account, other.Arn]).toEqual(['444455556666', 'arn:aws:iam::444455556666:user/smlogs-test']);
    expect(s.requests.map((r) => [r.service, r.operation, r.accessKeyId, r.status, r.attempt])).toEqual([
      ['sts', 'GetCallerIdentity', OWN.accessKeyId, 200, 1],
      ['sts', 'GetCallerIdentity', OTHER.accessKeyId, 200, 1],
    ]);
  });

  it('errors as the SDK surfaces them: name, message, 403, client fault; throttles are retried', async () => {
    s.setFaults({ denied: { GetCallerIdentity: { fault: 'unrecognized-client', accessKeyIds: [OTHER.accessKeyId] } } });
    const e = await caught(sts(OTHER).send(new GetCallerIdentityCommand({})));
    expect([e.name, e.message, e.$fault, e.$metadata.httpStatusCode]).toEqual(['InvalidClientTokenId', 'The security token included in the request is invalid.', 'client', 403]);
    s.failNext('GetCallerIdentity', 1, 'throttle');
    const retried = await sts(OWN, 2).send(new GetCallerIdentityCommand({}));
    expect([retried.Account, retried.$metadata.attempts]).toEqual(['111122223333', 2]);
  });

  it('a SageMaker call denied to one access key only, naming that key\'s account', async () => {
    s.setFaults({ denied: { DescribeTrainingJob: { fault: 'access-denied', accessKeyIds: [OTHER.accessKeyId] } } });
    const sm = (c: typeof OWN) => new SageMakerClient({ endpoint: s.url, region: 'us-west-2', credentials: c, maxAttempts: 1 });
    const e = await caught(sm(OTHER).send(new DescribeTrainingJobCommand({ TrainingJobName: 'xgb' })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toMatch(/^User: arn:aws:iam::444455556666:user\/smlogs-test is not authorized to perform: sagemaker:DescribeTrainingJob on resource: arn:aws:sagemaker:us-west-2:111122223333:training-job\/xgb/);
    expect((await sm(OWN).send(new DescribeTrainingJobCommand({ TrainingJobName: 'xgb' }))).TrainingJobStatus).toBe('Completed');
  });
});

describe('STS through the AWS CLI v2', () => {
  it('aws sts get-caller-identity --endpoint-url prints the identity of each access key', async () => {
    const own = await cli(['sts', 'get-caller-identity'], OWN);
    expect(own.code).toBe(0);
    expect(JSON.parse(own.stdout)).toEqual({ UserId: expect.stringMatching(/^AIDA[0-9A-F]{17}$/), Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/smlogs-test' });
    const other = await cli(['sts', 'get-caller-identity'], OTHER);
    expect(JSON.parse(other.stdout).Account).toBe('444455556666');
    expect(s.requests.map((r) => [r.service, r.operation, r.accessKeyId, r.region, r.userAgent?.startsWith('aws-cli/2.')])).toEqual([
      ['sts', 'GetCallerIdentity', OWN.accessKeyId, 'us-west-2', true],
      ['sts', 'GetCallerIdentity', OTHER.accessKeyId, 'us-west-2', true],
    ]);
  });

  it('prints STS errors in its standard form (exit 254)', async () => {
    s.setFaults({ denied: { GetCallerIdentity: { fault: 'unrecognized-client', accessKeyIds: [OTHER.accessKeyId] } } });
    const r = await cli(['sts', 'get-caller-identity'], OTHER);
    expect([r.code, r.stderr.trim()]).toEqual([254, 'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.']);
  });
});
