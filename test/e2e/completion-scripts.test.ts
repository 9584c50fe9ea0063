// `kubectl-smlogs completion bash|zsh|fish`: the scripts parse in their shells, and bash (and fish,
// where installed) complete `kubectl-smlogs ...` with them, names from the Kubernetes stand-in
// included.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginPath, startHarness, type Harness } from '../helpers/harness';
import { fixtureCluster } from './support/world';

let h: Harness;
let dir: string;
let env: NodeJS.ProcessEnv;

function has(shell: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
}

beforeAll(async () => {
  h = await startHarness({ kube: { scenario: fixtureCluster() } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'smlogs-scripts-'));
  // The scripts complete `kubectl-smlogs`, found on PATH.
  symlinkSync(pluginPath(), path.join(dir, 'kubectl-smlogs'));
  env = { ...h.env, PATH: `${dir}${path.delimiter}${h.env.PATH ?? ''}` };
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = spawnSync(pluginPath(), ['completion', shell], { env, encoding: 'utf8' });
    expect(r.status, shell).toBe(0);
    expect(r.stderr, shell).toBe('');
    writeFileSync(path.join(dir, `script.${shell}`), r.stdout);
  }
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('completion scripts', () => {
  it('bash: the script is valid (bash -n)', () => {
    execFileSync('bash', ['-n', path.join(dir, 'script.bash')]);
  });

  it.skipIf(!has('zsh'))('zsh: the script is valid (zsh -n)', () => {
    execFileSync('zsh', ['-n', path.join(dir, 'script.zsh')]);
  });

  it.skipIf(!has('fish'))('fish: the script is valid (fish -n)', () => {
    execFileSync('fish', ['-n', path.join(dir, 'script.fish')]);
  });

  it('refuses an unknown shell with one line', () => {
    const r = spawnSync(pluginPath(), ['completion', 'powershell'], { env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: unknown shell "powershell" for completion: use bash, zsh or fish\n');
  });

  // Asynchronous: the stand-ins answer from this process.
  const exec = promisify(execFile);

  /** What bash offers for a command line typed up to its end (plain bash, no bash-completion package). */
  async function bashComplete(line: string): Promise<string[]> {
    const script = `
source "$1"
COMP_LINE="$2"; COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<<"$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
__kubectl_smlogs_complete
printf '%s\\n' "\${COMPREPLY[@]}"
`;
    const { stdout } = await exec('bash', ['-c', script, 'bash', path.join(dir, 'script.bash'), line], { env, encoding: 'utf8' });
    return stdout.split('\n').filter((l) => l !== '');
  }

  it('bash: completes verbs, kinds, flag values and names from the cluster', async () => {
    expect(await bashComplete('kubectl-smlogs desc')).toEqual(['describe']);
    expect(await bashComplete('kubectl-smlogs describe -o ')).toEqual(['text', 'json', 'yaml']);
    expect(await bashComplete('kubectl-smlogs --output=')).toEqual(['default', 'raw', 'json', 'legacy']);
    expect((await bashComplete('kubectl-smlogs describe trainingjob ')).sort()).toEqual(['9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41', 'bert-sentiment', 'churn-xgb', 'llama-lora-sft', 'resnet50-finetune', 'xgboost-mnist']);
    expect(await bashComplete('kubectl-smlogs -n empty trainingjob ')).toEqual([]);
    expect(await bashComplete('kubectl-smlogs tj/x')).toEqual(['tj/xgboost-mnist']);
  });

  it('bash: falls back to file names where a flag takes a path', async () => {
    writeFileSync(path.join(dir, 'my-kubeconfig'), '');
    expect(await bashComplete(`kubectl-smlogs --kubeconfig ${dir}/my-k`)).toEqual([`${dir}/my-kubeconfig`]);
  });

  it.skipIf(!has('fish'))('fish: completes with descriptions', async () => {
    const fish = async (line: string): Promise<string[]> =>
      (await exec('fish', ['-c', `source ${path.join(dir, 'script.fish')}; complete -C '${line}'`], { env, encoding: 'utf8' })).stdout.split('\n').filter(Boolean).sort();
    expect(await fish('kubectl-smlogs describe trainingjob ch')).toEqual(['churn-xgb\tTrainingJob (legacy operator), Completed']);
    expect(await fish('kubectl-smlogs --color=a')).toEqual(['--color=always\talways colour', '--color=auto\tcolour on a terminal, unless NO_COLOR is set']);
  });
});
