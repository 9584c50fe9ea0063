// The soak of `npm run soak` (test/soak), small enough for CI: the same 16-instance job, the same
// compressed clock and every fault at once, 40,000 events instead of a million. The real plugin
// follows it to the end through the Kubernetes stand-in; every event must be printed exactly once
// and every kind of fault must actually have been injected, so a quiet run cannot pass for a
// rough one.
import { describe, expect, it } from 'vitest';
import { runSoak, soakTable, type SoakResult } from '../soak/soak-run';

function explain(r: SoakResult): string {
  return [soakTable(r), 'missing, e.g.:', ...r.missingSample.map((e) => JSON.stringify(e)), 'duplicated, e.g.:', ...r.duplicatedSample, 'stderr:', ...r.stderrTail].join('\n');
}

describe('soak (short)', () => {
  it('16 instances × 2,500 events under every fault: each printed exactly once, exit 0', async () => {
    const r = await runSoak({ events: 40_000, instances: 16, trainingMs: 3 * 60_000, speed: 10 });
    const why = explain(r);
    expect(r.problems, why).toEqual([]);
    expect(r.stored, why).toBe(40_000);
    expect(r.printed, why).toBe(40_000);
    expect({ missing: r.missing, duplicated: r.duplicated, unexpected: r.unexpected }, why).toEqual({ missing: 0, duplicated: 0, unexpected: 0 });
    expect(r.exitCode, why).toBe(0);

    // Each fault was injected, from the stand-in's own request log.
    const f = r.faults;
    expect(f.throttle ?? 0, why).toBeGreaterThan(0);
    expect((f['internal-error'] ?? 0) + (f.unavailable ?? 0), why).toBeGreaterThan(0);
    expect(f['drop-mid-response'] ?? 0, why).toBeGreaterThan(0);
    expect(f['empty-page'] ?? 0, why).toBeGreaterThan(0);
    const durations = r.requests.map((q) => q.durationMs ?? 0);
    expect(Math.max(...durations) - Math.min(...durations), 'latency jitter').toBeGreaterThan(20);
    // Late and out of order: lines ingested after newer lines of their own stream, 20 s and more late.
    expect(r.outOfOrder, why).toBeGreaterThan(16 * 40);
    expect(r.maxLatenessMs, why).toBeGreaterThan(20_000);
  }, 90_000);

  it('a job that fails: exit 3, still nothing lost or doubled', async () => {
    const r = await runSoak({ events: 6_400, instances: 16, trainingMs: 40_000, speed: 10, outcome: 'Failed', seed: 11 });
    const why = explain(r);
    expect(r.problems, why).toEqual([]);
    expect(r.exitCode, why).toBe(3);
    expect(r.printed, why).toBe(6_400);
    expect(r.missing + r.duplicated + r.unexpected, why).toBe(0);
    expect(r.stderrTail.join('\n'), why).toMatch(/out of disk space/);
  }, 60_000);
});
