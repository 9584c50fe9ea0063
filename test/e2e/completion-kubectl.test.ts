// `kubectl smlogs <TAB>` end to end: the real kubectl (≥ 1.26) runs kubectl_complete-smlogs, which
// answers from the Kubernetes stand-in. Runs the script (bin/) or, with SMLOGS_TEST_BIN, the
// single executable linked under both names.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness';
import { binDir, kubectlPath } from '../helpers/tools';
import { fixtureCluster } from './support/world';

let h: Harness;
let pathDir: string;

beforeAll(async () => {
  h = await startHarness({ kube: { scenario: fixtureCluster() } });
  pathDir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-complete-path-'));
  const bin = process.env.SMLOGS_TEST_BIN;
  // The single executable answers completion when it runs as kubectl_complete-smlogs.
  symlinkSync(bin ?? path.join(binDir, 'kubectl-smlogs'), path.join(pathDir, 'kubectl-smlogs'));
  symlinkSync(bin ?? path.join(binDir, 'kubectl_complete-smlogs'), path.join(pathDir, 'kubectl_complete-smlogs'));
});
afterAll(async () => {
  await h?.close();
  if (pathDir) rmSync(pathDir, { recursive: true, force: true });
});

interface Out {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Out> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...h.env, PATH: `${pathDir}${path.delimiter}${h.env.PATH ?? ''}`, ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const kubectlComplete = (...args: string[]): Promise<Out> => run(kubectlPath(), ['__complete', 'smlogs', ...args]);
const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
const names = (s: string): string[] => lines(s).filter((l) => !l.startsWith(':')).map((l) => l.split('\t')[0]!);

/** kubectl's own debug lines ("[Debug] About to call ...", "Completion ended with directive: ...") are all stderr may hold. */
function quiet(stderr: string): void {
  const other = lines(stderr).filter((l) => !/^(?:Completion ended with directive|\[Debug\] )/.test(l));
  expect(other).toEqual([]);
}

describe('kubectl __complete smlogs', () => {
  it('lists the TrainingJobs of the current namespace from both groups', async () => {
    const r = await kubectlComplete('trainingjob', '');
    expect(r.code).toBe(0);
    quiet(r.stderr);
    expect(names(r.stdout).sort()).toEqual(['9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', 'bert-sentiment', 'churn-xgb', 'llama-lora-sft', 'resnet50-finetune', 'xgboost-mnist']);
    expect(lines(r.stdout).at(-1)).toBe(':4');
    expect(r.stdout).toContain('churn-xgb\tTrainingJob (legacy operator), Completed');
    expect(r.stdout).toContain('bert-sentiment\tTrainingJob (ACK), Failed');
  });

  it('filters by the typed prefix and completes KIND/NAME', async () => {
    expect(names((await kubectlComplete('describe', 'tj', 'x')).stdout)).toEqual(['xgboost-mnist']);
    expect(names((await kubectlComplete('trainingjob/ch')).stdout)).toEqual(['trainingjob/churn-xgb']);
    expect(names((await kubectlComplete('endpoint', '')).stdout).sort()).toEqual(['churn-endpoint', 'xgboost-hosting']);
  });

  it('honours -n, --context and --kubeconfig given earlier on the line', async () => {
    const empty = await kubectlComplete('-n', 'empty', 'trainingjob', '');
    expect(empty.stdout).toBe(':4\n');
    const other = await kubectlComplete('--context', 'nope', 'trainingjob', '');
    expect(other.stdout).toBe(':4\n');
    quiet(other.stderr);
    const viaFlag = await kubectlComplete('--kubeconfig', h.kubeconfig, '--namespace=ml-team', 'describe', 'tj', 'c');
    expect(names(viaFlag.stdout)).toEqual(['churn-xgb']);
  });

  it('completes verbs, kinds, flags and flag values', async () => {
    const first = await kubectlComplete('');
    expect(names(first.stdout)).toEqual(expect.arrayContaining(['logs', 'describe', 'stop', 'wait', 'list', 'completion', 'version', 'trainingjob', 'endpoint']));
    expect(names((await kubectlComplete('describe', '--out')).stdout)).toEqual(['--output']);
    expect(names((await kubectlComplete('describe', '-o', '')).stdout)).toEqual(['text', 'json', 'yaml']);
    expect(names((await kubectlComplete('--color', '')).stdout)).toEqual(['auto', 'always', 'never']);
    expect(names((await kubectlComplete('--timestamps=')).stdout)).toEqual(['rfc3339', 'short', 'epoch']);
    expect(names((await kubectlComplete('--timezone', 'u')).stdout)).toEqual(['utc']);
    expect(names((await kubectlComplete('-n', '')).stdout)).toEqual(expect.arrayContaining(['ml-team', 'empty', 'locked']));
    expect(names((await kubectlComplete('--context', '')).stdout)).toEqual(['sandbox']);
  });

  it('prints just the directive, quickly and quietly, when the cluster is unreachable or silent', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-dead-'));
    // A server that accepts connections and never answers.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const kc = (server: string): string => {
        const f = path.join(dir, `kc-${server.replace(/\W/g, '')}`);
        writeFileSync(f, `apiVersion: v1\nkind: Config\ncurrent-context: d\nclusters: [{name: d, cluster: {server: "${server}"}}]\nusers: [{name: d, user: {token: t}}]\ncontexts: [{name: d, context: {cluster: d, user: d}}]\n`);
        return f;
      };
      for (const server of ['https://127.0.0.1:1', `https://127.0.0.1:${port}`]) {
        const r = await kubectlComplete('--kubeconfig', kc(server), 'trainingjob', '');
        expect(r.stdout, server).toBe(':4\n');
        quiet(r.stderr);
        expect(r.ms, server).toBeLessThan(10_000);
      }
    } finally {
      silent.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kubectl_complete-smlogs alone speaks the same protocol', async () => {
    const r = await run(path.join(pathDir, 'kubectl_complete-smlogs'), ['describe', 'trainingjob', 'chu']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('churn-xgb\tTrainingJob (legacy operator), Completed\n:4\n');
    const plugin = await run(path.join(pathDir, 'kubectl-smlogs'), ['__completeNoDesc', 'describe', 'trainingjob', 'chu']);
    expect(plugin.stdout).toBe('churn-xgb\n:4\n');
  });
});
