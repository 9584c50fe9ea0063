// End-to-end harness: both stand-ins on 127.0.0.1, a kubeconfig for them, and the plugin run as
// a user runs it (bin/kubectl-smlogs, or `kubectl smlogs` through the real kubectl, or the single
// binary when SMLOGS_TEST_BIN points at it), each run in its own environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAwsStandIn, type AwsStandIn, type Clock } from '../standins/aws';
import { startKubeStandIn, type KubeStandIn } from '../standins/kube';
import { isolatedEnv } from './env';
import { binDir, kubectlPath } from './tools';

/** Short loop timings so follow tests take a second, not a minute (see src/logs/tuning.ts). */
export const FAST_TUNING = 'pollMinMs=150,pollMaxMs=300,sweepEveryMs=800,discoveryEveryMs=400,drainGraceMs=300,statusIntervalMs=200,latenessMs=60000,hotLagMs=2000';

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface RunOptions {
  /** `bin` (default): the plugin directly; `kubectl`: `kubectl smlogs ...` with the plugin on PATH. */
  readonly via?: 'bin' | 'kubectl';
  readonly env?: Record<string, string | undefined>;
  readonly timeoutMs?: number;
  readonly input?: string;
}

export interface Harness {
  readonly aws: AwsStandIn;
  readonly kube: KubeStandIn;
  readonly kubeconfig: string;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  run(args: readonly string[], o?: RunOptions): Promise<RunResult>;
  start(args: readonly string[], o?: RunOptions): Running;
  close(): Promise<void>;
}

export interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves when stdout (or stderr) contains the text. */
  waitFor(text: string | RegExp, where?: 'stdout' | 'stderr', timeoutMs?: number): Promise<void>;
  done: Promise<RunResult>;
}

export interface HarnessOptions {
  readonly aws?: Parameters<typeof startAwsStandIn>[0];
  readonly kube?: Parameters<typeof startKubeStandIn>[0];
  readonly clock?: Clock;
  readonly namespace?: string;
  readonly tuning?: string;
}

/** The plugin executable under test. */
export function pluginPath(): string {
  return process.env.SMLOGS_TEST_BIN ?? path.join(binDir, 'kubectl-smlogs');
}

/** A folder holding `kubectl-smlogs` for PATH, whichever executable is under test. */
function pluginDir(): string {
  if (!process.env.SMLOGS_TEST_BIN) return binDir;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-bin-'));
  symlinkSync(process.env.SMLOGS_TEST_BIN, path.join(dir, 'kubectl-smlogs'));
  return dir;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const aws = await startAwsStandIn({ ...(o.clock ? { clock: o.clock } : {}), ...o.aws });
  const kube = await startKubeStandIn(o.kube);
  const iso = isolatedEnv({ awsEndpoint: aws.url });
  const kubeDir = path.join(iso.home, '.kube');
  mkdirSync(kubeDir, { recursive: true });
  const kubeconfig = path.join(kubeDir, 'config');
  kube.addTokenUser('tester', 'tester-token', ['system:authenticated']);
  kube.writeKubeconfig(kubeconfig, { user: 'tester', auth: 'token', context: 'sandbox', namespace: o.namespace ?? 'ml-team' });
  const env: NodeJS.ProcessEnv = { ...iso.env, KUBECONFIG: kubeconfig, SMLOGS_TUNING: o.tuning ?? FAST_TUNING };
  const dir = pluginDir();

  const launch = (args: readonly string[], r: RunOptions = {}): Running => {
    const runEnv: NodeJS.ProcessEnv = { ...env };
    for (const [k, v] of Object.entries(r.env ?? {})) {
      if (v === undefined) delete runEnv[k];
      else runEnv[k] = v;
    }
    const started = Date.now();
    let child: ChildProcess;
    if (r.via === 'kubectl') {
      runEnv.PATH = `${dir}${path.delimiter}${runEnv.PATH ?? ''}`;
      child = spawn(kubectlPath(), ['smlogs', ...args], { env: runEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    } else {
      child = spawn(pluginPath(), [...args], { env: runEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    }
    let out = '';
    let err = '';
    const waiters: Array<() => void> = [];
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      waiters.forEach((w) => w());
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      waiters.forEach((w) => w());
    });
    if (r.input !== undefined) child.stdin!.end(r.input);
    else child.stdin!.end();
    const timeout = setTimeout(() => child.kill('SIGKILL'), r.timeoutMs ?? 25_000);
    const done = new Promise<RunResult>((resolve) => {
      child.on('close', (code, signal) => {
        clearTimeout(timeout);
        resolve({ code, signal, stdout: out, stderr: err, ms: Date.now() - started });
      });
    });
    return {
      child,
      stdout: () => out,
      stderr: () => err,
      done,
      waitFor(text, where = 'stdout', ms = 15_000) {
        const has = (): boolean => {
          const s = where === 'stdout' ? out : err;
          return typeof text === 'string' ? s.includes(text) : text.test(s);
        };
        if (has()) return Promise.resolve();
        return new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)} on ${where}; stdout:\n${out}\nstderr:\n${err}`)), ms);
          const check = (): void => {
            if (has()) {
              clearTimeout(t);
              resolve();
            }
          };
          waiters.push(check);
          void done.then(() => {
            clearTimeout(t);
            if (has()) resolve();
            else reject(new Error(`process ended before ${String(text)} appeared on ${where}; stdout:\n${out}\nstderr:\n${err}`));
          });
        });
      },
    };
  };

  return {
    aws,
    kube,
    kubeconfig,
    home: iso.home,
    env,
    run: (args, r) => launch(args, r).done,
    start: launch,
    async close() {
      await Promise.allSettled([aws.close(), kube.close()]);
      iso.cleanup();
    },
  };
}
