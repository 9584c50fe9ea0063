import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addSecret, debug, debugOn } from '../core/debug';
import { SmlogsError } from '../core/errors';
import { inClusterRoot, kubeconfigPaths, mergeKubeconfigs, readKubeconfigFiles, type ConnectionFlags, type MergedConfig } from './kubeconfig';

export type NamespaceSource = 'flag' | 'context' | 'service account' | 'default';

/** Everything needed to talk to one API server as one user, resolved from kubeconfig and flags. */
export interface KubeConnection {
  readonly kc: KubeConfig;
  readonly server: string;
  readonly contextName: string;
  readonly userName: string;
  readonly namespace: string;
  readonly namespaceFrom: NamespaceSource;
  readonly requestTimeoutMs?: number;
  readonly headers: Readonly<Record<string, string | string[]>>;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Resolves the connection like kubectl: merged kubeconfig, then --context, then --cluster /
 * --user, then the per-field overrides (--server, --token, ...). The namespace is -n, else the
 * context's, else the service account's (in a pod), else `default`.
 */
export function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): KubeConnection {
  const { paths } = kubeconfigPaths(flags, env);
  if (paths.length === 0) {
    const inCluster = inClusterRoot(env);
    if (inCluster) return inClusterConnection(flags, inCluster.root, env);
    if (flags.server) return fromMerged({ clusters: [], users: [], contexts: [], files: [] }, flags);
    // What -v shows: every place that was looked at.
    const looked = [
      env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}: no such file` : 'KUBECONFIG: unset',
      ...(env.KUBECONFIG ? [] : [`${path.join(env.HOME ?? '~', '.kube', 'config')}: no such file`]),
      env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT
        ? `in-cluster: KUBERNETES_SERVICE_HOST/PORT set, but no service-account token at ${(env.SMLOGS_IN_CLUSTER_ROOT ?? '') + SA_DIR}/token`
        : 'in-cluster: KUBERNETES_SERVICE_HOST/PORT unset (not in a pod)',
    ];
    throw new SmlogsError(
      env.KUBECONFIG
        ? `no kubeconfig found: none of the files in KUBECONFIG (${env.KUBECONFIG}) exists`
        : 'no kubeconfig found (~/.kube/config does not exist, KUBECONFIG is unset) and not running in a pod; pass --kubeconfig or set KUBECONFIG',
      undefined,
      { cause: new Error(`looked for Kubernetes credentials in:\n  ${looked.join('\n  ')}`) },
    );
  }
  return fromMerged(mergeKubeconfigs(readKubeconfigFiles(paths)), flags);
}

function fromMerged(merged: MergedConfig, flags: ConnectionFlags): KubeConnection {
  const where = merged.files.length === 1 ? `kubeconfig ${merged.files[0]}` : `kubeconfig (${merged.files.join(', ')})`;
  const contextName = flags.context ?? merged.currentContext;
  let ctx: Context | undefined;
  if (contextName) {
    ctx = merged.contexts.find((c) => c.name === contextName);
    if (!ctx) throw new SmlogsError(`context "${contextName}"${flags.context ? ' (from --context)' : ''} does not exist in ${where}`);
  } else if (!flags.cluster && !flags.server) {
    throw new SmlogsError(`no current context in ${where}: pass --context NAME or run "kubectl config use-context NAME"`);
  }

  const clusterName = flags.cluster ?? ctx?.cluster;
  let cluster: Cluster | undefined = clusterName ? merged.clusters.find((c) => c.name === clusterName) : undefined;
  if (clusterName && !cluster && !flags.server) {
    throw new SmlogsError(`cluster "${clusterName}"${flags.cluster ? ' (from --cluster)' : ` (of context "${contextName}")`} does not exist in ${where}`);
  }
  cluster = overrideCluster(cluster ?? { name: clusterName ?? 'cluster', server: '', skipTLSVerify: false }, flags);
  if (!cluster.server) throw new SmlogsError(`cluster "${cluster.name}" in ${where} has no server address; pass --server`);

  const userName = flags.user ?? ctx?.user ?? '';
  let user: User | undefined = userName ? merged.users.find((u) => u.name === userName) : undefined;
  if (flags.user && !user) throw new SmlogsError(`user "${flags.user}" (from --user) does not exist in ${where}`);
  user = overrideUser(user ?? { name: userName || 'anonymous' }, flags);

  let namespace = flags.namespace;
  let namespaceFrom: NamespaceSource = 'flag';
  if (!namespace && ctx?.namespace) {
    namespace = ctx.namespace;
    namespaceFrom = 'context';
  }
  if (!namespace) {
    namespace = 'default';
    namespaceFrom = 'default';
  }
  const source = merged.files.length > 0 ? `kubeconfig ${merged.files.join(', ')}` : 'command-line flags (no kubeconfig)';
  return build(cluster, user, contextName ?? 'command-line', namespace, namespaceFrom, flags, source);
}

function inClusterConnection(flags: ConnectionFlags, root: string, env: NodeJS.ProcessEnv): KubeConnection {
  // As client-go's InClusterConfig (and client-node's loadFromCluster, which reads process.env).
  const host = env.KUBERNETES_SERVICE_HOST!;
  const port = env.KUBERNETES_SERVICE_PORT!;
  const sa = root + SA_DIR;
  const cluster = overrideCluster({ name: 'in-cluster', server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`, caFile: path.join(sa, 'ca.crt'), skipTLSVerify: false }, flags);
  // client-node re-reads the token file on each request: projected tokens rotate.
  const user = overrideUser({ name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile: path.join(sa, 'token') } } }, flags);
  let namespace = flags.namespace;
  let from: NamespaceSource = 'flag';
  if (!namespace) {
    const nsFile = path.join(sa, 'namespace');
    const fromFile = existsSync(nsFile) ? readFileSync(nsFile, 'utf8').trim() : '';
    namespace = fromFile || env.POD_NAMESPACE || 'default';
    from = fromFile || env.POD_NAMESPACE ? 'service account' : 'default';
  }
  return build(cluster, user, 'in-cluster', namespace, from, flags, `in-cluster config (service account in ${sa})`);
}

function overrideCluster(c: Cluster, f: ConnectionFlags): Cluster {
  const out: { -readonly [K in keyof Cluster]: Cluster[K] } = { ...c };
  if (f.server) out.server = f.server;
  if (f.certificateAuthority) {
    out.caFile = f.certificateAuthority;
    delete out.caData;
  }
  if (f.insecureSkipTlsVerify !== undefined) out.skipTLSVerify = f.insecureSkipTlsVerify;
  if (f.tlsServerName) out.tlsServerName = f.tlsServerName;
  return out;
}

function overrideUser(u: User, f: ConnectionFlags): User {
  const out: { -readonly [K in keyof User]: User[K] } = { ...u };
  if (f.token) {
    // A token on the command line replaces whatever the user entry authenticates with.
    for (const k of ['exec', 'authProvider', 'certData', 'certFile', 'keyData', 'keyFile', 'username', 'password'] as const) delete out[k];
    out.token = f.token;
  }
  if (f.clientCertificate) {
    out.certFile = f.clientCertificate;
    delete out.certData;
  }
  if (f.clientKey) {
    out.keyFile = f.clientKey;
    delete out.keyData;
  }
  if (f.username) out.username = f.username;
  if (f.password) out.password = f.password;
  return out;
}

function build(cluster: Cluster, user: User, contextName: string, namespace: string, namespaceFrom: NamespaceSource, flags: ConnectionFlags, source: string): KubeConnection {
  registerSecrets(user);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [user],
    contexts: [{ name: contextName, cluster: cluster.name, user: user.name, namespace }],
    currentContext: contextName,
  });
  const headers: Record<string, string | string[]> = {};
  const as = flags.as ?? user.impersonateUser;
  if (as) headers['Impersonate-User'] = as;
  if (flags.asGroups?.length) headers['Impersonate-Group'] = [...flags.asGroups];
  if (flags.asUid) headers['Impersonate-Uid'] = flags.asUid;
  if (debugOn()) {
    const as = headers['Impersonate-User'] ? `, impersonating "${String(headers['Impersonate-User'])}"` : '';
    const tls = cluster.skipTLSVerify ? ', TLS not verified (--insecure-skip-tls-verify)' : '';
    debug(`kube: ${source}; context "${contextName}", cluster "${cluster.name}" at ${cluster.server}${tls}; user "${user.name}" (${authKind(user)})${as}; namespace "${namespace}" (${NAMESPACE_FROM[namespaceFrom]})`);
  }
  return {
    kc,
    server: cluster.server,
    contextName,
    userName: user.name,
    namespace,
    namespaceFrom,
    ...(flags.requestTimeoutMs ? { requestTimeoutMs: flags.requestTimeoutMs } : {}),
    headers,
  };
}

const NAMESPACE_FROM: Record<NamespaceSource, string> = { flag: 'from -n', context: 'from the context', 'service account': 'from the service account', default: 'the default' };

/** How the user authenticates, for -v: the kind and the command or file, never the credential. */
function authKind(u: User): string {
  if (u.token) return 'token';
  if (u.exec) return `exec plugin ${path.basename(String(u.exec.command ?? '?'))}`;
  if (u.authProvider?.name === 'tokenFile') return `token file ${String(u.authProvider.config?.tokenFile ?? '')}`;
  if (u.authProvider) return `auth-provider ${String(u.authProvider.name)}`;
  if (u.certData || u.certFile) return `client certificate${u.certFile ? ` ${u.certFile}` : ''}`;
  if (u.username) return 'basic auth';
  return 'no credentials';
}

/**
 * The user's secrets as the kubeconfig holds them, so that no debug or error line prints them
 * (tokens from exec plugins and token files are registered as they are used, in http.ts). An
 * exec plugin's environment often carries credentials too (AWS keys for `aws eks get-token`).
 */
function registerSecrets(u: User): void {
  addSecret(u.token);
  addSecret(u.password);
  if (u.keyData) {
    addSecret(u.keyData);
    addSecret(Buffer.from(u.keyData, 'base64').toString('utf8'));
  }
  const env: unknown = u.exec?.env;
  if (Array.isArray(env)) {
    for (const e of env as Array<{ name?: unknown; value?: unknown }>) {
      if (typeof e?.name === 'string' && typeof e.value === 'string' && /SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE/i.test(e.name)) addSecret(e.value);
    }
  }
}
