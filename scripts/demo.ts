// `npm run demo`: the sandbox, then `kubectl smlogs trainingjob mnist-ddp --follow` through the
// real kubectl, following a 4-instance training job from Starting to Completed. Exits with the
// plugin's exit code (0 when the job completes).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO, startFailure, startSandbox } from './sandbox/world';

/** The machine's kubectl, else one installed into .tools/bin on first use. */
function kubectl(root: string): string {
  spawnSync(path.join(root, 'scripts', 'install-kubectl.sh'), { stdio: 'inherit' });
  const local = path.join(root, '.tools', 'bin', 'kubectl');
  return existsSync(local) ? local : 'kubectl';
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const home = mkdtempSync(path.join(os.tmpdir(), 'smlogs-demo-'));
  let sandbox;
  try {
    sandbox = await startSandbox({ dir: home });
  } catch (e) {
    process.stderr.write(`${startFailure(e)}\n`);
    process.exit(2);
  }
  const args = ['smlogs', DEMO.kind, DEMO.name, '-n', DEMO.namespace, '--follow'];
  process.stderr.write(`$ kubectl ${args.join(' ')}\n`);
  const env = {
    ...process.env,
    ...sandbox.env,
    // A fresh discovery cache and no profile of the developer's own.
    HOME: home,
    KUBECACHEDIR: path.join(home, 'cache'),
    AWS_CONFIG_FILE: path.join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws-credentials'),
    PATH: `${path.join(root, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  const child = spawn(kubectl(root), args, { env, stdio: 'inherit' });
  const code = await new Promise<number>((resolve) => {
    child.on('error', (e) => {
      process.stderr.write(`demo: cannot run kubectl: ${e.message} (scripts/install-kubectl.sh installs one)\n`);
      resolve(1);
    });
    child.on('close', (c, sig) => resolve(c ?? (sig === 'SIGINT' ? 130 : 1)));
  });
  await sandbox.close();
  rmSync(home, { recursive: true, force: true });
  process.exit(code);
}

void main();
