// Discovery documents: /version, /api, /apis (aggregated or legacy), /api/v1, /apis/<g>[/<v>].

import { createHash } from 'node:crypto';
import type { Catalogue, GroupVersion, ResourceDef } from './catalogue';

/** Patch versions of the releases the gcloud kubectl dispatcher bundles (others get .0). */
const PATCH: Record<number, string> = { 27: '16', 28: '15', 29: '15', 30: '13', 31: '9', 32: '4', 33: '1' };

export function versionInfo(minor: number, gitVersion?: string): Record<string, string> {
  const gv = gitVersion ?? `v1.${minor}.${PATCH[minor] ?? '0'}`;
  const info: Record<string, string> = { major: '1', minor: String(minor) };
  if (minor >= 33) {
    info.emulationMajor = '1';
    info.emulationMinor = String(minor);
    info.minCompatibilityMajor = '1';
    info.minCompatibilityMinor = String(minor - 1);
  }
  Object.assign(info, {
    gitVersion: gv,
    gitCommit: createHash('sha1').update(gv).digest('hex'),
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:01:12Z',
    goVersion: minor >= 33 ? 'go1.24.2' : 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  });
  return info;
}

export type AggregatedVersion = 'v2' | 'v2beta1';

export const aggregatedContentType = (v: AggregatedVersion) => `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

function storageVersionHash(def: ResourceDef): string {
  return createHash('sha256').update(`${def.group}/${def.version}/${def.kind}`).digest('base64').slice(0, 11) + '=';
}

function aggregatedResource(def: ResourceDef): Record<string, unknown> {
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  const r: Record<string, unknown> = {
    resource: def.plural,
    responseKind: gvk,
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: def.verbs,
  };
  if (def.shortNames) r.shortNames = def.shortNames;
  if (def.subresources.length > 0) {
    r.subresources = def.subresources.map((s) => ({ subresource: s.name, responseKind: gvk, verbs: s.verbs }));
  }
  return r;
}

function aggregatedGroup(gv: GroupVersion): Record<string, unknown> {
  return {
    metadata: { name: gv.group },
    versions: [
      {
        version: gv.version,
        resources: [...gv.resources].sort((a, b) => a.plural.localeCompare(b.plural)).map(aggregatedResource),
        freshness: 'Current',
      },
    ],
  };
}

/** The aggregated APIGroupDiscoveryList for /api (core) or /apis (groups). */
export function aggregated(catalogue: Catalogue, root: 'api' | 'apis', v: AggregatedVersion): Record<string, unknown> {
  const groups = root === 'api' ? [catalogue.groupVersion('', 'v1')!] : catalogue.groups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${v}`,
    metadata: {},
    items: groups.map(aggregatedGroup),
  };
}

export function legacyApiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(gv: GroupVersion): Record<string, unknown> {
  const v = { groupVersion: `${gv.group}/${gv.version}`, version: gv.version };
  return { name: gv.group, versions: [v], preferredVersion: v };
}

export function legacyApiGroupList(catalogue: Catalogue): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: catalogue.groups().map(apiGroup) };
}

export function legacyApiGroup(gv: GroupVersion): Record<string, unknown> {
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(gv) };
}

/** The APIResourceList of one group/version, each resource followed by its subresources. */
export function apiResourceList(gv: GroupVersion): Record<string, unknown> {
  const resources: Array<Record<string, unknown>> = [];
  for (const def of [...gv.resources].sort((a, b) => a.plural.localeCompare(b.plural))) {
    const r: Record<string, unknown> = {
      name: def.plural,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
    };
    if (def.shortNames) r.shortNames = def.shortNames;
    if (!def.createOnly) r.storageVersionHash = storageVersionHash(def);
    resources.push(r);
    for (const s of def.subresources) {
      resources.push({ name: `${def.plural}/${s.name}`, singularName: '', namespaced: def.namespaced, kind: def.kind, verbs: s.verbs });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv.group ? `${gv.group}/${gv.version}` : gv.version, resources };
}
