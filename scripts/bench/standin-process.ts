// The AWS stand-in in a process of its own, so that the tool and the peer under measurement do
// not share an event loop (or a CPU core's timing) with the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface StandInProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Requests recorded since `sinceSeq` (admin API, not itself recorded). */
  requests(sinceSeq?: number): Promise<Array<{ seq: number; wallTime: number; operation: string; status: number; errorCode?: string }>>;
  stop(): Promise<void>;
}

export async function startStandInProcess(scenario: object, file: string, args: string[] = []): Promise<StandInProcess> {
  writeFileSync(file, JSON.stringify(scenario));
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'test', 'standins', 'aws', 'cli.ts'), '--scenario', file, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`AWS stand-in exited (${code}): ${err.trim()}`)));
  });
  return {
    url,
    child,
    async requests(sinceSeq = 0) {
      const res = await fetch(`${url}/__standin/requests?since=${sinceSeq}`);
      const body = (await res.json()) as any;
      return Array.isArray(body) ? body : body.requests;
    },
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
