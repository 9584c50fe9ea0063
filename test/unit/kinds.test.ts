import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/core/exit-codes';
import { KIND_WORDS, parseKind, qualified, splitKindName } from '../../src/kube/kinds';

describe('parseKind', () => {
  it('accepts every contract word, case-insensitively, in both groups', () => {
    for (const [type, words] of Object.entries(KIND_WORDS)) {
      for (const w of words) {
        for (const variant of [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]) {
          const q = parseKind(variant);
          expect(q.jobType).toBe(type);
          expect(q.pinned).toBe(false);
          expect(q.candidates.map((c) => c.family).sort()).toEqual(['ack', 'legacy']);
        }
      }
    }
  });
  it('maps each family to the right plural per group', () => {
    expect(parseKind('btj').candidates.map(qualified)).toEqual(['batchtransformjobs.sagemaker.aws.amazon.com', 'transformjobs.sagemaker.services.k8s.aws']);
    expect(parseKind('endpoint').candidates.map(qualified)).toEqual(['hostingdeployments.sagemaker.aws.amazon.com', 'endpoints.sagemaker.services.k8s.aws']);
    expect(parseKind('hpo').candidates.map((c) => c.kind)).toEqual(['HyperparameterTuningJob', 'HyperParameterTuningJob']);
  });
  it('pins the group for qualified forms', () => {
    for (const text of ['trainingjobs.sagemaker.services.k8s.aws', 'TrainingJob.sagemaker.services.k8s.aws', 'trainingjobs.v1alpha1.sagemaker.services.k8s.aws']) {
      const q = parseKind(text);
      expect(q.pinned).toBe(true);
      expect(q.candidates.map(qualified)).toEqual(['trainingjobs.sagemaker.services.k8s.aws']);
    }
    expect(parseKind('hostingdeployments.sagemaker.aws.amazon.com').jobType).toBe('endpoint');
  });
  it('never takes core endpoints or unknown words', () => {
    for (const w of ['endpoints.v1', 'pods', 'trainingjobs.example.com', 'transformjobs.sagemaker.aws.amazon.com']) {
      expect(() => parseKind(w)).toThrowError(expect.objectContaining({ exitCode: ExitCode.Usage, message: expect.stringContaining('trainingjob|trainingjobs|tj') }));
    }
  });
});

describe('splitKindName', () => {
  it('splits KIND/NAME but not ARNs', () => {
    expect(splitKindName('tj/x')).toEqual({ kind: 'tj', name: 'x' });
    expect(splitKindName('arn:aws:sagemaker:r:1:training-job/x')).toBeUndefined();
    expect(splitKindName('tj/')).toBeUndefined();
  });
});
