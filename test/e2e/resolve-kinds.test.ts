// KIND end to end: every word of the contract's table (singular, plural, short, fully qualified
// plural.group and Kind.version.group, KIND/NAME, any case) against the fixtures of both operator
// families, through the plugin and a few through `kubectl smlogs`. The `logs` verb prints its
// header (resource, SageMaker job, region, status) on stderr and exits 0.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness';
import { trainingJob } from '../standins/aws';
import { lines } from './support/requests';
import { ACK, casing, FIXTURES, HPO_CHILD, LEGACY, pluralKind, WORDS, type Fixture, type JobType } from './support/resolve-fixtures';
import { clockAt, fixtureCluster, fixtureJobs } from './support/world';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: clockAt(2 * 3600_000), aws: { scenario: fixtureJobs() }, kube: { scenario: fixtureCluster() } });
  h.aws.sagemaker.addJob(trainingJob({ name: HPO_CHILD, instanceType: 'ml.m5.xlarge', lifecycle: { at: '-1h' } }));
});
afterAll(() => h?.close());

interface KindCase {
  readonly args: string[];
  readonly f: Fixture;
  readonly via?: 'kubectl';
}

// Each word once against a fixture of each family (as KIND NAME or KIND/NAME, in three casings);
// then each fixture by a fully qualified form: Plural.group/NAME, Kind.version.GROUP NAME,
// plural.group NAME or singular.group/NAME. Every fixture is resolved at least twice, every word
// in both families.
const KIND_CASES: KindCase[] = [];
for (const type of Object.keys(WORDS) as JobType[]) {
  for (const family of ['legacy', 'ack'] as const) {
    const fs = FIXTURES.filter((f) => f.type === type && f.family === family);
    WORDS[type].forEach((w, i) => {
      const f = fs[i % fs.length]!;
      const word = casing(w, i + (family === 'ack' ? 1 : 0));
      KIND_CASES.push({ args: i % 2 === 0 ? [word, f.name] : [`${word}/${f.name}`], f, ...(i === 2 ? { via: 'kubectl' as const } : {}) });
    });
  }
}
FIXTURES.forEach((f, i) => {
  const group = f.family === 'legacy' ? LEGACY : ACK;
  const version = f.family === 'legacy' ? 'v1' : 'v1alpha1';
  const forms = [[`${pluralKind(f)}.${group}/${f.name}`], [`${f.kind}.${version}.${group.toUpperCase()}`, f.name], [`${f.plural}.${group}`, f.name], [`${f.kind.toLowerCase()}.${group}/${f.name}`]];
  KIND_CASES.push({ args: forms[i % forms.length]!, f });
});

describe.concurrent('KIND words: every word, both families, every fixture', () => {
  for (const c of KIND_CASES) {
    it(`${c.via === 'kubectl' ? 'kubectl smlogs ' : ''}${c.args.join(' ')} → ${c.f.family} ${c.f.kind}`, async ({ expect }) => {
      const r = await h.run(c.args, c.via ? { via: c.via } : {});
      expect(lines(r.stderr)[0]).toBe(c.f.header);
      expect(r.stderr).not.toContain('error');
      expect(r.code).toBe(0);
    });
  }

  it('covers every word of the contract with each family, and every fixture at least two ways', ({ expect }) => {
    for (const type of Object.keys(WORDS) as JobType[]) {
      for (const w of WORDS[type]) {
        for (const family of ['legacy', 'ack']) {
          expect(KIND_CASES.some((c) => c.f.family === family && c.args[0]!.split('/')[0]!.toLowerCase() === w)).toBe(true);
        }
      }
    }
    for (const f of FIXTURES) expect(KIND_CASES.filter((c) => c.f === f).length).toBeGreaterThanOrEqual(2);
  });
});

