// One test per row of the bad-input catalogue (bad-input.catalogue.ts): the plugin as users run it,
// against the e2e world, must answer exactly the row's stderr and exit code, with nothing on
// stdout and never a stack trace. Rows run one after another on one harness: some change shared
// state (installed CRD families, scripted AWS faults) for their own run only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness';
import { unusedPort } from '../helpers/ports';
import { CATALOGUE, CATEGORIES, EXTRA_OBJECTS, KUBECONFIGS, type KubeconfigVariant, type Setup } from './bad-input.catalogue';
import { clockAt, fixtureCluster, fixtureJobs } from './support/world';

let h: Harness;
let dir: string;
let emptyHome: string;
let closedPort: string;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-bad-input-'));
  emptyHome = mkdtempSync(path.join(os.tmpdir(), 'smlogs-bad-input-home-'));
  closedPort = `https://127.0.0.1:${await unusedPort()}`;
  h.kube.addTokenUser('bob', 'bob-token');
  h.kube.policy.deny({ user: 'bob', namespace: 'locked' });
  h.kube.policy.deny({ user: 'bob', verb: 'delete' });
  const file = (v: KubeconfigVariant): string => path.join(dir, `${v}.yaml`);
  writeFileSync(file('bad-yaml'), 'apiVersion: v1\nclusters: [\n  - name: x\n');
  writeFileSync(file('not-a-kubeconfig'), 'just some text\n');
  writeFileSync(file('empty'), '# nothing yet\n');
  h.kube.writeKubeconfig(file('unreachable'), { user: 'tester', auth: 'token', context: 'unreachable', server: closedPort, namespace: 'ml-team' });
  h.kube.writeKubeconfig(file('expired-token'), { user: 'tester', auth: 'token', token: 'not-a-valid-token', context: 'expired-token', namespace: 'ml-team' });
  h.kube.writeKubeconfig(file('forbidden'), { user: 'bob', auth: 'token', context: 'bob', namespace: 'locked' });
  for (const o of EXTRA_OBJECTS) h.kube.store.put(o);
});
afterAll(() => h?.close());

/** Fills in the placeholders the catalogue uses for what differs between runs. */
function expand(text: string): string {
  return text
    .replaceAll('<dir>', dir)
    .replaceAll('<kubeconfig>', h.kubeconfig)
    .replaceAll('<api-server>', h.kube.url)
    .replaceAll('<closed-port>', closedPort)
    .replaceAll('<empty-home>', emptyHome);
}

function envOf(s: Setup | undefined): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  if (s?.kubeconfig === 'none') Object.assign(env, { KUBECONFIG: undefined, HOME: emptyHome });
  else if (s?.kubeconfig) env.KUBECONFIG = path.join(dir, `${s.kubeconfig}.yaml`);
  for (const [k, v] of Object.entries(s?.env ?? {})) env[k] = v === undefined ? undefined : expand(v);
  return env;
}

const DENIABLE = ['DescribeTrainingJob', 'DescribeHyperParameterTuningJob', 'GetLogEvents', 'FilterLogEvents', 'DescribeLogStreams', 'GetCallerIdentity'];

/** Applies a row's changes to the shared stand-ins; returns what undoes them. */
function apply(s: Setup | undefined): () => void {
  const undo: Array<() => void> = [];
  if (s?.groups) {
    h.kube.setGroups([...s.groups]);
    undo.push(() => h.kube.setGroups(['legacy', 'ack']));
  }
  if (s?.kubeDelay) undo.push(h.kube.faults.add({ path: s.kubeDelay.path, delayMs: s.kubeDelay.ms, times: 1 }));
  if (s?.awsFault) {
    const { operation, status, code, message } = s.awsFault;
    h.aws.failNext(operation, 1, { status, code, message });
  }
  if (s?.unknownAccessKey) {
    const key = s.unknownAccessKey;
    h.aws.setFaults({ denied: Object.fromEntries(DENIABLE.map((op) => [op, { fault: 'unrecognized-client' as const, accessKeyIds: [key] }])) });
    undo.push(() => h.aws.setFaults({ denied: Object.fromEntries(DENIABLE.map((op) => [op, null])) }));
  }
  return () => undo.forEach((u) => u());
}

/** Rows that change the shared stand-ins must run alone; the rest run a few at a time. */
const shared = (s: Setup | undefined): boolean => Boolean(s?.groups || s?.kubeDelay || s?.awsFault || s?.unknownAccessKey);

async function check(row: (typeof CATALOGUE)[number]): Promise<void> {
  const undo = apply(row.setup);
  try {
    const r = await h.run(row.args.map(expand), { env: envOf(row.setup) });
    expect({ stderr: r.stderr, code: r.code }).toEqual({ stderr: `${row.stderr.map(expand).join('\n')}\n`, code: row.exitCode });
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    // A scripted fault the run did not consume would leak into the next row.
    expect(h.aws.pendingFaults()).toEqual({});
  } finally {
    undo();
  }
}

const title = (row: (typeof CATALOGUE)[number]): string => `${row.id}: ${row.input} → ${row.exitCode}`;

describe.concurrent('bad input catalogue: exact stderr, exit code, nothing on stdout, no stack trace', () => {
  for (const row of CATALOGUE.filter((r) => !shared(r.setup))) it(title(row), () => check(row));
});

describe('bad input catalogue, rows that change the stand-ins for their run', () => {
  for (const row of CATALOGUE.filter((r) => shared(r.setup))) it(title(row), () => check(row));
});

describe('the catalogue itself', () => {
  it('covers every category; ids are unique; only known placeholders and kubeconfig variants', () => {
    for (const c of CATEGORIES) expect(CATALOGUE.filter((r) => r.category === c).length, c).toBeGreaterThan(0);
    expect(new Set(CATALOGUE.map((r) => r.id)).size).toBe(CATALOGUE.length);
    for (const r of CATALOGUE) {
      // (stderr may quote commander's own <value> names: only args and env are checked.)
      const text = [...r.args, ...Object.values(r.setup?.env ?? {})].join(' ');
      for (const p of text.match(/<[a-z-]+>/g) ?? []) expect(['<dir>', '<kubeconfig>', '<api-server>', '<closed-port>', '<empty-home>'], `${r.id}: ${p}`).toContain(p);
      if (r.setup?.kubeconfig && r.setup.kubeconfig !== 'none') expect(Object.keys(KUBECONFIGS)).toContain(r.setup.kubeconfig);
      // Errors are one line; only waits print a progress line first.
      const errors = r.stderr.filter((l) => l.startsWith('error: '));
      expect(errors.length, r.id).toBeLessThanOrEqual(1);
      if (r.exitCode !== 0) expect(r.stderr.at(-1), r.id).toMatch(/^error: /);
    }
  });
});
