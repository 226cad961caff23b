// Runs once per server process before the first request (Next.js), on the Node runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootServer } = await import('./lib/server/boot');
  try {
    await bootServer();
  } catch (error) {
    // A server that cannot boot (bad settings, no database) must not linger answering 500 to everything.
    console.error(`AiLegr cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
