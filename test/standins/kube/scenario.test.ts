import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { StandInConfigError, loadScenarioFile, startKubeStandIn } from './index';
import { request } from './testing';

const SANDBOX = path.join(__dirname, 'scenarios', 'sandbox.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kube-scenario-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StandInConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a StandInConfigError');
}

describe('scenario files', () => {
  it('the sandbox scenario loads every fixture, users, namespaces and policy', async () => {
    const sc = loadScenarioFile(SANDBOX);
    expect(sc.minor).toBe(32);
    expect(sc.groups).toEqual(['legacy', 'ack']);
    expect(sc.users.map((u) => u.name)).toEqual(['alice', 'bob', 'eks-admin']);
    expect(sc.objects).toHaveLength(14);
    const s = await startKubeStandIn({ scenario: SANDBOX });
    try {
      // every fixture keeps the resourceVersion it was captured with
      const fixture = YAML.parse(readFileSync(path.join(__dirname, '../../fixtures/crs/legacy-trainingjob-inprogress.yaml'), 'utf8'));
      const stored = s.store.get('sagemaker.aws.amazon.com/v1', 'TrainingJob', 'ml-team', 'xgboost-mnist')!;
      expect(stored.metadata.resourceVersion).toBe(fixture.metadata.resourceVersion);
      expect(stored).toEqual(fixture);
      expect(s.store.get('v1', 'Namespace', undefined, 'ml-team')!.metadata.annotations).toEqual({
        'services.k8s.aws/default-region': 'us-west-2',
        'services.k8s.aws/endpoint-url': 'https://sagemaker.us-west-2.amazonaws.com',
      });
      const denied = await request(s, '/apis/sagemaker.aws.amazon.com/v1/namespaces/locked/trainingjobs', { token: 'bob-token' });
      expect(denied.status).toBe(403);
      expect((await request(s, '/apis/sagemaker.aws.amazon.com/v1/namespaces/locked/trainingjobs', { token: 'alice-token' })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('JSON scenarios, namespaces as a map, groups by full name, single files and folders', async () => {
    write('one.yaml', 'apiVersion: sagemaker.aws.amazon.com/v1\nkind: Model\nmetadata: {name: m1, namespace: a}\n');
    const f = write(
      'sc.json',
      JSON.stringify({
        minor: 30,
        discovery: 'legacy',
        groups: ['sagemaker.aws.amazon.com'],
        namespaces: { a: { annotations: { x: 'y' } }, b: null },
        objects: [{ file: 'one.yaml' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c' } }],
        policy: [{ user: 'x' }],
      }),
    );
    const sc = loadScenarioFile(f);
    expect(sc).toMatchObject({ minor: 30, discovery: 'legacy', groups: ['legacy'], namespaces: [{ name: 'a', annotations: { x: 'y' } }, { name: 'b' }] });
    expect(sc.objects.map((o) => o.metadata.name)).toEqual(['m1', 'c']);
    expect(sc.policy.rules).toEqual([{ user: 'x', effect: 'deny' }]);
  });

  it('each mistake is one error naming the file and the field', () => {
    const cases: Array<[string, string, string]> = [
      ['top.yaml', 'minor: 32\ncolour: blue\n', 'top.yaml: colour: unknown field (expected one of: minor, gitVersion, discovery, groups, namespaces, users, policy, aws, objects)'],
      ['minor.yaml', 'minor: "32"\n', 'minor.yaml: minor: expected a whole number such as 32 (the gcloud kubectl dispatcher bundles 27–33), got string "32"'],
      ['disc.yaml', 'discovery: old\n', 'disc.yaml: discovery: expected one of "aggregated", "legacy", got "old"'],
      ['groups.yaml', 'groups: [legacy, apps]\n', 'groups.yaml: groups[1]: expected "legacy" (sagemaker.aws.amazon.com) or "ack" (sagemaker.services.k8s.aws), got "apps"'],
      ['tok.yaml', 'users:\n  - name: a\n    tokens: [x, 5]\n', 'tok.yaml: users[0].tokens[1]: expected a string, got number 5'],
      ['user.yaml', 'users:\n  - name: a\n    password: x\n', 'user.yaml: users[0].password: unknown field (expected one of: name, groups, token, tokens, aws)'],
      ['ann.yaml', 'namespaces:\n  - name: a\n    annotations: {n: 1}\n', 'ann.yaml: namespaces[0].annotations.n: expected a string, got number 1 (quote it in YAML)'],
      ['pol.yaml', 'policy:\n  rules:\n    - {user: a, effect: maybe}\n', 'pol.yaml: policy.rules[0].effect: expected one of "allow", "deny", got "maybe"'],
      ['obj.yaml', 'objects:\n  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: d}\n', 'obj.yaml: objects[0]: kind: apps/v1 Deployment is not served by the stand-in (it serves the SageMaker CRDs of crds.md, v1 Namespace and v1 Endpoints)'],
      ['noname.yaml', 'objects:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {}\n', 'noname.yaml: objects[0]: metadata.name: expected a string, got undefined undefined'],
      ['list.yaml', 'users: {name: a}\n', 'list.yaml: users: expected a list, got a mapping'],
    ];
    for (const [name, text, message] of cases) {
      expect(errorOf(() => loadScenarioFile(write(name, text)))).toBe(`${path.join(tmp, name)}: ${message.slice(name.length + 2)}`);
    }
  });

  it('file problems: missing scenario, bad YAML, missing object file, bad documents inside it', () => {
    expect(errorOf(() => loadScenarioFile(path.join(tmp, 'absent.yaml')))).toBe(`${path.join(tmp, 'absent.yaml')}: cannot read scenario file (no such file)`);
    expect(errorOf(() => loadScenarioFile(write('syntax.yaml', 'users:\n  - name: [a\n')))).toMatch(
      new RegExp(`^${path.join(tmp, 'syntax.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid YAML at line \\d+, column \\d+: `),
    );
    expect(errorOf(() => loadScenarioFile(write('missing-obj.yaml', 'objects:\n  - file: nope.yaml\n')))).toBe(
      `${path.join(tmp, 'missing-obj.yaml')}: objects[0].file: no such file: nope.yaml (resolved to ${path.join(tmp, 'nope.yaml')})`,
    );
    expect(errorOf(() => loadScenarioFile(write('glob.yaml', 'objects:\n  - file: "none-*.yaml"\n')))).toBe(`${path.join(tmp, 'glob.yaml')}: objects[0].file: no file matches none-*.yaml`);
    write('two.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x, resourceVersion: 5}\n');
    const shown = path.relative(process.cwd(), path.join(tmp, 'two.yaml'));
    expect(errorOf(() => loadScenarioFile(write('docs.yaml', 'objects:\n  - file: two.yaml\n')))).toBe(
      `${shown}: document 2: metadata.resourceVersion: expected a string, got number 5 (quote it in YAML)`,
    );
    expect(errorOf(() => loadScenarioFile(write('multi.yaml', 'minor: 30\n---\nminor: 31\n')))).toBe(`${path.join(tmp, 'multi.yaml')}: expected one YAML document holding the scenario, found 2`);
  });

  it('startKubeStandIn reports scenario errors the same way', async () => {
    await expect(startKubeStandIn({ scenario: { users: [{ name: '' }] } as never })).rejects.toThrow('scenario: users[0].name: must not be empty');
  });
});

function runCli(args: string[]): { proc: ReturnType<typeof spawn>; stdout: Promise<string>; stderr: () => string; exit: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cli.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const stdout = new Promise<string>((resolve) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out);
    });
    proc.on('exit', () => resolve(out));
  });
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, stdout, stderr: () => err, exit };
}

describe('cli runner', () => {
  it('serves a scenario, writes a working kubeconfig, prints one line, stops on SIGTERM', async () => {
    const kc = path.join(tmp, 'cli-kubeconfig');
    const run = runCli(['--scenario', SANDBOX, '--kubeconfig-out', kc, '--user', 'alice', '--namespace', 'ml-team']);
    const line = await run.stdout;
    expect(line).toMatch(/^Kubernetes stand-in listening on https:\/\/127\.0\.0\.1:\d+\n$/);
    const cfg = YAML.parse(readFileSync(kc, 'utf8'));
    expect(cfg.users[0]).toEqual({ name: 'alice', user: { token: 'alice-token' } });
    expect(cfg.contexts[0].context).toEqual({ cluster: 'kube-standin', user: 'alice', namespace: 'ml-team' });
    expect(cfg.clusters[0].cluster.server).toBe(line.trim().split(' ').pop());
    run.proc.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 20_000);

  it('a bad scenario: one line on stderr, exit 2', async () => {
    const bad = write('cli-bad.yaml', 'groups: [nope]\n');
    const run = runCli(['--scenario', bad, '--kubeconfig-out', path.join(tmp, 'x')]);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toBe(`${bad}: groups[0]: expected "legacy" (sagemaker.aws.amazon.com) or "ack" (sagemaker.services.k8s.aws), got "nope"\n`);
  }, 20_000);

  it('a busy port: one line on stderr, exit 2', async () => {
    const s = await startKubeStandIn();
    try {
      const run = runCli(['--port', String(s.port), '--kubeconfig-out', path.join(tmp, 'y')]);
      expect(await run.exit).toBe(2);
      expect(run.stderr()).toBe(`port ${s.port} on 127.0.0.1 is already in use\n`);
    } finally {
      await s.close();
    }
  }, 20_000);
});
