import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRecurringRunner, type RecurringRunner } from './runner';

describe('recurring runner', () => {
  let runner: RecurringRunner | undefined;
  afterEach(async () => {
    await runner?.stop();
    vi.useRealTimers();
  });

  it('never overlaps: a slow sweep makes the ticks that find it running skip', async () => {
    vi.useFakeTimers();
    let active = 0;
    let maxActive = 0;
    const started: string[] = [];
    const skipped: string[] = [];
    runner = createRecurringRunner({
      intervalMs: 100,
      runAtStartup: false,
      sweep: async (trigger) => {
        started.push(trigger);
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 350)); // slower than three intervals
        active--;
      },
      onSkip: (trigger) => skipped.push(trigger),
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(1_000);
    // Ticks at 100 (starts, ends 450), 200–400 skip, 500 (starts, ends 850), 600–800 skip, 900 starts.
    expect(started).toEqual(['interval', 'interval', 'interval']);
    expect(skipped).toEqual(['interval', 'interval', 'interval', 'interval', 'interval', 'interval', 'interval']);
    expect(maxActive).toBe(1);
    const stopped = runner.stop(); // the third sweep is still running: stop waits for it
    await vi.advanceTimersByTimeAsync(400);
    await stopped;
    expect(active).toBe(0);
  });

  it('runs a startup burst of two guarded runs, then stops cleanly between runs', async () => {
    vi.useFakeTimers();
    const started: string[] = [];
    let aborted = false;
    runner = createRecurringRunner({
      intervalMs: 60_000,
      runAtStartup: true,
      burstGapMs: 1_000,
      sweep: async (trigger, signal) => {
        started.push(trigger);
        await new Promise((resolve) => setTimeout(resolve, 10));
        aborted = signal.aborted;
      },
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(started).toEqual(['startup', 'startup']);
    const stopping = runner.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    await stopping;
    expect(started).toEqual(['startup', 'startup']);
    expect(aborted).toBe(false);
    expect(await runner.runOnce('manual')).toBe('skipped');
  });

  it('stop() signals a running sweep and waits for it to finish', async () => {
    let sawAbort = false;
    let release!: () => void;
    runner = createRecurringRunner({
      intervalMs: 60_000,
      runAtStartup: false,
      sweep: async (_trigger, signal) => {
        await new Promise<void>((resolve) => (release = resolve));
        sawAbort = signal.aborted;
      },
    });
    const run = runner.runOnce('manual');
    expect(runner.running).toBe(true);
    const stopped = runner.stop();
    release();
    await stopped;
    expect(await run).toBe('ran');
    expect(sawAbort).toBe(true);
    expect(runner.running).toBe(false);
  });
});
