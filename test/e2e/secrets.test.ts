// -v's debug trace, as users run it, with known secrets planted everywhere a run handles them: a
// kubeconfig bearer token (and --token), a client-certificate user's key, an exec plugin's token
// (and a failing plugin that echoes tokens on stderr), AWS keys from the environment and from a
// profile, a broken kubeconfig whose parse error quotes a token, an AWS error quoting a presigned
// URL. The trace must be there (so these tests can fail) and no secret may be printed, in any
// form, on stdout or stderr; log messages on stdout are the user's data and stay exact.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type RunResult } from '../helpers/harness';
import { ANCHOR, clockAt, EXTRA, fixtureCluster, fixtureJobs } from './support/world';

let h: Harness;
let dir: string;

const KUBE_TOKEN = 'kubeTOKEN-7f3a9c1e5b2d4f60a8e1';
const FLAG_TOKEN = 'flagTOKEN-0c4b8e2f6a1d3e5f7b9c';
const REJECTED_TOKEN = 'rejectedTOKEN-5e7d9c1b3a2f4e6d';
const EXEC_TOKEN = 'execTOKEN-2b4d6f8a0c1e3a5c7e9f';
const ECHOED_ENV_TOKEN = 'echoedENV-9a8b7c6d5e4f3a2b1c0d';
const ECHOED_BEARER = 'echoedBEARER-1f2e3d4c5b6a7988';
const ECHOED_JSON = 'echoedJSON-8e7f6a5b4c3d2e1f0a9b';
const ECHOED_EKS = 'aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9uPUdldENhbGxlcklkZW50aXR5JlgtQW16LVNpZ25hdHVyZT1lY2hvZWQ';
const BROKEN_YAML_TOKEN = 'yamlTOKEN-4c6e8a0b2d4f6a8c0e2a';
const AWS_SECRET = 'awsSECRETkey/9Ab8Cd7Ef6Gh5Ij4Kl3Mn2Op1Qr0StUv';
const AWS_SESSION = 'IQoJb3JpZ2luX2VjEAWSSESSIONtoken/aB1cD2eF3gH4iJ5kL6mN7oP8qR9s';
const PROFILE_SECRET = 'profileSECRETkey/Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1';
const PROFILE_SESSION = 'FwoGZXIvYXdzEPROFILEsessionTOKEN/zY1xW2vU3tS4rQ5pO6';
const PRESIGNED_SIG = 'b1946ac92492d2347c6235b4d2611184a7f0e3c29dd21f9e1a5bd9e5c0f3a6d1';
const PRESIGNED_TOKEN = 'FQoGZXIvYXdzPRESIGNEDsecurityTOKEN';
const presignedUrl = (sig: string, token: string): string =>
  `https://models.s3.us-west-2.amazonaws.com/churn/model.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260820%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260820T100000Z&X-Amz-Expires=3600&X-Amz-Security-Token=${token}&X-Amz-SignedHeaders=host&X-Amz-Signature=${sig}`;

let keyPem = '';
let keyData = '';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** Every string that must never be printed: the secrets, their base64, the key's lines and slices of its base64. */
function forbidden(): string[] {
  const plain = [KUBE_TOKEN, FLAG_TOKEN, REJECTED_TOKEN, EXEC_TOKEN, ECHOED_ENV_TOKEN, ECHOED_BEARER, ECHOED_JSON, ECHOED_EKS, BROKEN_YAML_TOKEN, AWS_SECRET, AWS_SESSION, PROFILE_SECRET, PROFILE_SESSION, PRESIGNED_SIG, PRESIGNED_TOKEN];
  const keyLines = keyPem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'));
  // The base64 of "-----BEGIN PRIVATE KEY-----" is the same for every key: only the rest is secret.
  const dataSlices = [0, 1, 2, 3].map((i) => keyData.slice(60 + i * 200, 60 + i * 200 + 40));
  return [...plain, ...plain.map(b64), ...keyLines, ...dataSlices];
}

function expectNoSecrets(r: RunResult, also: readonly string[] = []): void {
  const all = `${r.stdout}\n${r.stderr}`;
  for (const s of [...forbidden(), ...also]) expect(all.includes(s), `${s} printed:\n${all}`).toBe(false);
}

function expectTrace(r: RunResult, { aws = true }: { aws?: boolean } = {}): void {
  const debugLines = r.stderr.split('\n').filter((l) => l.startsWith('debug: '));
  expect(debugLines.length, r.stderr).toBeGreaterThan(2);
  expect(r.stdout).not.toMatch(/^debug: /m);
  expect(r.stderr).toMatch(/^debug: kube: kubeconfig .+; context "[^"]+", cluster "[^"]+" at https:\/\/127\.0\.0\.1:\d+; user "[^"]+" \([^)]+\); namespace "ml-team" \(from the context\)$/m);
  expect(r.stderr).toMatch(/^debug: kube: GET \/apis\S* \d{3} [\w ]+ in \d+ ms$/m);
  if (aws) {
    expect(r.stderr).toMatch(/^debug: aws: SageMaker in us-[a-z]+-\d at http:\/\/127\.0\.0\.1:\d+ \(AWS_ENDPOINT_URL\); credentials: .+$/m);
    expect(r.stderr).toMatch(/^debug: aws: SageMaker Describe\w+ (200|\d{3} \w+) in \d+ ms \(attempt 1\)$/m);
  }
}

/** A kubeconfig for the stand-in with one user. */
function kubeconfig(name: string, user: Record<string, unknown>, raw?: (yaml: string) => string): string {
  const file = path.join(dir, name);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'standin', cluster: { server: h.kube.url, 'certificate-authority-data': b64(h.kube.caPem) } }],
    users: [{ name: 'someone', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'standin', user: 'someone', namespace: 'ml-team' } }],
    'current-context': 'ctx',
  };
  const text = YAML.stringify(doc);
  writeFileSync(file, raw ? raw(text) : text);
  return file;
}

let files: Record<'token' | 'cert' | 'exec' | 'execEchoEnv' | 'execEchoForms' | 'rejected' | 'broken', string>;
let execScript: string;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-secrets-'));
  h.kube.addTokenUser('token-user', KUBE_TOKEN, ['ml-engineers']);
  h.kube.addTokenUser('flag-user', FLAG_TOKEN, ['ml-engineers']);
  h.kube.addTokenUser('exec-user', EXEC_TOKEN, ['ml-engineers']);
  const cert = h.kube.issueClientCert('cert-user', ['ml-engineers']);
  keyPem = cert.keyPem;
  keyData = b64(cert.keyPem);

  execScript = path.join(dir, 'credential.js');
  writeFileSync(
    execScript,
    `const mode = process.env.MODE;
if (mode === 'echo-env') { process.stderr.write('error: refreshing cached token ' + process.env.CACHED_TOKEN + ' failed\\n  token ' + process.env.CACHED_TOKEN + ' expired\\n'); process.exit(1); }
if (mode === 'echo-forms') {
  process.stderr.write('error: Authorization: Bearer ${ECHOED_BEARER} was rejected; bearer ${ECHOED_BEARER}\\n');
  process.stderr.write(JSON.stringify({ kind: 'ExecCredential', status: { token: '${ECHOED_JSON}' } }) + '\\nk8s-aws-v1.${ECHOED_EKS}\\n');
  process.exit(1);
}
process.stdout.write(JSON.stringify({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1beta1', status: { token: '${EXEC_TOKEN}' } }));`,
  );
  const exec = (env: Record<string, string>) => ({ exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: process.execPath, args: [execScript], env: Object.entries(env).map(([name, value]) => ({ name, value })), interactiveMode: 'Never' } });
  files = {
    token: kubeconfig('token.yaml', { token: KUBE_TOKEN }),
    cert: kubeconfig('cert.yaml', { 'client-certificate-data': b64(cert.certPem), 'client-key-data': keyData }),
    exec: kubeconfig('exec.yaml', exec({ MODE: 'ok' })),
    execEchoEnv: kubeconfig('exec-echo-env.yaml', exec({ MODE: 'echo-env', CACHED_TOKEN: ECHOED_ENV_TOKEN })),
    execEchoForms: kubeconfig('exec-echo-forms.yaml', exec({ MODE: 'echo-forms' })),
    rejected: kubeconfig('rejected.yaml', { token: REJECTED_TOKEN }),
    // Bad indentation after the token: the YAML error quotes the lines around it.
    broken: kubeconfig('broken.yaml', { token: BROKEN_YAML_TOKEN }, (y) => y.replace(`token: ${BROKEN_YAML_TOKEN}`, `token: ${BROKEN_YAML_TOKEN}\n       oops: [`)),
  };

  // A profile with temporary keys in a shared credentials file.
  mkdirSync(path.join(h.home, '.aws'), { recursive: true });
  writeFileSync(path.join(h.home, '.aws', 'credentials'), `[ml-prod]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = ${PROFILE_SECRET}\naws_session_token = ${PROFILE_SESSION}\n`);
  writeFileSync(path.join(h.home, '.aws', 'config'), '[profile ml-prod]\nregion = us-west-2\n');

  // A log message quoting a presigned URL: user data, printed exactly on stdout.
  h.aws.logs.putLogEvents('/aws/sagemaker/TrainingJobs', `${EXTRA.stopped}/algo-1-1787220000`, [
    { timestamp: ANCHOR + 60_000, message: `uploading to ${presignedUrl('c0ffee' + PRESIGNED_SIG.slice(6), 'LOGMESSAGE' + PRESIGNED_TOKEN)}`, ingestionTime: ANCHOR + 61_000 },
  ]);
});
afterAll(() => h?.close());

const awsEnv = { AWS_SECRET_ACCESS_KEY: AWS_SECRET, AWS_SESSION_TOKEN: AWS_SESSION };
const withKube = (file: string): Record<string, string> => ({ KUBECONFIG: file, ...awsEnv });

describe('-v prints a debug trace and no secret', () => {
  it('logs, describe, list and stop --dry-run as a token user (-v and -v=9), with AWS keys from the environment', async () => {
    const env = withKube(files.token);
    const runs = await Promise.all([
      h.run(['trainingjob', 'churn-xgb', '-v'], { env }),
      h.run(['describe', 'trainingjob', 'churn-xgb', '-v=9'], { env }),
      h.run(['list', '-v'], { env }),
      h.run(['stop', 'trainingjob', 'resnet50-finetune', '--dry-run', '--v=9'], { env }),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expectTrace(r);
      expect(r.stderr).toMatch(/^debug: kube: .*user "someone" \(token\)/m);
      expect(r.stderr).toMatch(/credentials: env \(temporary\)$/m);
      expectNoSecrets(r);
    }
    const [logs, , list, stop] = runs;
    expect(logs!.stdout).toMatch(/^algo-1 /m);
    expect(logs!.stderr).toMatch(/^debug: aws: CloudWatchLogs GetLogEvents 200 in \d+ ms \(attempt 1\)$/m);
    expect(list!.stdout).toContain('churn-xgb');
    expect(stop!.stderr).toMatch(/^debug: kube: POST \/apis\/authorization\.k8s\.io\/v1\/selfsubjectaccessreviews 201 Created in \d+ ms$/m);
  });

  it('a client-certificate user, an exec-plugin user, --token, and a profile from the credentials file', async () => {
    const [cert, exec, flag, profile] = await Promise.all([
      h.run(['describe', 'trainingjob', 'churn-xgb', '-v'], { env: withKube(files.cert) }),
      h.run(['trainingjob', 'churn-xgb', '-v'], { env: withKube(files.exec) }),
      h.run(['describe', 'trainingjob', 'churn-xgb', '-v', '--token', FLAG_TOKEN], { env: withKube(files.rejected) }),
      h.run(['describe', 'trainingjob', 'churn-xgb', '-v', '--profile', 'ml-prod'], { env: { KUBECONFIG: files.token, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } }),
    ]);
    for (const r of [cert, exec, flag, profile]) {
      expect(r.code, r.stderr).toBe(0);
      expectTrace(r);
      expectNoSecrets(r);
    }
    expect(cert.stderr).toMatch(/user "someone" \(client certificate\)/);
    expect(exec.stderr).toMatch(/user "someone" \(exec plugin node\)/);
    expect(flag.stderr).toMatch(/user "someone" \(token\)/);
    expect(profile.stderr).toMatch(/credentials: profile ml-prod \(temporary\)$/m);
    expect(h.kube.requests.some((q) => q.user === 'cert-user' && q.authKind === 'cert')).toBe(true);
    expect(h.kube.requests.some((q) => q.user === 'exec-user')).toBe(true);
  });

  it('failing exec plugins that echo tokens, a rejected token and a broken kubeconfig: the error lines and the causes are redacted', async () => {
    // quoted: the output had a secret to redact (so the case tests something).
    const cases = [
      ['exec echoing its env', files.execEchoEnv, /^error: getting credentials for user "someone" \(context "ctx"\) failed: error: refreshing cached token <redacted> failed$/m, true],
      ['exec echoing tokens', files.execEchoForms, /^error: getting credentials for user "someone" \(context "ctx"\) failed: error: Authorization: <redacted>$/m, true],
      ['rejected token', files.rejected, /^error: the Kubernetes API server \S+ rejected the credentials of user "someone" in context "ctx" \(401 Unauthorized\)/m, false],
      ['broken kubeconfig', files.broken, /^error: cannot load kubeconfig .*broken\.yaml: /m, true],
    ] as const;
    for (const [what, file, line, quoted] of cases) {
      const [verbose, quiet, nine] = await Promise.all([
        h.run(['describe', 'trainingjob', 'churn-xgb', '-v'], { env: withKube(file) }),
        h.run(['describe', 'trainingjob', 'churn-xgb'], { env: withKube(file) }),
        h.run(['describe', 'trainingjob', 'churn-xgb', '-v=9'], { env: withKube(file) }),
      ]);
      for (const r of [verbose, quiet, nine]) {
        expect(r.code, `${what}: ${r.stderr}`).toBe(1);
        expect(r.stderr, what).toMatch(line);
        expectNoSecrets(r);
      }
      expect(quiet.stderr.split('\n').filter(Boolean), what).toHaveLength(1);
      // -v adds the cause (the plugin's whole stderr, the server's answer, the YAML excerpt), redacted.
      expect(verbose.stderr.split('\n').length, what).toBeGreaterThan(3);
      expect(verbose.stderr, what).toMatch(/\n\s+at /);
      if (quoted) expect(verbose.stderr, what).toContain('<redacted>');
    }
  });

  it('an AWS error quoting a presigned URL: the error line and its cause are redacted', async () => {
    for (const args of [['describe', 'trainingjob', 'churn-xgb', '-v'], ['trainingjob', 'churn-xgb']]) {
      h.aws.failNext('DescribeTrainingJob', 1, { status: 400, code: 'ValidationException', message: `Cannot read the model artifacts at ${presignedUrl(PRESIGNED_SIG, PRESIGNED_TOKEN)}` });
      const r = await h.run(args, { env: withKube(files.token) });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^error: could not describe training job churn-xgb-2022-05-03-a in us-east-1: ValidationException: Cannot read the model artifacts at https:\/\/models\.s3\.us-west-2\.amazonaws\.com\/churn\/model\.tar\.gz\?\S*X-Amz-Security-Token=<redacted>&\S*X-Amz-Signature=<redacted>$/m);
      if (args.includes('-v')) expect(r.stderr).toMatch(/^debug: aws: SageMaker DescribeTrainingJob 400 ValidationException in \d+ ms \(attempt 1\)$/m);
      expectNoSecrets(r);
    }
  });

  it('log messages are user data: a presigned URL in a message is printed exactly on stdout, and never on stderr', async () => {
    const arn = `arn:aws:sagemaker:us-west-2:111122223333:training-job/${EXTRA.stopped}`;
    const r = await h.run(['logs', 'trainingjob', arn, '-v'], { env: withKube(files.token) });
    expect(r.code, r.stderr).toBe(0);
    const message = `uploading to ${presignedUrl('c0ffee' + PRESIGNED_SIG.slice(6), 'LOGMESSAGE' + PRESIGNED_TOKEN)}`;
    expect(r.stdout).toContain(message);
    expect(r.stderr).not.toContain(PRESIGNED_SIG.slice(6));
    expect(r.stderr).toMatch(/^debug: aws: CloudWatchLogs \w+ 200 in \d+ ms \(attempt 1\)$/m);
  });
});

describe('without -v', () => {
  it('no debug line appears, on any verb', async () => {
    const env = withKube(files.token);
    const runs = await Promise.all([
      h.run(['trainingjob', 'churn-xgb'], { env }),
      h.run(['describe', 'trainingjob', 'churn-xgb'], { env }),
      h.run(['list'], { env }),
      h.run(['stop', 'trainingjob', 'resnet50-finetune', '--dry-run'], { env }),
      h.run(['wait', 'trainingjob', 'churn-xgb'], { env }),
    ]);
    for (const r of runs) {
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/^debug: /m);
      expectNoSecrets(r);
    }
    expect(runs[0]!.code).toBe(0);
  });
});
