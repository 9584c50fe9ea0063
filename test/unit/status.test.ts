import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/core/exit-codes';
import { endsFollow, exitCodeFor, phaseOf } from '../../src/sagemaker/status';

describe('phaseOf', () => {
  it.each([
    ['training', 'InProgress', undefined, 'running'],
    ['training', 'Stopping', 'Stopping', 'stopping'],
    ['training', 'Completed', 'Completed', 'completed'],
    ['training', 'Failed', 'Failed', 'failed'],
    ['training', 'Stopped', 'Stopped', 'stopped'],
    // A job stopped by its own limits failed, for CI purposes (contract: exit 3).
    ['training', 'Stopped', 'MaxRuntimeExceeded', 'failed'],
    ['training', 'Stopped', 'MaxWaitTimeExceeded', 'failed'],
    ['tuning', 'Completed', undefined, 'completed'],
    ['tuning', 'DeleteFailed', undefined, 'failed'],
    ['transform', 'Stopped', undefined, 'stopped'],
    ['processing', 'InProgress', undefined, 'running'],
    ['endpoint', 'Creating', undefined, 'running'],
    ['endpoint', 'InService', undefined, 'completed'],
    ['endpoint', 'Failed', undefined, 'failed'],
    ['training', 'SomethingNew', undefined, 'running'],
  ] as const)('%s %s/%s → %s', (type, status, secondary, want) => {
    const p = phaseOf(type, status, secondary);
    expect(p.kind === 'ended' ? p.outcome : p.kind).toBe(want);
  });

  it('never ends a follow for endpoints', () => {
    expect(endsFollow('endpoint', 'InService')).toBeUndefined();
    expect(endsFollow('endpoint', 'Failed')).toBeUndefined();
    expect(endsFollow('training', 'Stopping')).toBeUndefined();
    expect(endsFollow('training', 'Failed')).toBe('failed');
  });

  it('maps outcomes to the contract exit codes', () => {
    expect(exitCodeFor('completed')).toBe(ExitCode.Ok);
    expect(exitCodeFor('failed')).toBe(3);
    expect(exitCodeFor('stopped')).toBe(4);
  });
});
