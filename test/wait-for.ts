/**
 * Polls `probe` on a timer until it gives a truthy value, and returns it; fails naming what
 * was awaited. Timers, not frames: a page in the background gets no frames. A wait is a
 * hang guard, never a speed assertion (what must be fast is measured on its own), so it
 * gives a loaded 2-core machine 20 s by default.
 */
export async function waitFor<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
