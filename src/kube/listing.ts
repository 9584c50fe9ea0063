import type { NamespaceInfo } from './aws-target';
import { KubeApiError, type KubeClient } from './http';
import type { ResourceType } from './kinds';
import type { KubeObject } from './object';
import { objectPath } from './resolve';

interface ListBody {
  items?: KubeObject[];
  metadata?: { continue?: string };
}

const PAGE = 500;

/** Every object of a type in one namespace (or all, with undefined), page by page as kubectl reads. */
export async function listObjects(client: KubeClient, t: ResourceType, namespace: string | undefined): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let token: string | undefined;
  do {
    const query = `?limit=${PAGE}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
    const { body } = await client.get<ListBody>(objectPath(t, namespace) + query);
    out.push(...(body.items ?? []));
    token = body.metadata?.continue || undefined;
  } while (token);
  return out;
}

/** A namespace's annotations (ACK reads region and endpoint there); not being allowed to read them is fine. */
export async function namespaceInfo(client: KubeClient, namespace: string): Promise<NamespaceInfo | undefined> {
  try {
    const { body } = await client.get<KubeObject>(`/api/v1/namespaces/${encodeURIComponent(namespace)}`);
    return { annotations: body.metadata?.annotations ?? {} };
  } catch (e) {
    if (e instanceof KubeApiError && (e.status === 403 || e.status === 404)) return undefined;
    throw e;
  }
}
