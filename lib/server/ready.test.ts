import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { markBootFailed, markReady, whenReady } from './ready';

// Request wrappers wait on this instead of booting the server themselves (lib/server/boot.ts settles it).

afterEach(() => {
  delete (globalThis as { ailegrReady?: unknown }).ailegrReady;
  vi.useRealTimers();
});

async function outcome(promise: Promise<void>): Promise<string> {
  return promise.then(
    () => 'ready',
    (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : `unexpected: ${String(error)}`),
  );
}

describe('whenReady', () => {
  it('waits for a boot under way and resolves when it is marked ready', async () => {
    const waiting = outcome(whenReady(60_000));
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    markReady();
    expect(await waiting).toBe('ready');
    expect(await outcome(whenReady(0))).toBe('ready');
  });

  it('answers 503 unavailable, without the cause, once booting has failed', async () => {
    const waiting = outcome(whenReady(60_000));
    markBootFailed('DATABASE_URL: connection refused');
    const expected = 'unavailable: The server could not start; its log says why';
    expect(await waiting).toBe(expected);
    expect(await outcome(whenReady())).toBe(expected);
  });

  it('answers 503 unavailable when booting takes longer than the wait, and serves once it is done', async () => {
    vi.useFakeTimers();
    const waiting = outcome(whenReady(30_000));
    await vi.advanceTimersByTimeAsync(29_999);
    markReady();
    expect(await waiting).toBe('ready');
    delete (globalThis as { ailegrReady?: unknown }).ailegrReady;
    const late = outcome(whenReady(30_000));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await late).toBe('unavailable: The server is still starting: try again in a moment');
    markReady();
    expect(await outcome(whenReady(30_000))).toBe('ready');
  });
});
