// --timeout longer than a Node.js timer can wait (2^31-1 ms, ~24.8 days): Node fires such a timer
// after 1 ms, so `wait --timeout 30d` used to exit 5 at once (found by the bad-input catalogue).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunControl } from '../../src/cli/runtime';
import { MAX_TIMER_MS } from '../../src/core/duration';

const DAY = 86_400_000;

describe('RunControl.setTimeout', () => {
  const controls: RunControl[] = [];
  afterEach(() => {
    controls.splice(0).forEach((c) => c.dispose());
    vi.useRealTimers();
  });
  const control = (): RunControl => {
    const c = new RunControl();
    controls.push(c);
    return c;
  };

  it('a 30-day timeout does not fire at once, and Node prints no TimeoutOverflowWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const c = control();
      c.setTimeout(30 * DAY);
      await new Promise((r) => setTimeout(r, 50));
      expect(c.reason).toBeUndefined();
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('fires at its deadline, not before, across several timer steps', () => {
    vi.useFakeTimers({ now: 0 });
    const c = control();
    c.setTimeout(30 * DAY);
    vi.advanceTimersByTime(MAX_TIMER_MS);
    expect(c.reason).toBeUndefined();
    vi.advanceTimersByTime(30 * DAY - MAX_TIMER_MS - 1);
    expect(c.reason).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(c.reason).toBe('timeout');
  });

  it('short timeouts fire as before; none for 0 or undefined', () => {
    vi.useFakeTimers({ now: 0 });
    const [a, b, z] = [control(), control(), control()];
    a.setTimeout(300);
    b.setTimeout(undefined);
    z.setTimeout(0);
    vi.advanceTimersByTime(300);
    expect([a.reason, b.reason, z.reason]).toEqual(['timeout', undefined, undefined]);
  });
});
