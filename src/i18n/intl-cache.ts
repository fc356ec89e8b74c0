/** The `Intl` formatters of `format.ts` and `format-quantities.ts`, built once per locale, zone and purpose. */
import type { Locale } from './locale.js';

/** The regional variant each language is formatted with. */
export const INTL_TAGS: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

const formatters = new Map<string, unknown>();

/** The formatter kept under `key`, built by `build` the first time. */
export function cached<T>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}
