/**
 * Runs once when the server starts: the embedded platform opens (and, on a
 * new machine, seeds its demo data) now, with a line in the terminal, rather
 * than during the first page a newcomer opens; and the app subscribes to its
 * page events so embeds refresh as soon as a page changes.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { host } = await import('./app/_server/host');
  try {
    await host().start({ log: (message) => console.log(`amdahl: ${message}`) });
  } catch (error) {
    console.error(`amdahl: the local platform did not start: ${(error as Error).message}`);
  }
}
