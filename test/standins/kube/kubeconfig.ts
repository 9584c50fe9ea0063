// Kubeconfig files for one user of the stand-in: token, client certificate (inline or files),
// exec credential plugin, or no credentials.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export interface ExecConfig {
  command: string;
  args?: string[];
  /** Environment for the plugin, as a map or kubeconfig's [{name, value}] list. */
  env?: Record<string, string> | Array<{ name: string; value: string }>;
  /** Default client.authentication.k8s.io/v1beta1 (what `aws eks update-kubeconfig` writes). */
  apiVersion?: string;
  /** Default Never (required with client.authentication.k8s.io/v1). */
  interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
  provideClusterInfo?: boolean;
}

export type KubeconfigAuth = 'token' | 'cert' | 'cert-files' | { exec: ExecConfig } | 'none';

export interface KubeconfigOptions {
  user: string;
  auth: KubeconfigAuth;
  context?: string;
  cluster?: string;
  namespace?: string;
  /** Server URL to write (default: the stand-in's). */
  server?: string;
  /** Reference the CA by file path (written next to the kubeconfig) instead of certificate-authority-data. */
  caFile?: boolean;
  /** auth 'token': the token to write (default: a token registered for the user, or a new one). */
  token?: string;
  /** auth 'cert'/'cert-files': groups in the certificate (default: the user's known groups). */
  groups?: string[];
}

export interface KubeconfigMaterial {
  url: string;
  caPem: string;
  tokenFor(user: string): string;
  certFor(user: string, groups?: string[]): { certPem: string; keyPem: string };
}

/** The exec stanza `aws eks update-kubeconfig` writes, pointed at a given AWS CLI. */
export function awsEksExec(opts: { cluster: string; region?: string; command?: string; env?: Record<string, string> }): { exec: ExecConfig } {
  const exec: ExecConfig = {
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    command: opts.command ?? 'aws',
    args: ['--region', opts.region ?? 'us-west-2', 'eks', 'get-token', '--cluster-name', opts.cluster],
  };
  if (opts.env) exec.env = opts.env;
  return { exec };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function writeKubeconfigFile(m: KubeconfigMaterial, file: string, o: KubeconfigOptions): string {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  mkdirSync(dir, { recursive: true });
  const clusterName = o.cluster ?? 'kube-standin';
  const contextName = o.context ?? `${o.user}@${clusterName}`;
  const cluster: Record<string, unknown> = { server: o.server ?? m.url };
  if (o.caFile) {
    const caPath = `${abs}.ca.crt`;
    writeFileSync(caPath, m.caPem);
    cluster['certificate-authority'] = caPath;
  } else {
    cluster['certificate-authority-data'] = b64(m.caPem);
  }
  const user: Record<string, unknown> = {};
  const auth = o.auth;
  if (auth === 'token') {
    user.token = o.token ?? m.tokenFor(o.user);
  } else if (auth === 'cert' || auth === 'cert-files') {
    const { certPem, keyPem } = m.certFor(o.user, o.groups);
    if (auth === 'cert') {
      user['client-certificate-data'] = b64(certPem);
      user['client-key-data'] = b64(keyPem);
    } else {
      const base = `${abs}.${o.user.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
      writeFileSync(`${base}.crt`, certPem);
      writeFileSync(`${base}.key`, keyPem, { mode: 0o600 });
      user['client-certificate'] = `${base}.crt`;
      user['client-key'] = `${base}.key`;
    }
  } else if (typeof auth === 'object' && auth && 'exec' in auth) {
    const e = auth.exec;
    const exec: Record<string, unknown> = {
      apiVersion: e.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
      command: e.command,
    };
    if (e.args) exec.args = e.args;
    if (e.env) exec.env = Array.isArray(e.env) ? e.env : Object.entries(e.env).map(([name, value]) => ({ name, value }));
    exec.interactiveMode = e.interactiveMode ?? 'Never';
    if (e.provideClusterInfo !== undefined) exec.provideClusterInfo = e.provideClusterInfo;
    user.exec = exec;
  } else if (auth !== 'none') {
    throw new Error(`writeKubeconfig: unknown auth ${JSON.stringify(auth)}`);
  }
  const context: Record<string, unknown> = { cluster: clusterName, user: o.user };
  if (o.namespace) context.namespace = o.namespace;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster }],
    contexts: [{ name: contextName, context }],
    'current-context': contextName,
    users: [{ name: o.user, user }],
    preferences: {},
  };
  writeFileSync(abs, YAML.stringify(doc, { lineWidth: 0 }), { mode: 0o600 });
  return abs;
}
