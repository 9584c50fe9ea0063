import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from '../../src/cli/confirm';
import { conditionsOf, resourceStatusOf } from '../../src/kube/resource-status';
import { crFixture } from '../helpers/fixtures';

describe('what the custom resource says', () => {
  it('reads the status fields of both operators', () => {
    expect(resourceStatusOf('legacy', 'training', crFixture('legacy-trainingjob-inprogress'))).toEqual({ status: 'InProgress', secondary: 'Training' });
    expect(resourceStatusOf('ack', 'training', crFixture('ack-trainingjob-failed'))).toEqual({
      status: 'Failed',
      secondary: 'Failed',
      failureReason: `AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage "ModuleNotFoundError: No module named 'evaluate'"\nCommand "/opt/conda/bin/python3.10 train.py --epochs 3 --model_name bert-base-uncased", exit code: 1`,
    });
    expect(resourceStatusOf('legacy', 'endpoint', crFixture('legacy-hostingdeployment-inservice'))).toEqual({ status: 'InService' });
    expect(resourceStatusOf('ack', 'training', crFixture('ack-trainingjob-unreconciled'))).toEqual({});
  });
  it('lists ACK conditions in order', () => {
    expect(conditionsOf(crFixture('ack-endpoint-inservice')).map((c) => `${c.type}=${c.status}`)).toEqual(['ACK.ResourceSynced=True', 'Ready=True']);
    expect(conditionsOf(crFixture('legacy-trainingjob-completed'))).toEqual([]);
  });
});

describe('the confirmation question', () => {
  async function ask(typed: string | null): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const answer = confirm('Stop? [y/N] ', input, output);
    if (typed === null) input.end();
    else input.write(typed);
    return answer;
  }
  it('only y or yes is a yes', async () => {
    expect(await ask('y\n')).toBe('yes');
    expect(await ask('YES\n')).toBe('yes');
    expect(await ask('\n')).toBe('no');
    expect(await ask('yep\n')).toBe('no');
  });
  it('end of input is a no, Ctrl-C an interruption', async () => {
    expect(await ask(null)).toBe('no');
    expect(await ask('\u0003')).toBe('interrupted');
  });
});
