// The README's bad-input table is generated from the catalogue the e2e tests run
// (test/e2e/bad-input.catalogue.ts): this fails when someone edits one without the other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { END, renderCatalogue, START, withCatalogue } from '../../scripts/catalogue';
import { CATALOGUE } from '../e2e/bad-input.catalogue';

const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README ### Bad input', () => {
  it('holds exactly the rendered catalogue (run `npm run catalogue` after changing it)', () => {
    const block = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    expect(block).toBe(renderCatalogue());
    expect(withCatalogue(readme)).toBe(readme);
  });

  it('sits in its own subsection of ## Reliability', () => {
    const section = readme.indexOf('\n## Reliability\n');
    const bad = readme.indexOf('\n### Bad input\n');
    const next = readme.indexOf('\n## ', section + 1);
    expect(section).toBeGreaterThan(0);
    expect(bad).toBeGreaterThan(section);
    expect(readme.indexOf(START)).toBeGreaterThan(bad);
    expect(readme.indexOf(END)).toBeLessThan(next);
  });

  it('renders every row once, with its id, exit code and every stderr line', () => {
    const table = renderCatalogue();
    for (const r of CATALOGUE) {
      const line = table.split('\n').filter((l) => l.startsWith(`| ${r.id} |`));
      expect(line, r.id).toHaveLength(1);
      expect(line[0]).toContain(` | ${r.exitCode} | `);
      for (const l of r.stderr) expect(line[0]).toContain(l.replace(/\|/g, '\\|'));
    }
  });

  it('refuses a README without the markers', () => {
    expect(() => withCatalogue('# no table here\n')).toThrow(/bad-input:start/);
  });
});
