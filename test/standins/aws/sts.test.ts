// STS GetCallerIdentity on the wire (the query protocol), the access-key → account map, and
// per-access-key auth faults (faults.denied with accessKeyIds).
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { trainingJob } from './builders';
import { ManualClock } from './clock';
import { defaultFaults, mergeFaults } from './faults';
import { startAwsStandIn, type AwsStandIn } from './server';
import { callerOf, CallerAccounts } from './sts-api';
import { T0 } from './test-support';

let standIns: AwsStandIn[] = [];
afterEach(async () => {
  await Promise.all(standIns.map((s) => s.close()));
  standIns = [];
});

async function start(opts: Parameters<typeof startAwsStandIn>[0] = {}): Promise<AwsStandIn> {
  const s = await startAwsStandIn({ clock: new ManualClock(T0), ...opts });
  standIns.push(s);
  return s;
}

const OTHER_KEY = 'AKIAI44QH8DHBEXAMPLE';
const OWN_KEY = 'AKIAIOSFODNN7EXAMPLE';
const auth = (key: string, service = 'sts', region = 'us-west-2') =>
  `AWS4-HMAC-SHA256 Credential=${key}/20260820/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' };
const identity = (s: AwsStandIn, key?: string, body = 'Action=GetCallerIdentity&Version=2011-06-15') =>
  post(s.url, body, { ...FORM, ...(key ? { Authorization: auth(key) } : {}) });

describe('STS GetCallerIdentity (query protocol)', () => {
  it('answers the XML document of the API, with the account of the access key (default: the scenario account)', async () => {
    const s = await start({ scenario: { accountId: '111122223333', callerAccounts: { [OTHER_KEY]: '444455556666' } } });
    const own = await identity(s, OWN_KEY);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('text/xml');
    const id = own.headers['x-amzn-requestid'];
    expect(own.body).toMatch(
      new RegExp(
        '^<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          '<Arn>arn:aws:iam::111122223333:user/smlogs-test</Arn><UserId>AIDA[0-9A-F]{17}</UserId><Account>111122223333</Account>' +
          `</GetCallerIdentityResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></GetCallerIdentityResponse>$`,
      ),
    );
    const other = await identity(s, OTHER_KEY);
    expect(other.body).toContain('<Arn>arn:aws:iam::444455556666:user/smlogs-test</Arn>');
    expect(other.body).toContain('<Account>444455556666</Account>');
    // Settable in code too; unsigned requests are the stand-in's own account.
    s.setCallerAccount(OWN_KEY, '777788889999');
    expect((await identity(s, OWN_KEY)).body).toContain('<Account>777788889999</Account>');
    expect((await identity(s)).body).toContain('<Account>111122223333</Account>');
    expect(s.callerAccounts.entries()).toEqual({ [OTHER_KEY]: '444455556666', [OWN_KEY]: '777788889999' });
  });

  it('records STS requests as service sts, with the caller and the signing region', async () => {
    const s = await start();
    await identity(s, OTHER_KEY);
    await post(s.url, 'Version=2011-06-15&Action=GetCallerIdentity', { Authorization: auth(OWN_KEY, 'sts', 'eu-west-1') });
    expect(s.requests.map((r) => [r.service, r.operation, r.body, r.status, r.accessKeyId, r.region])).toEqual([
      ['sts', 'GetCallerIdentity', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, 200, OTHER_KEY, 'us-west-2'],
      ['sts', 'GetCallerIdentity', { Version: '2011-06-15', Action: 'GetCallerIdentity' }, 200, OWN_KEY, 'eu-west-1'],
    ]);
  });

  it('answers unknown actions and versions with InvalidAction, a missing Version with MissingParameter, as ErrorResponse XML', async () => {
    const s = await start();
    const unknown = await identity(s, OWN_KEY, 'Action=AssumeRole&Version=2011-06-15');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toBe(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code>' +
        `<Message>Could not find operation AssumeRole for version 2011-06-15</Message></Error><RequestId>${unknown.headers['x-amzn-requestid']}</RequestId></ErrorResponse>`,
    );
    const version = await identity(s, OWN_KEY, 'Action=GetCallerIdentity&Version=2099-01-01');
    expect(version.body).toContain('<Code>InvalidAction</Code><Message>Could not find operation GetCallerIdentity for version 2099-01-01</Message>');
    const missing = await identity(s, OWN_KEY, 'Action=GetCallerIdentity');
    expect([missing.status, missing.body.includes('<Code>MissingParameter</Code>')]).toEqual([400, true]);
    expect(s.requests.map((r) => [r.operation, r.errorCode])).toEqual([['AssumeRole', 'InvalidAction'], ['GetCallerIdentity', 'InvalidAction'], ['GetCallerIdentity', 'MissingParameter']]);
    // Without a form Action it is not STS: the JSON services' answer.
    const json = await post(s.url, '{}', { 'Content-Type': 'application/x-amz-json-1.1' });
    expect(JSON.parse(json.body).__type).toBe('UnknownOperationException');
  });

  it('gives faults the query protocol codes: Throttling, InvalidClientTokenId (403), InternalFailure (Receiver)', async () => {
    const s = await start();
    s.failNext('GetCallerIdentity', 1, 'throttle');
    s.failNext('GetCallerIdentity', 1, 'unrecognized-client');
    s.failNext('GetCallerIdentity', 1, 'internal-error');
    const answers = [await identity(s, OWN_KEY), await identity(s, OWN_KEY), await identity(s, OWN_KEY), await identity(s, OWN_KEY)];
    expect(answers.map((a) => [a.status, /<Type>(\w+)<\/Type><Code>(\w+)<\/Code><Message>([^<]*)</.exec(a.body)?.slice(1)])).toEqual([
      [400, ['Sender', 'Throttling', 'Rate exceeded']],
      [403, ['Sender', 'InvalidClientTokenId', 'The security token included in the request is invalid.']],
      [500, ['Receiver', 'InternalFailure', 'An internal error occurred. Try again later.']],
      [200, undefined],
    ]);
    s.failNext('GetCallerIdentity', 1, 'drop-before-response');
    await expect(identity(s, OWN_KEY)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('per-access-key auth faults (faults.denied with accessKeyIds)', () => {
  it('denies an operation to the listed keys only, naming the caller of their account', async () => {
    const s = await start({
      scenario: { callerAccounts: { [OTHER_KEY]: '444455556666' }, jobs: [trainingJob({ name: 'job-a', lifecycle: { at: '-2h' } })] },
    });
    s.setFaults({ denied: { DescribeTrainingJob: { fault: 'access-denied', accessKeyIds: [OTHER_KEY] } } });
    const call = (key: string) =>
      post(s.url, '{"TrainingJobName":"job-a"}', { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'SageMaker.DescribeTrainingJob', Authorization: auth(key, 'sagemaker') });
    const denied = await call(OTHER_KEY);
    expect([denied.status, JSON.parse(denied.body)]).toEqual([
      400,
      {
        __type: 'AccessDeniedException',
        message:
          'User: arn:aws:iam::444455556666:user/smlogs-test is not authorized to perform: sagemaker:DescribeTrainingJob on resource: arn:aws:sagemaker:us-west-2:111122223333:training-job/job-a because no identity-based policy allows the sagemaker:DescribeTrainingJob action',
      },
    ]);
    expect((await call(OWN_KEY)).status).toBe(200);
    expect(s.requests.map((r) => [r.accessKeyId, r.status, r.fault])).toEqual([[OTHER_KEY, 400, 'access-denied'], [OWN_KEY, 200, undefined]]);
    // The plain form still denies everyone; null removes the rule.
    s.setFaults({ denied: { DescribeTrainingJob: 'unrecognized-client' } });
    expect(JSON.parse((await call(OWN_KEY)).body).__type).toBe('UnrecognizedClientException');
    s.setFaults({ denied: { DescribeTrainingJob: null } });
    expect((await call(OTHER_KEY)).status).toBe(200);
  });

  it('validates rules and caller accounts with one clear line', async () => {
    const fail = (p: string, problem: string): never => {
      throw new Error(`${p}: ${problem}`);
    };
    expect(() => mergeFaults(defaultFaults(), { denied: { X: { fault: 'nope', accessKeyIds: ['A'] } } }, fail)).toThrow('faults.denied.X.fault: must be "access-denied" or "unrecognized-client", got "nope"');
    expect(() => mergeFaults(defaultFaults(), { denied: { X: { fault: 'access-denied', accessKeyIds: [] } } }, fail)).toThrow('faults.denied.X.accessKeyIds: must be a non-empty list of access key ids, got []');
    expect(() => mergeFaults(defaultFaults(), { denied: { X: { fault: 'access-denied', keys: ['A'] } } } as never, fail)).toThrow('faults.denied.X.keys: unknown field (known: fault, accessKeyIds)');
    await expect(startAwsStandIn({ scenario: { callerAccounts: { [OTHER_KEY]: '4444' } } })).rejects.toThrow(`scenario: callerAccounts.${OTHER_KEY}: must be a 12-digit account, got "4444"`);
    await expect(startAwsStandIn({ scenario: { callerAccounts: { 'not a key': '444455556666' } } })).rejects.toThrow('scenario: callerAccounts.not a key: keys are access key ids (16-128 upper-case letters and digits)');
    expect(() => new CallerAccounts().set(OTHER_KEY, 'x')).toThrow(`callerAccounts: the account of ${OTHER_KEY} must be 12 digits, got "x"`);
  });

  it('reads the caller from a SigV4 Authorization header', () => {
    expect(callerOf(auth(OTHER_KEY, 'logs', 'eu-central-1'))).toEqual({ accessKeyId: OTHER_KEY, region: 'eu-central-1' });
    expect(callerOf(undefined)).toEqual({});
    expect(callerOf('Bearer x')).toEqual({});
  });

  it('reset() forgets caller accounts', async () => {
    const s = await start({ scenario: { callerAccounts: { [OTHER_KEY]: '444455556666' } } });
    s.reset();
    expect((await identity(s, OTHER_KEY)).body).toContain('<Account>111122223333</Account>');
  });
});
