/**
 * `waitUntil` for these tests, on the suite's one wait (test/wait-for.ts): a wait is a hang
 * guard, never a speed assertion. On a loaded 2-core machine a store or an element may take
 * seconds to get somewhere, so no wait gives up before 20 s (open-wc's default is 1 s).
 * What must be fast is measured and asserted on its own.
 */
import { waitFor } from '../wait-for.js';

const AT_LEAST_MS = 20_000;

export async function waitUntil(predicate: () => unknown, message = 'the condition', options: { timeout?: number } = {}): Promise<void> {
  await waitFor(predicate, message, Math.max(options.timeout ?? 0, AT_LEAST_MS));
}
