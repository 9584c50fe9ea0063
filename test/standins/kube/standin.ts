// startKubeStandIn: wires the catalogue, store, policy, authenticator and CA to an HTTPS server.

import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { Authenticator } from './auth';
import { ALL_FAMILIES, Catalogue } from './catalogue';
import type { ServerContext } from './context';
import { StandInConfigError, portInUse } from './errors';
import { Faults } from './faults';
import { writeKubeconfigFile, type KubeconfigOptions } from './kubeconfig';
import { Policy } from './policy';
import { route } from './router';
import { checkObjects, loadScenarioFile, parseDocuments, resolveScenario, type ResolvedScenario } from './scenario';
import { ObjectStore } from './store';
import { createCertificateAuthority } from './tls';
import type { Family, KubeObject, KubeScenario, RequestLogEntry } from './types';

export interface KubeStandInOptions {
  /** A scenario object, or the path of a YAML/JSON scenario file. */
  scenario?: KubeScenario | string;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** The minor version /version reports (default 32; the gcloud kubectl dispatcher picks its kubectl by it). */
  minor?: number;
  /** 'legacy' = no aggregated discovery (as kubectl 1.20 or an old server sees it). Default aggregated. */
  discovery?: 'aggregated' | 'legacy';
  /** Installed CRD families (default both). */
  groups?: Family[];
  /** Clock for creation timestamps and Age cells (default: the real one). */
  now?: () => Date;
  /** BOOKMARK interval on watches with allowWatchBookmarks (default 60 s, like the apiserver). */
  bookmarkIntervalMs?: number;
}

export interface KubeStandIn {
  readonly url: string;
  readonly port: number;
  readonly caPem: string;
  /** Register a bearer token for a user. */
  addTokenUser(user: string, token: string, groups?: string[]): void;
  /** A client certificate signed by the stand-in's CA: CN = user, O = groups. */
  issueClientCert(user: string, groups?: string[]): { certPem: string; keyPem: string };
  /** Write a kubeconfig for one user; returns its absolute path. */
  writeKubeconfig(file: string, opts: KubeconfigOptions): string;
  readonly store: ObjectStore;
  /** Multi-document YAML text, or objects (namespaces included); they keep numeric resourceVersions newer than the store's. */
  loadObjects(yamlOrObjects: string | object[]): KubeObject[];
  setGroups(groups: Family[]): void;
  readonly policy: Policy;
  readonly requests: RequestLogEntry[];
  /** Watch streams open right now (a client that goes away is forgotten at once). */
  readonly openWatches: number;
  /** Inject delays, error answers or dropped connections (see faults.ts). */
  readonly faults: Faults;
  close(): Promise<void>;
}

function checkOptions(o: KubeStandInOptions): void {
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)) {
    throw new StandInConfigError(`startKubeStandIn: port must be a whole number from 0 to 65535, got ${JSON.stringify(o.port)}`);
  }
  if (o.minor !== undefined && (!Number.isInteger(o.minor) || o.minor < 1 || o.minor > 99)) {
    throw new StandInConfigError(`startKubeStandIn: minor must be a whole number such as 32, got ${JSON.stringify(o.minor)}`);
  }
  if (o.discovery !== undefined && o.discovery !== 'aggregated' && o.discovery !== 'legacy') {
    throw new StandInConfigError(`startKubeStandIn: discovery must be "aggregated" or "legacy", got ${JSON.stringify(o.discovery)}`);
  }
  for (const g of o.groups ?? []) {
    if (!ALL_FAMILIES.includes(g)) throw new StandInConfigError(`startKubeStandIn: groups: unknown family ${JSON.stringify(g)} (expected "legacy" or "ack")`);
  }
}

/** Put objects, oldest resourceVersion first, so that each keeps the version it carries. */
function loadInto(store: ObjectStore, objects: KubeObject[]): KubeObject[] {
  const rv = (o: KubeObject) => {
    const n = Number(o.metadata?.resourceVersion);
    return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
  };
  const sorted = objects.map((o, i) => ({ o, i })).sort((a, b) => rv(a.o) - rv(b.o) || a.i - b.i);
  // Namespaces first, so their annotations are in place before objects would imply them.
  sorted.sort((a, b) => Number(b.o.kind === 'Namespace' && b.o.apiVersion === 'v1') - Number(a.o.kind === 'Namespace' && a.o.apiVersion === 'v1'));
  return sorted.map(({ o }) => store.put(o, { preserveResourceVersion: true }));
}

export async function startKubeStandIn(opts: KubeStandInOptions = {}): Promise<KubeStandIn> {
  checkOptions(opts);
  let scenario: ResolvedScenario;
  if (typeof opts.scenario === 'string') scenario = loadScenarioFile(opts.scenario);
  else scenario = resolveScenario(opts.scenario ?? {}, { source: 'scenario', baseDir: process.cwd() });

  const now = opts.now ?? (() => new Date());
  const catalogue = new Catalogue(opts.groups ?? scenario.groups ?? ALL_FAMILIES);
  const store = new ObjectStore(now);
  const policy = new Policy();
  if (scenario.policy.default) policy.setDefault(scenario.policy.default);
  for (const r of scenario.policy.rules) policy.add(r);
  const auth = new Authenticator(scenario.aws);
  const knownGroups = new Map<string, string[]>();
  for (const u of scenario.users) {
    auth.addUser(u);
    knownGroups.set(u.name, u.groups ?? []);
  }
  const tokensByUser = new Map<string, string>();
  for (const u of scenario.users) if (u.tokens?.[0]) tokensByUser.set(u.name, u.tokens[0]);

  // Namespaces from the scenario (with their annotations), then the objects.
  const nsObjects: KubeObject[] = scenario.namespaces.map((n) => {
    const md: KubeObject['metadata'] = { name: n.name };
    if (n.labels) md.labels = n.labels;
    if (n.annotations) md.annotations = n.annotations;
    return { apiVersion: 'v1', kind: 'Namespace', metadata: md };
  });
  loadInto(store, [...nsObjects, ...scenario.objects]);

  const ca = createCertificateAuthority();
  const log: RequestLogEntry[] = [];
  const faults = new Faults();
  let port = 0;
  const ctx: ServerContext = {
    catalogue,
    store,
    policy,
    now,
    minor: opts.minor ?? scenario.minor ?? 32,
    discovery: opts.discovery ?? scenario.discovery ?? 'aggregated',
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
    openWatches: new Set(),
    address: () => `127.0.0.1:${port}`,
  };
  if (scenario.gitVersion) ctx.gitVersion = scenario.gitVersion;

  const server = https.createServer(
    { key: ca.server.keyPem, cert: ca.server.certPem, ca: [ca.caPem], requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      void route({ ctx, auth, ca, log, faults }, req, res);
    },
  );
  server.keepAliveTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {
    // A client that rejects our CA just goes away; nothing to do.
  });

  const wantPort = opts.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') reject(portInUse(wantPort));
      else if (e.code === 'EACCES') reject(new StandInConfigError(`port ${wantPort} on 127.0.0.1 needs privileges this process lacks`));
      else reject(new StandInConfigError(`cannot listen on 127.0.0.1:${wantPort}: ${e.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(wantPort, '127.0.0.1');
  });
  port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;

  const tokenFor = (user: string): string => {
    let t = tokensByUser.get(user);
    if (!t) {
      t = `${user.replace(/[^A-Za-z0-9]/g, '')}-${randomBytes(12).toString('hex')}`;
      auth.addToken(t, user, knownGroups.get(user) ?? []);
      tokensByUser.set(user, t);
    }
    return t;
  };
  const issueClientCert = (user: string, groups?: string[]) => ca.issueClient(user, groups ?? knownGroups.get(user) ?? []);

  let closed: Promise<void> | undefined;
  const standIn: KubeStandIn = {
    url,
    port,
    caPem: ca.caPem,
    addTokenUser(user, token, groups = []) {
      auth.addToken(token, user, groups);
      if (!knownGroups.has(user)) knownGroups.set(user, groups);
      if (!tokensByUser.has(user)) tokensByUser.set(user, token);
    },
    issueClientCert,
    writeKubeconfig(file, o) {
      return writeKubeconfigFile({ url, caPem: ca.caPem, tokenFor, certFor: issueClientCert }, file, o);
    },
    store,
    loadObjects(input) {
      const objects =
        typeof input === 'string'
          ? checkObjects(parseDocuments(input, 'loadObjects'), 'loadObjects')
          : checkObjects(input as unknown[], 'loadObjects', undefined);
      return loadInto(store, objects);
    },
    setGroups(groups) {
      checkOptions({ groups });
      catalogue.setFamilies(groups);
    },
    policy,
    requests: log,
    faults,
    get openWatches() {
      return ctx.openWatches.size;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const w of [...ctx.openWatches]) w.end();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
  return standIn;
}
