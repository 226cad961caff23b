// Runs once per server process before the first request (Next.js), on the Node runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootServerOrExit } = await import('./lib/server/boot');
  await bootServerOrExit();
}
