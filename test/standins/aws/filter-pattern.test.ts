import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { compileFilterPattern } from './filter-pattern';

const m = (p: string | undefined, s: string) => compileFilterPattern(p)(s);

describe('filter patterns', () => {
  it('matches everything when absent or empty', () => {
    expect(m(undefined, 'x')).toBe(true);
    expect(m('', 'x')).toBe(true);
    expect(m('   ', 'x')).toBe(true);
  });

  it('requires all literal terms, case-sensitively', () => {
    expect(m('ERROR disk', 'ERROR: disk full')).toBe(true);
    expect(m('ERROR disk', 'ERROR: memory')).toBe(false);
    expect(m('error', 'ERROR')).toBe(false);
  });

  it('supports quoted phrases with escapes', () => {
    expect(m('"out of memory"', 'CUDA out of memory!')).toBe(true);
    expect(m('"out of memory"', 'out of the memory')).toBe(false);
    expect(m('"say \\"hi\\""', 'they say "hi" here')).toBe(true);
    expect(m('"loss=0.4" epoch', '[epoch 3] loss=0.43')).toBe(true);
  });

  it('supports -exclusions and ?alternatives', () => {
    expect(m('ERROR -Retrying', 'ERROR Retrying in 5s')).toBe(false);
    expect(m('ERROR -Retrying', 'ERROR fatal')).toBe(true);
    expect(m('?WARN ?ERROR', 'WARN low disk')).toBe(true);
    expect(m('?WARN ?ERROR', 'INFO ok')).toBe(false);
    expect(m('step ?WARN ?ERROR', 'ERROR no step')).toBe(true);
    expect(m('step ?WARN ?ERROR', 'ERROR no stop')).toBe(false);
  });

  it('supports %regex%', () => {
    expect(m('%loss=0\\.[0-3]%', 'loss=0.25')).toBe(true);
    expect(m('%loss=0\\.[0-3]%', 'loss=0.45')).toBe(false);
  });

  it('rejects unsupported JSON / space-delimited patterns and bad syntax with InvalidParameterException', () => {
    for (const p of ['{ $.level = "ERROR" }', '[ip, user, ...]', '"unterminated', '%(%']) {
      let err: unknown;
      try {
        compileFilterPattern(p);
      } catch (e) {
        err = e;
      }
      expect(err, p).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('InvalidParameterException');
    }
  });
});
