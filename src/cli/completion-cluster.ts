// The part of shell completion that reads the cluster, the kubeconfig or the AWS config files.
// It lives in the heavy bundle (verbs.ts) because it needs client-node; completion.ts asks for it
// only when a TAB needs names. Every failure propagates: completion.ts turns it into "no
// candidates", never into an error line.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../kube/connection';
import { KubeApiError, KubeClient } from '../kube/http';
import { parseKind, type ResourceType } from '../kube/kinds';
import { kubeconfigPaths, mergeKubeconfigs, readKubeconfigFiles } from '../kube/kubeconfig';
import type { KubeObject } from '../kube/object';
import { objectPath } from '../kube/resolve';
import type { Candidate, Lookup } from './completion';
import { connectionFlags, type RawConnectionOpts } from './options';

/** Per-request timeout when the line gives no --request-timeout. */
const REQUEST_TIMEOUT = '3s';
/** A TAB lists at most this many objects per resource type. */
const LIST_LIMIT = 500;

interface ObjectList {
  readonly items?: readonly KubeObject[];
}

const FAMILY_LABEL = { legacy: 'legacy operator', ack: 'ACK' } as const;

export async function clusterCandidates(lookup: Lookup, o: RawConnectionOpts, env: NodeJS.ProcessEnv = process.env): Promise<Candidate[]> {
  switch (lookup.what) {
    case 'contexts':
    case 'clusters':
    case 'users':
      return kubeconfigEntries(lookup.what, o, env);
    case 'profiles':
      return awsProfiles(env);
    case 'namespaces':
      return withClient(o, env, async (client) => {
        const { body } = await client.get<ObjectList>(`/api/v1/namespaces?limit=${LIST_LIMIT}`);
        return (body.items ?? []).map((n) => ({ value: n.metadata.name }));
      });
    case 'names':
      return resourceNames(lookup.kind, o, env);
  }
}

async function withClient<T>(o: RawConnectionOpts, env: NodeJS.ProcessEnv, fn: (client: KubeClient) => Promise<T>): Promise<T> {
  const timeout = o.requestTimeout && o.requestTimeout !== '0' ? o.requestTimeout : REQUEST_TIMEOUT;
  const client = new KubeClient(connect(connectionFlags({ ...o, requestTimeout: timeout }), env));
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

/** The status word a resource of either operator shows (`trainingJobStatus`, `endpointStatus`...). */
function statusOf(o: KubeObject): string | undefined {
  const status = (o as { status?: Record<string, unknown> }).status;
  if (!status) return undefined;
  for (const [k, v] of Object.entries(status)) if (/(?:Job|endpoint)Status$/.test(k) && typeof v === 'string' && v) return v;
  return undefined;
}

/** The objects of KIND in the namespace, from whichever of the two groups serve it. */
async function resourceNames(kind: string, o: RawConnectionOpts, env: NodeJS.ProcessEnv): Promise<Candidate[]> {
  const query = parseKind(kind);
  return withClient(o, env, async (client) => {
    const ns = client.conn.namespace;
    const lists = await Promise.all(
      query.candidates.map(async (t: ResourceType) => {
        try {
          const { body } = await client.get<ObjectList>(`${objectPath(t, ns)}?limit=${LIST_LIMIT}`);
          return { t, items: body.items ?? [] };
        } catch (e) {
          // The group is not served (404), or this user may not list it (403): the other may.
          if (e instanceof KubeApiError && (e.status === 404 || e.status === 403)) return { t, items: [] };
          throw e;
        }
      }),
    );
    const byName = new Map<string, string[]>();
    for (const { t, items } of lists) {
      for (const item of items) {
        const name = item.metadata?.name;
        if (!name) continue;
        const status = statusOf(item);
        const text = `${t.kind} (${FAMILY_LABEL[t.family]})${status ? `, ${status}` : ''}`;
        byName.set(name, [...(byName.get(name) ?? []), text]);
      }
    }
    return [...byName.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([value, texts]) => ({ value, description: texts.length > 1 ? `in both groups: ${texts.join('; ')}` : texts[0]! }));
  });
}

function kubeconfigEntries(what: 'contexts' | 'clusters' | 'users', o: RawConnectionOpts, env: NodeJS.ProcessEnv): Candidate[] {
  const { paths } = kubeconfigPaths(connectionFlags(o), env);
  const merged = mergeKubeconfigs(readKubeconfigFiles(paths));
  if (what === 'contexts') {
    return merged.contexts.map((c) => ({ value: c.name, description: `cluster ${c.cluster}, user ${c.user}${c.namespace ? `, namespace ${c.namespace}` : ''}` }));
  }
  if (what === 'clusters') return merged.clusters.map((c) => ({ value: c.name, description: c.server }));
  return merged.users.map((u) => ({ value: u.name }));
}

/** Profile names of the AWS config and credentials files, as the SDK finds them. */
function awsProfiles(env: NodeJS.ProcessEnv): Candidate[] {
  const home = env.HOME ?? os.homedir();
  const files: Array<[string, RegExp]> = [
    [env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'), /^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/],
    [env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'), /^\s*\[\s*([^\]\s]+)\s*\]/],
  ];
  const names = new Set<string>();
  for (const [file, header] of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split(/\r?\n/)) {
      const m = header.exec(line);
      if (m && !/^(?:sso-session|services)\b/.test(line.replace(/^\s*\[\s*/, ''))) names.add(m[1]!);
    }
  }
  return [...names].sort().map((value) => ({ value }));
}
