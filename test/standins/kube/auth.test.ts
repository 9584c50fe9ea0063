import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { awsCliPath } from '../../helpers/tools';
import { isolatedEnv } from '../../helpers/env';
import { Authenticator, decodeAwsToken, verifyPresignedSts } from './auth';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A presigned STS GetCallerIdentity token as `aws eks get-token` builds it (SigV4 query signing). */
function makeToken(cluster: string, at: Date, opts: { key?: string; secret?: string; region?: string } = {}): string {
  const key = opts.key ?? KEY;
  const secret = opts.secret ?? SECRET;
  const region = opts.region ?? 'us-west-2';
  const amzDate = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const host = `sts.${region}.amazonaws.com`;
  const params: Array<[string, string]> = [
    ['Action', 'GetCallerIdentity'],
    ['Version', '2011-06-15'],
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${key}/${day}/${region}/sts/aws4_request`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', '60'],
    ['X-Amz-SignedHeaders', 'host;x-k8s-aws-id'],
  ];
  const enc = (s: string) => encodeURIComponent(s);
  const q = [...params].sort().map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const creq = ['GET', '/', q, `host:${host}\nx-k8s-aws-id:${cluster}\n`, 'host;x-k8s-aws-id', sha('')].join('\n');
  const sts = ['AWS4-HMAC-SHA256', amzDate, `${day}/${region}/sts/aws4_request`, sha(creq)].join('\n');
  const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
  const k = h(h(h(h(`AWS4${secret}`, day), region), 'sts'), 'aws4_request');
  const sig = createHmac('sha256', k).update(sts).digest('hex');
  const url = `https://${host}/?${q}&X-Amz-Signature=${sig}`;
  return `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}

describe('bearer tokens', () => {
  it('maps tokens to users and adds system:authenticated', () => {
    const a = new Authenticator();
    a.addToken('t1', 'alice', ['ml']);
    expect(a.token('t1')).toEqual({ ok: true, identity: { user: 'alice', groups: ['ml', 'system:authenticated'], authKind: 'token' } });
    expect(a.token('t2')).toEqual({ ok: false, reason: 'invalid bearer token' });
  });
});

describe('aws eks get-token tokens', () => {
  const now = new Date('2026-11-29T02:08:30Z');

  it('recovers x-k8s-aws-id by checking the signature, and maps the cluster to a user', () => {
    const a = new Authenticator();
    a.addUser({ name: 'sandbox-admin', groups: ['system:masters'], aws: { cluster: 'sandbox' } });
    a.addUser({ name: 'prod-viewer', aws: { cluster: 'prod' } });
    const t = makeToken('sandbox', now);
    const d = decodeAwsToken(t);
    if ('error' in d) throw new Error(d.error);
    expect(verifyPresignedSts(d.url, SECRET, 'sandbox')).toBe(true);
    expect(verifyPresignedSts(d.url, SECRET, 'prod')).toBe(false);
    expect(a.token(t, now)).toEqual({ ok: true, identity: { user: 'sandbox-admin', groups: ['system:masters', 'system:authenticated'], authKind: 'token' } });
    expect(a.token(makeToken('prod', now), now)).toMatchObject({ ok: true, identity: { user: 'prod-viewer' } });
  });

  it('an unknown cluster or key maps to the default user eks-admin, unless strict', () => {
    const a = new Authenticator();
    a.addUser({ name: 'sandbox-admin', aws: { cluster: 'sandbox' } });
    expect(a.token(makeToken('elsewhere', now), now)).toMatchObject({ ok: true, identity: { user: 'eks-admin', groups: ['system:masters', 'system:authenticated'] } });
    expect(a.token(makeToken('sandbox', now, { key: 'AKIAOTHER', secret: 'x' }), now)).toMatchObject({ ok: true, identity: { user: 'eks-admin' } });
    const strict = new Authenticator({ strict: true });
    strict.addUser({ name: 'sandbox-admin', aws: { cluster: 'sandbox' } });
    expect(strict.token(makeToken('elsewhere', now), now)).toEqual({ ok: false, reason: 'AWS token is not signed for a configured cluster with known credentials' });
    expect(strict.token(makeToken('sandbox', now), now)).toMatchObject({ ok: true, identity: { user: 'sandbox-admin' } });
  });

  it('maps by access key id too', () => {
    const a = new Authenticator();
    a.addUser({ name: 'ci', aws: { accessKeyId: 'AKIACI' } });
    expect(a.token(makeToken('x', now, { key: 'AKIACI', secret: 's' }), now)).toMatchObject({ ok: true, identity: { user: 'ci' } });
  });

  it('rejects expired, malformed and non-STS tokens', () => {
    const a = new Authenticator();
    expect(a.token(makeToken('sandbox', new Date(now.getTime() - 16 * 60e3)), now)).toEqual({ ok: false, reason: 'AWS token expired or dated in the future' });
    expect(new Authenticator({ checkExpiry: false }).token(makeToken('sandbox', new Date(0)), now).ok).toBe(true);
    expect(a.token('k8s-aws-v1.!!!', now)).toEqual({ ok: false, reason: 'AWS token is not base64url' });
    const evil = `k8s-aws-v1.${Buffer.from('https://evil.example.com/?Action=GetCallerIdentity').toString('base64url')}`;
    expect(a.token(evil, now)).toEqual({ ok: false, reason: 'AWS token URL host evil.example.com is not STS' });
    // A bad signature cannot be told from another cluster's, so only strict mode refuses it.
    const tampered = makeToken('sandbox', now).replace(/.{8}$/, Buffer.from('00000000').toString('base64url').slice(0, 8));
    const strict = new Authenticator({ strict: true });
    strict.addUser({ name: 'sandbox-admin', aws: { cluster: 'sandbox' } });
    expect(strict.token(makeToken('sandbox', now), now).ok).toBe(true);
    expect(strict.token(tampered, now).ok).toBe(false);
  });

  it('accepts what the real `aws eks get-token` prints (AWS CLI v2, offline, fake credentials)', () => {
    const env = isolatedEnv();
    try {
      const out = execFileSync(awsCliPath(), ['eks', 'get-token', '--cluster-name', 'sandbox', '--region', 'us-west-2'], { env: env.env, encoding: 'utf8' });
      const cred = JSON.parse(out);
      expect(cred.kind).toBe('ExecCredential');
      expect(cred.apiVersion).toBe('client.authentication.k8s.io/v1beta1');
      const a = new Authenticator();
      a.addUser({ name: 'sandbox-admin', aws: { cluster: 'sandbox' } });
      expect(a.token(cred.status.token)).toMatchObject({ ok: true, identity: { user: 'sandbox-admin' } });
    } finally {
      env.cleanup();
    }
  });
});
