/**
 * `waitUntil` for these tests: a wait is a hang guard, never a speed assertion. On a loaded
 * 2-core machine a store or an element may take seconds to get somewhere, so no wait
 * gives up before 20 s (open-wc's default is 1 s). What must be fast is measured and
 * asserted on its own.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

const AT_LEAST_MS = 20_000;

export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { ...options, timeout: Math.max(options.timeout ?? 0, AT_LEAST_MS) });
}
