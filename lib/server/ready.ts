import { AppError } from '@/lib/errors';

/**
 * How long a request waits for a boot still under way before it is answered 503. Next.js itself holds every
 * request until instrumentation's register() (which boots) has returned, on `next start` and `next dev` alike
 * (16.4: BaseServer.handleRequest awaits prepare(), which awaits register()), so this only matters for a host that
 * serves before booting is done.
 */
const READY_WAIT_MS = 30_000;

type Readiness = { state: 'starting' } | { state: 'ready' } | { state: 'failed'; reason: string };

interface ReadinessGate {
  current: Readiness;
  settled: Promise<void>;
  settle: () => void;
}

// One gate per process, however many times Next evaluates this module (instrumentation, each route bundle).
const globalForReady = globalThis as unknown as { ailegrReady?: ReadinessGate };

function gate(): ReadinessGate {
  if (!globalForReady.ailegrReady) {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    globalForReady.ailegrReady = { current: { state: 'starting' }, settled, settle };
  }
  return globalForReady.ailegrReady;
}

/** Called once the process has booted (lib/server/boot.ts; a test that prepares its database itself). */
export function markReady(): void {
  const g = gate();
  g.current = { state: 'ready' };
  g.settle();
}

/** Called when booting failed: requests are answered 503 rather than run against a half-prepared process. */
export function markBootFailed(reason: string): void {
  const g = gate();
  g.current = { state: 'failed', reason };
  g.settle();
}

/**
 * Resolves once the process has booted; what a request wrapper awaits instead of booting the server itself.
 * Throws `unavailable` (503) when booting failed or is still going after `waitMs`.
 */
export async function whenReady(waitMs = READY_WAIT_MS): Promise<void> {
  const g = gate();
  if (g.current.state === 'starting') {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    });
    await Promise.race([g.settled, timedOut]);
    clearTimeout(timer);
  }
  const readiness = g.current;
  if (readiness.state === 'starting') throw new AppError('unavailable', 'The server is still starting: try again in a moment');
  if (readiness.state === 'failed') throw new AppError('unavailable', 'The server could not start; its log says why');
}
