/** Polls `check` until it returns true or the time runs out; bounded, so a broken system fails the test instead of hanging. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`délai dépassé (${timeoutMs} ms) en attendant : ${what}`);
}
