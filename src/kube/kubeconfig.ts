import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SmlogsError } from '../core/errors';

/** kubectl's connection flags (cli-runtime ConfigFlags), same names and meanings. */
export interface ConnectionFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly cluster?: string;
  readonly user?: string;
  readonly namespace?: string;
  readonly server?: string;
  readonly token?: string;
  readonly certificateAuthority?: string;
  readonly clientCertificate?: string;
  readonly clientKey?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly tlsServerName?: string;
  readonly requestTimeoutMs?: number;
  readonly as?: string;
  readonly asGroups?: readonly string[];
  readonly asUid?: string;
  readonly username?: string;
  readonly password?: string;
}

export interface KubeconfigFile {
  readonly path: string;
  readonly text: string;
}

export interface MergedConfig {
  readonly clusters: readonly Cluster[];
  readonly users: readonly User[];
  readonly contexts: readonly Context[];
  readonly currentContext?: string;
  /** The files that were read, for messages. */
  readonly files: readonly string[];
}

/**
 * Merges kubeconfig files the way kubectl (client-go) does: the first definition of a cluster,
 * user or context name wins, the first file that sets current-context wins. client-node's own
 * loader throws on duplicates and lets later files override, so the merge is ours. Relative
 * certificate paths are resolved against each file's folder.
 */
export function mergeKubeconfigs(files: readonly KubeconfigFile[]): MergedConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext: string | undefined;
  for (const f of files) {
    // kubectl reads an empty file (or one of comments only) as an empty config.
    if (/^\s*(#[^\n]*)?(\s*#[^\n]*)*\s*$/.test(f.text)) continue;
    const kc = new KubeConfig();
    try {
      kc.loadFromString(f.text);
    } catch (e) {
      throw new SmlogsError(`cannot load kubeconfig ${f.path}: ${firstLine(e)}; fix the file, or pass another with --kubeconfig`, undefined, { cause: e });
    }
    // client-node takes any YAML document; a kubeconfig is a mapping (apiVersion, clusters, ...).
    if (kc.clusters.length + kc.users.length + kc.contexts.length === 0 && !kc.currentContext && !/^[\w-]+\s*:/m.test(f.text)) {
      throw new SmlogsError(`cannot load kubeconfig ${f.path}: it is not a kubeconfig (a YAML mapping of clusters, contexts and users); fix the file, or pass another with --kubeconfig`);
    }
    kc.makePathsAbsolute(path.dirname(path.resolve(f.path)));
    for (const c of kc.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && kc.currentContext) currentContext = kc.currentContext;
  }
  return { clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], ...(currentContext ? { currentContext } : {}), files: files.map((f) => f.path) };
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}

/** Which kubeconfig files to read: --kubeconfig, else every existing file of KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPaths(flags: ConnectionFlags, env: NodeJS.ProcessEnv): { paths: string[]; explicit: boolean } {
  if (flags.kubeconfig) {
    if (!existsSync(flags.kubeconfig)) throw new SmlogsError(`kubeconfig ${flags.kubeconfig} (from --kubeconfig) does not exist`);
    return { paths: [flags.kubeconfig], explicit: true };
  }
  if (env.KUBECONFIG) {
    const list = env.KUBECONFIG.split(path.delimiter).filter((p) => p.length > 0);
    return { paths: list.filter((p) => existsSync(p)), explicit: false };
  }
  const home = env.HOME ?? os.homedir();
  const def = path.join(home, '.kube', 'config');
  return { paths: existsSync(def) ? [def] : [], explicit: false };
}

export interface InClusterInfo {
  readonly root: string;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** In a pod with no kubeconfig, kubectl uses the service account; so do we. */
export function inClusterRoot(env: NodeJS.ProcessEnv): InClusterInfo | undefined {
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT) return undefined;
  // SMLOGS_IN_CLUSTER_ROOT lets tests stand a service-account folder anywhere.
  const root = env.SMLOGS_IN_CLUSTER_ROOT ?? '';
  return existsSync(path.join(root + SA_DIR, 'token')) ? { root } : undefined;
}

export function readKubeconfigFiles(paths: readonly string[]): KubeconfigFile[] {
  return paths.map((p) => {
    try {
      return { path: p, text: readFileSync(p, 'utf8') };
    } catch (e) {
      throw new SmlogsError(`cannot read kubeconfig ${p}: ${firstLine(e)}`);
    }
  });
}
