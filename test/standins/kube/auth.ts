// Authentication: client certificates, bearer tokens, and `aws eks get-token` tokens (k8s-aws-v1.…),
// with kube-apiserver's union semantics (any method that succeeds wins; a presented credential that
// fails everywhere is a 401, as is no credential at all outside the public endpoints).

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AwsTokenOptions, Identity, ScenarioUser } from './types';

export const AWS_TOKEN_PREFIX = 'k8s-aws-v1.';

/** The AWS documentation's example key pair, which test/helpers/env.ts puts in every child environment. */
export const EXAMPLE_AWS_CREDENTIALS = [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }];

/** Paths that system:anonymous may read (system:public-info-viewer). */
export const PUBLIC_PATHS = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

export type AuthResult = { ok: true; identity: Identity } | { ok: false; reason: string };

interface TokenEntry {
  user: string;
  groups: string[];
}

export class Authenticator {
  private readonly tokens = new Map<string, TokenEntry>();
  private awsUsers: Array<{ user: string; groups: string[]; cluster?: string; accessKeyId?: string }> = [];
  aws: Required<AwsTokenOptions>;

  constructor(aws: AwsTokenOptions = {}) {
    this.aws = {
      defaultUser: aws.defaultUser ?? 'eks-admin',
      defaultGroups: aws.defaultGroups ?? ['system:masters'],
      credentials: aws.credentials ?? EXAMPLE_AWS_CREDENTIALS,
      checkExpiry: aws.checkExpiry ?? true,
      strict: aws.strict ?? false,
    };
  }

  addToken(token: string, user: string, groups: string[] = []): void {
    this.tokens.set(token, { user, groups });
  }

  addUser(u: ScenarioUser): void {
    for (const t of u.tokens ?? []) this.addToken(t, u.name, u.groups ?? []);
    if (u.aws) {
      const entry: { user: string; groups: string[]; cluster?: string; accessKeyId?: string } = { user: u.name, groups: u.groups ?? [] };
      if (u.aws.cluster !== undefined) entry.cluster = u.aws.cluster;
      if (u.aws.accessKeyId !== undefined) entry.accessKeyId = u.aws.accessKeyId;
      this.awsUsers.push(entry);
    }
  }

  /** Authenticate a bearer token. */
  token(token: string, now: Date = new Date()): AuthResult {
    const t = this.tokens.get(token);
    if (t) return { ok: true, identity: withAuthenticated({ user: t.user, groups: t.groups, authKind: 'token' }) };
    if (token.startsWith(AWS_TOKEN_PREFIX)) return this.awsToken(token, now);
    return { ok: false, reason: 'invalid bearer token' };
  }

  /**
   * An `aws eks get-token` token: base64url of a presigned STS GetCallerIdentity URL whose signature
   * covers the header x-k8s-aws-id: <cluster>. When the signing key is known (by default the example
   * credentials the tests use) the signature is checked and the cluster recovered; otherwise the
   * token is accepted on its form alone.
   */
  awsToken(token: string, now: Date = new Date()): AuthResult {
    const decoded = decodeAwsToken(token);
    if ('error' in decoded) return { ok: false, reason: decoded.error };
    const { url, accessKeyId, date } = decoded;
    if (this.aws.checkExpiry) {
      const age = now.getTime() - date.getTime();
      if (age > 15 * 60 * 1000 || age < -5 * 60 * 1000) return { ok: false, reason: 'AWS token expired or dated in the future' };
    }
    const secret = this.aws.credentials.find((c) => c.accessKeyId === accessKeyId)?.secretAccessKey;
    let cluster: string | undefined;
    if (secret !== undefined) {
      const candidates = [...new Set(this.awsUsers.map((u) => u.cluster).filter((c): c is string => c !== undefined))];
      cluster = candidates.find((c) => verifyPresignedSts(url, secret, c));
    }
    if (this.aws.strict && cluster === undefined) {
      return { ok: false, reason: 'AWS token is not signed for a configured cluster with known credentials' };
    }
    const match = this.awsUsers.find(
      (u) => (u.cluster === undefined || u.cluster === cluster) && (u.accessKeyId === undefined || u.accessKeyId === accessKeyId),
    );
    const identity: Identity = match
      ? { user: match.user, groups: match.groups, authKind: 'token' }
      : { user: this.aws.defaultUser, groups: this.aws.defaultGroups, authKind: 'token' };
    return { ok: true, identity: withAuthenticated(identity) };
  }
}

export function withAuthenticated(i: Identity): Identity {
  const groups = [...i.groups];
  if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
  return { ...i, groups };
}

export const ANONYMOUS: Identity = { user: 'system:anonymous', groups: ['system:unauthenticated'], authKind: 'none' };

export interface DecodedAwsToken {
  url: URL;
  accessKeyId: string;
  region: string;
  date: Date;
}

export function decodeAwsToken(token: string): DecodedAwsToken | { error: string } {
  if (!token.startsWith(AWS_TOKEN_PREFIX)) return { error: 'not a k8s-aws-v1 token' };
  const b64 = token.slice(AWS_TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(b64)) return { error: 'AWS token is not base64url' };
  let url: URL;
  try {
    url = new URL(Buffer.from(b64, 'base64url').toString('utf8'));
  } catch {
    return { error: 'AWS token does not hold a URL' };
  }
  if (url.protocol !== 'https:' || !/^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/.test(url.hostname)) {
    return { error: `AWS token URL host ${url.hostname} is not STS` };
  }
  const q = url.searchParams;
  if (q.get('Action') !== 'GetCallerIdentity') return { error: 'AWS token is not a GetCallerIdentity request' };
  const signed = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (!signed.includes('x-k8s-aws-id')) return { error: 'AWS token does not sign x-k8s-aws-id' };
  const cred = (q.get('X-Amz-Credential') ?? '').split('/');
  const amzDate = q.get('X-Amz-Date') ?? '';
  const m = amzDate.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (cred.length !== 5 || !m || !q.get('X-Amz-Signature')) return { error: 'AWS token is not a SigV4 presigned URL' };
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return { url, accessKeyId: cred[0]!, region: cred[2]!, date };
}

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Recompute the SigV4 query signature of a presigned STS URL for a given cluster header. */
export function verifyPresignedSts(url: URL, secretAccessKey: string, cluster: string): boolean {
  const q = url.searchParams;
  const params = [...q.entries()].filter(([k]) => k !== 'X-Amz-Signature').sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  const canonicalQuery = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const signedHeaders = q.get('X-Amz-SignedHeaders') ?? '';
  const headerValues: Record<string, string> = { host: url.host, 'x-k8s-aws-id': cluster };
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((h) => `${h}:${headerValues[h] ?? ''}\n`)
    .join('');
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonicalRequest = ['GET', url.pathname || '/', canonicalQuery, canonicalHeaders, signedHeaders, sha('')].join('\n');
  const cred = (q.get('X-Amz-Credential') ?? '').split('/');
  const scope = cred.slice(1).join('/');
  const stringToSign = ['AWS4-HMAC-SHA256', q.get('X-Amz-Date') ?? '', scope, sha(canonicalRequest)].join('\n');
  const hmac = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
  let key = hmac(`AWS4${secretAccessKey}`, cred[1] ?? '');
  for (const part of cred.slice(2, 5)) key = hmac(key, part);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(q.get('X-Amz-Signature') ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
