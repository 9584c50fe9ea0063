// Watches: a chunked stream of newline-delimited JSON events (kube-wire.md §1), replaying the store's
// history from the requested resourceVersion, with BOOKMARK events, 410 Expired and timeoutSeconds.

import { apiVersionOf, type ResourceDef } from './catalogue';
import type { ResourceRequest, ServerContext } from './context';
import { writeHead, type Exchange } from './http';
import { isTruthyParam } from './requestinfo';
import { includeObject, representation, selectorFor } from './rest';
import { badRequest, expired } from './status';
import type { StoreEvent } from './store';
import { buildTable } from './tables';
import type { KubeObject } from './types';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Default server-side watch timeout when the client sets none (kube-apiserver: 30–60 min). */
const DEFAULT_TIMEOUT_SECONDS = 1800;

export function handleWatch(ctx: ServerContext, x: Exchange, r: ResourceRequest, def: ResourceDef): void {
  const rep = representation(x, true);
  const match = selectorFor(def, r, x.query);
  const rvParam = x.query.resourceVersion ?? '';
  if (rvParam !== '' && !/^\d+$/.test(rvParam)) throw badRequest(`resourceVersion: Invalid value: "${rvParam}": strconv.ParseUint: parsing "${rvParam}": invalid syntax`);
  const bookmarks = isTruthyParam(x.query.allowWatchBookmarks);
  const sendInitial = x.query.sendInitialEvents === undefined ? rvParam === '' || rvParam === '0' : isTruthyParam(x.query.sendInitialEvents);
  const timeoutSeconds = x.query.timeoutSeconds !== undefined ? Number.parseInt(x.query.timeoutSeconds, 10) : DEFAULT_TIMEOUT_SECONDS;

  // Decide the backlog before anything is written, so a too-old resourceVersion is still a 200 stream
  // that carries one ERROR event (as the apiserver does).
  let backlog: StoreEvent[] | 'expired' = [];
  if (!sendInitial && rvParam !== '' && rvParam !== '0') backlog = ctx.store.eventsSince(Number(rvParam));

  writeHead(x, 200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  x.res.flushHeaders();
  let sentHeaders = false;
  let closed = false;

  const encode = (type: EventType, obj: unknown): string => {
    if (rep.as === 'Table' && type !== 'ERROR') {
      const o = obj as KubeObject;
      const isBookmark = type === 'BOOKMARK';
      const table = buildTable(def, isBookmark ? [] : [o], {
        now: ctx.now(),
        include: includeObject(x.query),
        metaVersion: rep.version,
        metadata: { resourceVersion: o.metadata.resourceVersion! },
        noHeaders: sentHeaders || isBookmark,
      });
      if (!isBookmark) sentHeaders = true;
      return JSON.stringify({ type, object: table });
    }
    if ((rep.as === 'PartialObjectMetadataList' || rep.as === 'PartialObjectMetadata') && type !== 'ERROR') {
      const o = obj as KubeObject;
      return JSON.stringify({ type, object: { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${rep.version}`, metadata: o.metadata } });
    }
    return JSON.stringify({ type, object: obj });
  };
  const write = (type: EventType, obj: unknown) => {
    if (closed) return;
    x.res.write(`${encode(type, obj)}\n`);
  };
  const bookmark = (extraAnnotations?: Record<string, string>) => {
    const metadata: Record<string, unknown> = { resourceVersion: ctx.store.resourceVersion };
    if (extraAnnotations) metadata.annotations = extraAnnotations;
    write('BOOKMARK', { kind: def.kind, apiVersion: apiVersionOf(def), metadata });
  };

  /** Deliver one store event, translating selector transitions (entering → ADDED, leaving → DELETED). */
  const deliver = (e: StoreEvent) => {
    if (e.def !== def) return;
    const now = e.type !== 'DELETED' && match(e.object);
    const before = e.previous !== undefined && match(e.previous);
    if (e.type === 'ADDED') {
      if (now) write('ADDED', e.object);
    } else if (e.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', e.object);
      else if (now) write('ADDED', e.object);
      else if (before) write('DELETED', e.object);
    } else if (before || match(e.object)) {
      write('DELETED', e.object);
    }
  };

  const stream = { end: () => finish(false) };
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  function finish(withBookmark: boolean): void {
    if (closed) return;
    if (withBookmark && bookmarks) bookmark();
    closed = true;
    for (const t of timers) clearTimeout(t);
    unsubscribe();
    ctx.openWatches.delete(stream);
    x.res.end();
  }

  if (backlog === 'expired') {
    const err = expired(`too old resource version: ${rvParam} (${ctx.store.oldestWatchableResourceVersion})`);
    write('ERROR', err.body);
    finish(false);
    return;
  }

  ctx.openWatches.add(stream);
  unsubscribe = ctx.store.subscribe(deliver);
  if (sendInitial) {
    for (const o of ctx.store.listDef(def, r.namespace).filter(match)) write('ADDED', o);
    if (bookmarks && x.query.sendInitialEvents !== undefined) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    for (const e of backlog) deliver(e);
  }
  if (bookmarks) {
    const t = setInterval(() => bookmark(), ctx.bookmarkIntervalMs);
    t.unref();
    timers.push(t);
  }
  if (timeoutSeconds > 0) {
    const t = setTimeout(() => finish(true), timeoutSeconds * 1000);
    t.unref();
    timers.push(t);
  }
  x.res.on('close', () => finish(false));
}
