// Per-test process environments: nothing a test runs may read the developer's HOME, kubeconfig,
// AWS profile or discovery cache, and nothing may reach a real endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface IsolatedEnvOptions {
  /** Path written to KUBECONFIG (omit to leave KUBECONFIG unset). */
  kubeconfig?: string;
  /** Base URL of the AWS stand-in; sets AWS_ENDPOINT_URL. */
  awsEndpoint?: string;
  region?: string;
  extra?: Record<string, string | undefined>;
}

export interface IsolatedEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  cleanup(): void;
}

const PASS_THROUGH = ['PATH', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'SYSTEMROOT'];

export function isolatedEnv(opts: IsolatedEnvOptions = {}): IsolatedEnv {
  const home = mkdtempSync(path.join(os.tmpdir(), 'smlogs-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const k of PASS_THROUGH) if (process.env[k] !== undefined) env[k] = process.env[k];
  Object.assign(env, {
    HOME: home,
    KUBECACHEDIR: path.join(home, '.kube', 'cache'),
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: opts.region ?? 'us-west-2',
    AWS_DEFAULT_REGION: opts.region ?? 'us-west-2',
    AWS_PAGER: '',
    NO_COLOR: undefined,
  });
  if (opts.kubeconfig) env.KUBECONFIG = opts.kubeconfig;
  if (opts.awsEndpoint) env.AWS_ENDPOINT_URL = opts.awsEndpoint;
  for (const [k, v] of Object.entries(opts.extra ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return { env, home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
