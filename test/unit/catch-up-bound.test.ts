import { describe, expect, it } from 'vitest';
import { catchUpBound } from '../../src/logs/tail';

describe('catchUpBound', () => {
  const now = 1_800_000_000_000;
  it('is this machine\'s now plus a second when AWS is not behind it, or says nothing', () => {
    expect(catchUpBound(now, [])).toBe(now + 1000);
    expect(catchUpBound(now, [{}, { lastIngestionTime: now + 5000 }])).toBe(now + 1000);
  });
  it('is AWS\'s now (the newest ingestion of any stream) when this machine\'s clock runs ahead', () => {
    expect(catchUpBound(now, [{ lastIngestionTime: now - 30_000 }, { lastIngestionTime: now - 20_000 }, {}])).toBe(now - 19_000);
  });
});
