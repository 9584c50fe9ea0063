// Redaction of debug and error lines (src/core/redact.ts) and the -v trace's switch and secret
// registry (src/core/debug.ts).
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addSecret, debug, debugOn, scrub, setDebug } from '../../src/core/debug';
import { REDACTED, redact } from '../../src/core/redact';

const R = REDACTED;

// A throwaway key in the shapes a kubeconfig and a PEM file hold it.
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK', '-----END RSA PRIVATE KEY-----'].join('\n');
const CERT = ['-----BEGIN CERTIFICATE-----', 'MIIDBTCCAe2gAwIBAgIUWSwL5nQyJ9h1cFo1PpYkxwGsdHkwDQYJKoZIhvcNAQEL', '-----END CERTIFICATE-----'].join('\n');
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('redact: known values', () => {
  it('replaces every occurrence of a registered secret, the longest first', () => {
    expect(redact('token abcdef123 and abcdef123456 again abcdef123', ['abcdef123', 'abcdef123456'])).toBe(`token ${R} and ${R} again ${R}`);
  });

  it('ignores values too short to be told from ordinary words, and undefined ones', () => {
    expect(redact('user bob in us-east-1', ['bob', undefined, ''])).toBe('user bob in us-east-1');
  });

  it('a registered secret never survives, wherever it sits in the text (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9/+=_-]{6,40}$/).filter((s) => !R.includes(s)),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          expect(redact(`${before}${secret}${after}${secret}`, [secret])).not.toContain(secret);
        },
      ),
    );
  });
});

describe('redact: patterns', () => {
  it.each([
    ['Authorization: Bearer abc.def-ghi', `Authorization: ${R}`],
    ['authorization=Basic dXNlcjpwYXNz', `authorization=${R}`],
    ['{"Authorization":"Bearer eyfoo123456"}', `{"Authorization":"${R}"}`],
    ['Authorization: AWS4-HMAC-SHA256 Credential=AKIA/20260820/us-west-2/sagemaker/aws4_request, SignedHeaders=host, Signature=abc123', `Authorization: ${R}`],
    ['the server refused bearer Zm9vYmFyYmF6MTIz', `the server refused bearer ${R}`],
    ['k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9u expired', `k8s-aws-v1.${R} expired`],
    ['sa token eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJl here', `sa token ${R} here`],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps "bearer" and "token" as words', () => {
    for (const text of ['the API server wants a bearer token', 'bearer credentials', 'Unauthorized: token expired', 'nextToken=AAAA1234567890 NextToken: "x"', 'the specified nextToken is invalid']) {
      expect(redact(text)).toBe(text);
    }
  });

  it('PEM private keys (whole, cut short, or JSON-escaped); certificates stay', () => {
    expect(redact(`key:\n${PEM}\nafter`)).toBe(`key:\n-----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY-----\nafter`);
    expect(redact(PEM.slice(0, 90))).toBe(`-----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY-----`);
    expect(redact(JSON.stringify({ key: PEM }))).not.toContain('MIIEowIBAAKCAQEA');
    expect(redact(CERT)).toBe(CERT);
  });

  it('base64 client-key-data, but not base64 certificates', () => {
    expect(redact(`data ${b64(PEM)} end`)).toBe(`data ${R} end`);
    expect(redact(`ca ${b64(CERT)}`)).toBe(`ca ${b64(CERT)}`);
  });

  it('presigned URL signatures, credentials and security tokens; the rest of the URL stays', () => {
    const url =
      'https://b.s3.amazonaws.com/m.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20260820%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260820T100000Z&X-Amz-Expires=3600&X-Amz-Security-Token=FQoGZXIvYXdz&X-Amz-SignedHeaders=host&X-Amz-Signature=b1946ac9249';
    // A trailing full stop goes with the value: better one character too many than part of a signature.
    expect(redact(`at ${url}.`)).toBe(
      `at https://b.s3.amazonaws.com/m.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${R}&X-Amz-Date=20260820T100000Z&X-Amz-Expires=3600&X-Amz-Security-Token=${R}&X-Amz-SignedHeaders=host&X-Amz-Signature=${R}`,
    );
    expect(redact('https://x.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-08-21&sp=r&sig=abc%2Bdef%3D')).toBe(`https://x.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-08-21&sp=r&sig=${R}`);
    expect(redact('https://d1.cloudfront.net/a?Expires=1&Signature=abc~def&Key-Pair-Id=K2')).toBe(`https://d1.cloudfront.net/a?Expires=1&Signature=${R}&Key-Pair-Id=${R}`);
    expect(redact('x-amz-signature=abcdef0123')).toBe(`x-amz-signature=${R}`);
  });

  it.each([
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG', `aws_secret_access_key = ${R}`],
    ['aws_session_token=IQoJb3JpZ2lu', `aws_session_token=${R}`],
    ['export AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG"', `export AWS_SECRET_ACCESS_KEY="${R}"`],
    ['AWS_SESSION_TOKEN=IQoJb3JpZ2lu AWS_REGION=us-west-2', `AWS_SESSION_TOKEN=${R} AWS_REGION=us-west-2`],
    ['{"Version":1,"AccessKeyId":"AKIA","SecretAccessKey":"wJalr","SessionToken":"IQoJ"}', `{"Version":1,"AccessKeyId":"AKIA","SecretAccessKey":"${R}","SessionToken":"${R}"}`],
    ["{ secretAccessKey: 'wJalr', sessionToken: 'IQoJ' }", `{ secretAccessKey: '${R}', sessionToken: '${R}' }`],
    ['{"kind":"ExecCredential","status":{"token":"my-token-123"}}', `{"kind":"ExecCredential","status":{"token":"${R}"}}`],
    ['      token: kube-token-abc', `      token: ${R}`],
    ['    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==', `    client-key-data: ${R}`],
    ['    password: hunter22', `    password: ${R}`],
    ['--token=abcdef123456', `--token=${R}`],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves ordinary debug and error lines alone, and is idempotent', () => {
    const lines = [
      'kube: kubeconfig /home/u/.kube/config; context "prod", cluster "eks" at https://ABC.gr7.us-west-2.eks.amazonaws.com; user "arn:aws:eks:us-west-2:111122223333:cluster/prod" (exec plugin aws); namespace "ml-team" (from the context)',
      'kube: GET /apis/sagemaker.services.k8s.aws/v1alpha1/namespaces/ml-team/trainingjobs?limit=500 200 OK in 12 ms',
      'aws: SageMaker in us-west-2 at https://api.sagemaker.us-west-2.amazonaws.com (default); credentials: profile ml-prod, sso (temporary)',
      'aws: CloudWatchLogs GetLogEvents 400 ThrottlingException in 31 ms (attempt 2)',
      'trainingjobs.sagemaker.aws.amazon.com "churn-xgb" not found in namespace "ml-team"',
    ];
    for (const l of lines) expect(redact(l)).toBe(l);
    const messy = `Authorization: Bearer abcdefgh123 token: "xyz123456" ${PEM} ?X-Amz-Signature=abc`;
    expect(redact(redact(messy, ['abcdefgh123']), ['abcdefgh123'])).toBe(redact(messy, ['abcdefgh123']));
  });
});

describe('debug: the -v trace', () => {
  afterEach(() => {
    setDebug(false);
    vi.restoreAllMocks();
    delete process.env.AWS_SESSION_TOKEN;
  });

  it('writes nothing when off; one redacted `debug: ` line per event on stderr when on', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    debug('kube: GET /apis 200 OK in 3 ms');
    expect(debugOn()).toBe(false);
    expect(write).not.toHaveBeenCalled();
    setDebug(true);
    addSecret('registered-secret-1\n');
    debug('kube: user token registered-secret-1\nsecond line');
    expect(write.mock.calls.map((c) => c[0])).toEqual([`debug: kube: user token ${R}\\nsecond line\n`]);
    expect(out).not.toHaveBeenCalled();
  });

  it('scrub: registered secrets, the environment\'s AWS secrets and patterns', () => {
    addSecret(Buffer.from('buffer-secret-2'));
    addSecret('short');
    process.env.AWS_SESSION_TOKEN = 'env-session-token-3';
    expect(scrub('a buffer-secret-2 b env-session-token-3 c short d Bearer zzzz9999')).toBe(`a ${R} b ${R} c short d Bearer ${R}`);
  });
});
