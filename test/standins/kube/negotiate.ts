// Accept-header negotiation: which representation a client asked for.

export interface MediaRange {
  type: string; // e.g. application/json, */*
  params: Record<string, string>;
  q: number;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [{ type: '*/*', params: {}, q: 1 }];
  const out: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    if (!type) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const p of rest) {
      const i = p.indexOf('=');
      if (i < 0) continue;
      const k = p.slice(0, i).trim().toLowerCase();
      const v = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
      if (k === 'q') q = Number(v);
      else params[k] = v;
    }
    out.push({ type: type.toLowerCase(), params, q: Number.isNaN(q) ? 1 : q });
  }
  // Stable sort by q (descending): equal q keeps the client's order.
  return out.filter((m) => m.q > 0).sort((a, b) => b.q - a.q);
}

const isJson = (m: MediaRange) => m.type === 'application/json' || m.type === 'application/*' || m.type === '*/*';

/** What a resource GET should answer with. */
export type ObjectRepresentation =
  | { as: 'object' }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadataList'; version: 'v1' | 'v1beta1' };

/** Negotiate an object response; undefined when nothing acceptable is offered (406). */
export function negotiateObject(accept: string | undefined, list: boolean): ObjectRepresentation | undefined {
  for (const m of parseAccept(accept)) {
    if (!isJson(m)) continue;
    const as = m.params.as;
    if (!as) return { as: 'object' };
    if (m.params.g !== 'meta.k8s.io') continue;
    const version = m.params.v === 'v1beta1' ? 'v1beta1' : m.params.v === 'v1' ? 'v1' : undefined;
    if (!version) continue;
    if (as === 'Table') return { as: 'Table', version };
    if (as === 'PartialObjectMetadata' && !list) return { as: 'PartialObjectMetadata', version };
    if (as === 'PartialObjectMetadataList' && list) return { as: 'PartialObjectMetadataList', version };
  }
  return undefined;
}

/** Aggregated discovery if the client asked for it (v2 preferred in the client's order), else legacy. */
export function negotiateDiscovery(accept: string | undefined): 'v2' | 'v2beta1' | 'legacy' | undefined {
  for (const m of parseAccept(accept)) {
    if (!isJson(m)) continue;
    if (m.params.as === 'APIGroupDiscoveryList' && m.params.g === 'apidiscovery.k8s.io') {
      if (m.params.v === 'v2' || m.params.v === 'v2beta1') return m.params.v;
      continue;
    }
    if (m.params.as) continue;
    return 'legacy';
  }
  return undefined;
}
