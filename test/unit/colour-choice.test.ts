import { describe, expect, it } from 'vitest';
import { colourFor } from '../../src/cli/runtime';

describe('--color', () => {
  it('auto: only on a terminal, never with NO_COLOR (no-color.org) or TERM=dumb', () => {
    expect(colourFor('auto', true, {})).toBe(true);
    expect(colourFor('auto', false, {})).toBe(false);
    expect(colourFor('auto', true, { NO_COLOR: '1' })).toBe(false);
    // An empty NO_COLOR does not count, per no-color.org.
    expect(colourFor('auto', true, { NO_COLOR: '' })).toBe(true);
    expect(colourFor('auto', true, { TERM: 'dumb' })).toBe(false);
  });
  it('always and never win over everything', () => {
    expect(colourFor('always', false, { NO_COLOR: '1' })).toBe(true);
    expect(colourFor('never', true, {})).toBe(false);
  });
});
