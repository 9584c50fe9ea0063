import { GROUPS, type Family } from './kinds';
import type { KubeClient } from './http';

/** Which SageMaker resources the cluster serves, per group: `group → plurals`. */
export type ServedResources = ReadonlyMap<string, ReadonlySet<string>>;

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const SAGEMAKER_GROUPS = new Set(Object.values(GROUPS).map((g) => g.group));

interface AggregatedList {
  items?: Array<{ metadata?: { name?: string }; versions?: Array<{ version?: string; resources?: Array<{ resource?: string }> }> }>;
}
interface GroupList {
  groups?: Array<{ name?: string; preferredVersion?: { groupVersion?: string }; versions?: Array<{ groupVersion?: string }> }>;
}
interface ResourceList {
  resources?: Array<{ name?: string }>;
}

/**
 * Asks the server which SageMaker groups and resources it serves: one request with aggregated
 * discovery (Kubernetes ≥ 1.26), else the group list and one request per SageMaker group. The
 * answer is kept for the rest of the run.
 */
export async function discoverSageMaker(client: KubeClient): Promise<ServedResources> {
  const served = new Map<string, Set<string>>();
  const { body, contentType } = await client.get<AggregatedList & GroupList>('/apis', AGGREGATED);
  if (contentType.includes('APIGroupDiscoveryList')) {
    for (const item of body.items ?? []) {
      const group = item.metadata?.name;
      if (!group || !SAGEMAKER_GROUPS.has(group)) continue;
      const plurals = new Set<string>();
      for (const v of item.versions ?? []) for (const r of v.resources ?? []) if (r.resource && !r.resource.includes('/')) plurals.add(r.resource);
      served.set(group, plurals);
    }
    return served;
  }
  await Promise.all(
    (body.groups ?? [])
      .filter((g) => g.name && SAGEMAKER_GROUPS.has(g.name))
      .map(async (g) => {
        const family = (Object.keys(GROUPS) as Family[]).find((f) => GROUPS[f].group === g.name)!;
        const gv = g.versions?.find((v) => v.groupVersion === `${g.name}/${GROUPS[family].version}`)?.groupVersion ?? g.preferredVersion?.groupVersion;
        if (!gv) return;
        const list = await client.get<ResourceList>(`/apis/${gv}`);
        served.set(g.name!, new Set((list.body.resources ?? []).map((r) => r.name ?? '').filter((n) => n && !n.includes('/'))));
      }),
  );
  return served;
}

export function isServed(served: ServedResources, group: string, plural: string): boolean {
  return served.get(group)?.has(plural) ?? false;
}
