// Waiting for a condition that another part of the system makes true asynchronously.

/** Resolves once `condition` holds, checking every 10 ms; fails after `attempts` checks. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, attempts = 500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}
