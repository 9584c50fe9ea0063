// What every request handler can reach.

import type { Catalogue, ResourceDef } from './catalogue';
import type { Policy } from './policy';
import type { ObjectStore } from './store';

export interface ServerContext {
  catalogue: Catalogue;
  store: ObjectStore;
  policy: Policy;
  now(): Date;
  minor: number;
  gitVersion?: string;
  discovery: 'aggregated' | 'legacy';
  /** Interval of BOOKMARK events on watches that allow them. */
  bookmarkIntervalMs: number;
  /** Watch streams still open (ended on close). */
  openWatches: Set<{ end(): void }>;
  /** host:port for serverAddressByClientCIDRs. */
  address(): string;
}

/** A request for a resource, parsed as the apiserver's RequestInfoFactory parses it. */
export interface ResourceRequest {
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Path segments left over after the subresource (never served). */
  extra: boolean;
  def?: ResourceDef;
}
