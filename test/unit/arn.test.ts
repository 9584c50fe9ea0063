import { describe, expect, it } from 'vitest';
import { buildArn, parseSageMakerArn } from '../../src/sagemaker/arn';

describe('parseSageMakerArn', () => {
  it('parses every job type', () => {
    expect(parseSageMakerArn('arn:aws:sagemaker:us-west-2:111122223333:training-job/xgb-1')).toEqual({
      partition: 'aws', region: 'us-west-2', account: '111122223333', type: 'training', name: 'xgb-1', arn: 'arn:aws:sagemaker:us-west-2:111122223333:training-job/xgb-1',
    });
    expect(parseSageMakerArn('arn:aws:sagemaker:us-east-1:1:hyper-parameter-tuning-job/h')?.type).toBe('tuning');
    expect(parseSageMakerArn('arn:aws:sagemaker:us-east-1:1:hyperparameter-tuning-job/h')?.type).toBe('tuning');
    expect(parseSageMakerArn('arn:aws:sagemaker:us-east-1:1:transform-job/t')?.type).toBe('transform');
    expect(parseSageMakerArn('arn:aws:sagemaker:us-east-1:1:processing-job/p')?.type).toBe('processing');
    expect(parseSageMakerArn('arn:aws-cn:sagemaker:cn-north-1:1:endpoint/e')).toMatchObject({ partition: 'aws-cn', type: 'endpoint', name: 'e' });
  });
  it('splits at the first slash after the fifth colon', () => {
    expect(parseSageMakerArn('arn:aws:sagemaker:us-east-1:1:training-job/a/b')?.name).toBe('a/b');
  });
  it.each(['arn:aws:s3:::bucket/key', 'arn:aws:sagemaker:us-east-1:1:model/m', 'training-job/x', 'arn:aws:sagemaker:us-east-1:1:training-job/'])('rejects %s', (a) => {
    expect(parseSageMakerArn(a)).toBeUndefined();
  });
  it('round-trips', () => {
    const arn = buildArn('tuning', 'h', 'eu-west-1', '123456789012');
    expect(arn).toBe('arn:aws:sagemaker:eu-west-1:123456789012:hyper-parameter-tuning-job/h');
    expect(parseSageMakerArn(arn)?.name).toBe('h');
  });
});
