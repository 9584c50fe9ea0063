import { describe, expect, it } from 'vitest';
import { endpointScope, narrowScope, scopeForJob, singleJobScope, tuningScope } from '../../src/logs/scope';

describe('log scopes', () => {
  it('training streams: group, prefix with the slash, host label without the epoch', () => {
    const s = scopeForJob({ type: 'training', name: 'train', region: 'r' });
    expect(s.group).toBe('/aws/sagemaker/TrainingJobs');
    expect(s.prefix).toBe('train/');
    expect(s.classify('train/algo-1-1755684904')).toEqual({ job: 'train', instance: 'algo-1', label: 'algo-1' });
    // `train` is a prefix of `train-v2`; the slash keeps the other job out.
    expect(s.classify('train-v2/algo-1-1755684904')).toBeUndefined();
    expect(s.classify('train/')).toBeUndefined();
  });

  it('a restart is the same host', () => {
    const s = singleJobScope('/g', 'j');
    expect(s.classify('j/algo-2-1755684904')?.instance).toBe(s.classify('j/algo-2-1755689999')?.instance);
  });

  it('transform data-log streams keep their suffix in the label', () => {
    const s = scopeForJob({ type: 'transform', name: 't', region: 'r' });
    expect(s.group).toBe('/aws/sagemaker/TransformJobs');
    expect(s.classify('t/i-0abc123-1755684904')).toEqual({ job: 't', instance: 'i-0abc123', label: 'i-0abc123' });
    expect(s.classify('t/i-0abc123-1755684904/data-log')).toEqual({ job: 't', instance: 'i-0abc123', label: 'i-0abc123/data-log' });
  });

  it('processing and endpoint groups', () => {
    expect(scopeForJob({ type: 'processing', name: 'p', region: 'r' }).group).toBe('/aws/sagemaker/ProcessingJobs');
    const e = endpointScope('ep');
    expect(e.group).toBe('/aws/sagemaker/Endpoints/ep');
    expect(e.prefix).toBeUndefined();
    expect(e.classify('AllTraffic/i-0abc')).toEqual({ job: 'ep', instance: 'AllTraffic/i-0abc', label: 'AllTraffic/i-0abc' });
    expect(() => scopeForJob({ type: 'tuning', name: 'h', region: 'r' })).toThrow();
  });

  it('tuning: known children and the observed child naming, not a sibling tuning job', () => {
    const children = new Set(['hpo-001-5e2a9c41']);
    const s = tuningScope('hpo', children);
    expect(s.prefix).toBe('hpo-');
    expect(s.classify('hpo-001-5e2a9c41/algo-1-1755684904')).toEqual({ job: 'hpo-001-5e2a9c41', instance: '001-5e2a9c41/algo-1', label: '001-5e2a9c41/algo-1' });
    expect(s.classify('hpo-2-001-5e2a9c41/algo-1-1755684904')).toBeUndefined();
    // A child not listed yet is still recognised by SageMaker's naming, so none of its lines are lost.
    expect(s.classify('hpo-002-0badc0de/algo-1-1755684904')?.job).toBe('hpo-002-0badc0de');
    expect(s.classify('hpo-002-0badc0de')).toBeUndefined();
  });

  it('--instance matches a host and its restarts, not algo-10; -p is a raw prefix', () => {
    const s = narrowScope(scopeForJob({ type: 'training', name: 'j', region: 'r' }), ['algo-1'], []);
    expect(s.classify('j/algo-1-1755684904')).toBeDefined();
    expect(s.classify('j/algo-1-1755689999')).toBeDefined();
    expect(s.classify('j/algo-10-1755684904')).toBeUndefined();
    expect(s.classify('j/algo-2-1755684904')).toBeUndefined();
    const p = narrowScope(scopeForJob({ type: 'training', name: 'j', region: 'r' }), [], ['algo-1']);
    expect(p.classify('j/algo-10-1755684904')).toBeDefined();
    expect(p.classify('j/algo-2-1755684904')).toBeUndefined();
    const t = narrowScope(tuningScope('h', new Set(['h-001-00000000'])), ['algo-1'], []);
    expect(t.classify('h-001-00000000/algo-1-1755684904')).toBeDefined();
  });
});
