// Paths to the third-party clients the fidelity and end-to-end tests drive.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const binDir = path.join(repoRoot, 'bin');

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The real kubectl: $SMLOGS_TEST_KUBECTL, else .tools/kubectl (installed by .ci/run), else PATH. */
export function kubectlPath(): string {
  const fromEnv = process.env.SMLOGS_TEST_KUBECTL;
  if (fromEnv) return fromEnv;
  const local = path.join(repoRoot, '.tools', 'bin', 'kubectl');
  if (existsSync(local)) return local;
  const found = which('kubectl');
  if (!found) throw new Error('kubectl not found: run .ci/run or set SMLOGS_TEST_KUBECTL');
  return found;
}

/**
 * The AWS CLI v2 from Debian's awscli package. Called by its full path: an AWS CLI v1 may come
 * first on PATH, and v2.9 ignores AWS_ENDPOINT_URL, so tests pass --endpoint-url.
 */
export function awsCliPath(): string {
  const p = process.env.SMLOGS_TEST_AWS_CLI ?? '/usr/bin/aws';
  if (!existsSync(p)) throw new Error(`AWS CLI v2 not found at ${p}: run .ci/run (apt-get install awscli)`);
  return p;
}

/**
 * Whether the kubectl under test is the Google Cloud SDK dispatcher, which picks a bundled
 * kubectl by the server's /version (a plain kubectl, e.g. the one .ci/run installs, does not).
 */
export function isKubectlDispatcher(): boolean {
  try {
    return execFileSync(kubectlPath(), ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('dispatcher');
  } catch {
    return false;
  }
}
