// Shell completion without I/O: parsing the partial command line, the candidates offered, the
// directives, Cobra's output format, and how lookups, failures and deadlines end.
import { describe, expect, it } from 'vitest';
import { complete, Directive, formatCompletion, planCompletion, type Candidate, type CompletionPlan, type Lookup } from '../../src/cli/completion';
import { completionScript } from '../../src/cli/completion-scripts';
import { commandSpec } from '../../src/cli/run';

const spec = commandSpec();
const plan = (...args: string[]): CompletionPlan => planCompletion(spec, args);
const values = (p: CompletionPlan): string[] => p.candidates.map((c) => c.value);

const VERBS = ['logs', 'describe', 'stop', 'wait', 'list', 'completion', 'version'];
const KIND_SINGULARS = ['trainingjob', 'hyperparametertuningjob', 'tuningjob', 'batchtransformjob', 'transformjob', 'processingjob', 'hostingdeployment', 'endpoint'];

describe('completion: verbs and kinds', () => {
  it('offers the verbs and the kinds (for the default verb, logs) on an empty line', () => {
    const p = plan('');
    expect(values(p)).toEqual([...VERBS, ...KIND_SINGULARS]);
    expect(p.directive).toBe(Directive.NoFileComp);
    expect(p.lookup).toBeUndefined();
    expect(p.candidates.find((c) => c.value === 'describe')?.description).toMatch(/side by side/);
    expect(p.candidates.find((c) => c.value === 'trainingjob')?.description).toBe('training job (TrainingJob)');
  });

  it('filters by what is typed', () => {
    expect(values(plan('desc'))).toEqual(['describe']);
    expect(values(plan('t'))).toEqual(['trainingjob', 'tuningjob', 'transformjob']);
    expect(values(plan('end'))).toEqual(['endpoint']);
  });

  it('offers plural and short words once they are typed', () => {
    expect(values(plan('tj'))).toEqual(['tj']);
    expect(values(plan('hp'))).toEqual(['hpo']);
    expect(values(plan('trainingjobs'))).toEqual(['trainingjobs']);
    expect(values(plan('btj'))).toEqual(['btj']);
  });

  it('offers plural.group forms after a dot', () => {
    expect(values(plan('trainingjobs.'))).toEqual(['trainingjobs.sagemaker.aws.amazon.com', 'trainingjobs.sagemaker.services.k8s.aws']);
    expect(values(plan('endpoints.sagemaker.s'))).toEqual(['endpoints.sagemaker.services.k8s.aws']);
  });

  it('offers kinds only, not verbs, after a verb', () => {
    for (const verb of ['logs', 'describe', 'stop', 'wait', 'list']) {
      const p = plan(verb, '');
      expect(values(p), verb).toEqual(KIND_SINGULARS);
      expect(p.verb).toBe(verb);
    }
  });

  it('offers the shells after completion, the verbs after help, nothing after version', () => {
    expect(values(plan('completion', ''))).toEqual(['bash', 'zsh', 'fish']);
    expect(values(plan('completion', 'z'))).toEqual(['zsh']);
    expect(values(plan('help', 'st'))).toEqual(['stop']);
    const v = plan('version', '');
    expect(values(v)).toEqual([]);
    expect(v.directive).toBe(Directive.NoFileComp);
  });
});

describe('completion: resource names', () => {
  it('asks the cluster for the names of the kind after KIND', () => {
    for (const args of [['trainingjob', ''], ['logs', 'trainingjob', ''], ['describe', 'tj', 'ch'], ['stop', 'trainingjobs.sagemaker.aws.amazon.com', ''], ['wait', 'hpo', '']]) {
      const p = plan(...args);
      expect(p.lookup, args.join(' ')).toEqual({ what: 'names', kind: args[args.length - 2], prefix: '' });
      expect(p.filter).toBe(args[args.length - 1]);
      expect(p.candidates).toEqual([]);
      expect(p.directive).toBe(Directive.NoFileComp);
    }
  });

  it('completes KIND/NAME as one word', () => {
    const p = plan('trainingjob/ch');
    expect(p.lookup).toEqual({ what: 'names', kind: 'trainingjob', prefix: 'trainingjob/' });
    expect(p.filter).toBe('trainingjob/ch');
    expect(plan('describe', 'hd/').lookup).toEqual({ what: 'names', kind: 'hd', prefix: 'hd/' });
  });

  it('asks nothing for an unknown kind, after KIND/NAME, after NAME, for list or for an ARN', () => {
    for (const args of [['pods', ''], ['bogus/x'], ['trainingjob/x', ''], ['describe', 'tj', 'x', ''], ['list', 'tj', ''], ['tj', 'arn:aws:sagemaker']]) {
      const p = plan(...args);
      expect(p.lookup, args.join(' ')).toBeUndefined();
      expect(p.candidates, args.join(' ')).toEqual([]);
      expect(p.directive).toBe(Directive.NoFileComp);
    }
  });

  it('keeps the connection flags given earlier on the line, wherever they are', () => {
    const p = plan('-n', 'ml-team', '--context=prod', 'describe', '--kubeconfig', '/tmp/kc', 'trainingjob', '--as-group', 'a', '--as-group=b', '');
    expect(p.lookup).toEqual({ what: 'names', kind: 'trainingjob', prefix: '' });
    expect(p.options).toMatchObject({ namespace: 'ml-team', context: 'prod', kubeconfig: '/tmp/kc', asGroup: ['a', 'b'] });
    expect(p.verb).toBe('describe');
    expect(plan('-nml', 'tj', '').options.namespace).toBe('ml');
    expect(plan('tj', '--namespace', 'x', '').options.namespace).toBe('x');
  });

  it('reads --tail and --timestamps the way argv.ts does', () => {
    // --tail takes a number only; bare, it stands alone (tail -f).
    expect(plan('--tail', 'tj', '').lookup).toEqual({ what: 'names', kind: 'tj', prefix: '' });
    expect(plan('--tail', '20', 'tj', '').lookup).toEqual({ what: 'names', kind: 'tj', prefix: '' });
    expect(values(plan('--tail', ''))).toEqual([...VERBS, ...KIND_SINGULARS]);
    // --timestamps takes a format only.
    expect(plan('--timestamps', 'short', 'tj', '').lookup).toEqual({ what: 'names', kind: 'tj', prefix: '' });
    expect(plan('--timestamps', 'tj', '').lookup).toEqual({ what: 'names', kind: 'tj', prefix: '' });
    expect(values(plan('--timestamps', ''))).toEqual(['rfc3339', 'short', 'epoch', ...VERBS, ...KIND_SINGULARS]);
  });

  it('treats words after -- as arguments', () => {
    expect(plan('describe', '--', 'tj', '').lookup).toEqual({ what: 'names', kind: 'tj', prefix: '' });
  });
});

describe('completion: flags', () => {
  it('lists the flags of the verb, long and short', () => {
    const p = plan('describe', '-');
    expect(values(p)).toEqual(expect.arrayContaining(['--output', '-o', '--color', '--namespace', '-n', '--context', '--kubeconfig', '--help', '-h']));
    expect(values(p)).not.toContain('--follow');
    expect(p.directive).toBe(Directive.NoFileComp);
    expect(p.candidates.find((c) => c.value === '--namespace')?.description).toMatch(/namespace/);
  });

  it('lists long flags only after --, and filters', () => {
    expect(values(plan('logs', '--fo'))).toEqual(['--follow']);
    expect(values(plan('logs', '--tim'))).toEqual(['--timeout', '--timestamps', '--timezone']);
    expect(values(plan('logs', '--')).every((v) => v.startsWith('--'))).toBe(true);
  });

  it('lists the flags of logs (the default verb) before any verb', () => {
    expect(values(plan('--fol'))).toEqual(['--follow']);
    expect(values(plan('tj', 'x', '--be'))).toEqual(['--best']);
  });

  it('hides hidden flags and flags already given, but not repeatable ones', () => {
    expect(values(plan('logs', '--'))).not.toContain('--username');
    expect(values(plan('describe', '-o', 'json', '--o'))).toEqual([]);
    expect(values(plan('describe', '--output=json', '-'))).not.toContain('-o');
    expect(values(plan('logs', '--instance', 'algo-1', '--inst'))).toEqual(['--instance']);
    expect(values(plan('logs', '--follow', '--fo'))).toEqual([]);
  });
});

describe('completion: flag values', () => {
  it('completes --output per verb', () => {
    expect(values(plan('--output', ''))).toEqual(['default', 'raw', 'json', 'legacy']);
    expect(values(plan('logs', '-o', 'j'))).toEqual(['json']);
    expect(values(plan('describe', '-o', ''))).toEqual(['text', 'json', 'yaml']);
    expect(values(plan('list', '-o', ''))).toEqual(['text', 'wide', 'json', 'yaml']);
    expect(values(plan('wait', '-o', ''))).toEqual(['default', 'raw', 'json', 'legacy']);
    expect(values(plan('version', '-o', ''))).toEqual(['text', 'json']);
  });

  it('completes --flag=value with the values alone (Cobra: the shell puts the flag back)', () => {
    const p = plan('list', '--output=w');
    expect(values(p)).toEqual(['wide']);
    expect(p.filter).toBe('w');
    expect(values(plan('--color='))).toEqual(['auto', 'always', 'never']);
    expect(values(plan('--timestamps='))).toEqual(['rfc3339', 'short', 'epoch']);
    expect(values(plan('--follow='))).toEqual([]);
  });

  it('completes --color, --timestamps, --timezone and --region', () => {
    expect(values(plan('--color', ''))).toEqual(['auto', 'always', 'never']);
    expect(values(plan('describe', '--color', 'n'))).toEqual(['never']);
    expect(values(plan('--timezone', ''))).toEqual(['utc', 'local']);
    expect(values(plan('--region', 'eu-w'))).toEqual(['eu-west-1', 'eu-west-2', 'eu-west-3']);
  });

  it('asks the cluster or the config files for namespaces, contexts, clusters, users and profiles', () => {
    expect(plan('-n', '').lookup).toEqual({ what: 'namespaces' });
    expect(plan('describe', '--namespace=ml').lookup).toEqual({ what: 'namespaces' });
    expect(plan('describe', '--namespace=ml').filter).toBe('ml');
    expect(plan('--context', '').lookup).toEqual({ what: 'contexts' });
    expect(plan('--cluster', '').lookup).toEqual({ what: 'clusters' });
    expect(plan('--user', '').lookup).toEqual({ what: 'users' });
    expect(plan('--profile', '').lookup).toEqual({ what: 'profiles' });
  });

  it('lets the shell complete files and folders where a flag takes a path', () => {
    for (const f of ['--kubeconfig', '--certificate-authority', '--client-certificate', '--client-key']) {
      const p = plan(f, '');
      expect(p.directive, f).toBe(Directive.Default);
      expect(p.candidates).toEqual([]);
    }
    expect(plan('--cache-dir', '').directive).toBe(Directive.FilterDirs);
  });

  it('offers nothing (and no files) for free-form values', () => {
    for (const f of ['--since', '--tail=', '--filter-pattern', '--token', '--request-timeout', '--instance']) {
      const p = f.endsWith('=') ? plan(f) : plan(f, '');
      expect(p.candidates, f).toEqual([]);
      expect(p.lookup, f).toBeUndefined();
      expect(p.directive, f).toBe(Directive.NoFileComp);
    }
  });
});

describe('completion: output and running', () => {
  const cands: Candidate[] = [{ value: 'a', description: 'first\tone' }, { value: 'b' }];

  it("prints Cobra's format: value<TAB>description, then :directive", () => {
    expect(formatCompletion(cands, 4, true)).toBe('a\tfirst one\nb\n:4\n');
    expect(formatCompletion(cands, 4, false)).toBe('a\nb\n:4\n');
    expect(formatCompletion([], 0, true)).toBe(':0\n');
  });

  const run = async (args: string[], lookup: (l: Lookup) => Promise<readonly Candidate[]>, deadlineMs?: number): Promise<string> => {
    let out = '';
    const code = await complete(spec, args, true, { lookup, write: (t) => (out += t), ...(deadlineMs ? { deadlineMs } : {}) });
    expect(code).toBe(0);
    return out;
  };

  it('adds what the cluster answers, filtered, with the KIND/ prefix', async () => {
    const names = async (): Promise<Candidate[]> => [{ value: 'churn-xgb', description: 'TrainingJob (legacy operator), Completed' }, { value: 'xgboost-mnist' }];
    expect(await run(['describe', 'tj', ''], names)).toBe('churn-xgb\tTrainingJob (legacy operator), Completed\nxgboost-mnist\n:4\n');
    expect(await run(['tj', 'x'], names)).toBe('xgboost-mnist\n:4\n');
    expect(await run(['tj/c'], names)).toBe('tj/churn-xgb\tTrainingJob (legacy operator), Completed\n:4\n');
  });

  it('passes the flags of the line to the lookup', async () => {
    let seen: unknown;
    let out = '';
    await complete(spec, ['-n', 'ml-team', '--context', 'c', 'tj', ''], false, { lookup: async (_l, o) => ((seen = o), []), write: (t) => (out += t) });
    expect(seen).toMatchObject({ namespace: 'ml-team', context: 'c' });
    expect(out).toBe(':4\n');
  });

  it('prints just the directive when the lookup fails', async () => {
    expect(await run(['tj', ''], async () => Promise.reject(new Error('connection refused')))).toBe(':4\n');
  });

  it('gives up on a lookup that hangs', async () => {
    const started = Date.now();
    expect(await run(['tj', ''], () => new Promise(() => undefined), 100)).toBe(':4\n');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('never fails on odd input', async () => {
    const never = async (): Promise<Candidate[]> => [];
    for (const args of [[], ['--'], ['-'], ['--=x'], ['-n'], ['describe', '--output'], ['\t\n'], ['=', '']]) {
      expect(await run(args, never), JSON.stringify(args)).toMatch(/:\d+\n$/);
    }
  });
});

describe('completion scripts', () => {
  it('register a completion function for kubectl-smlogs in each shell', () => {
    expect(completionScript('bash')).toMatch(/\ncomplete -F __kubectl_smlogs_complete kubectl-smlogs\n$/);
    expect(completionScript('bash')).toContain('__completeNoDesc');
    expect(completionScript('zsh')).toMatch(/^#compdef kubectl-smlogs\n/);
    expect(completionScript('zsh')).toContain('__complete ');
    expect(completionScript('fish')).toContain("complete -c kubectl-smlogs -f -a '(__kubectl_smlogs_complete)'");
  });
});
