/** The languages the elements speak. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The language to use for a `lang` value: its primary subtag when we speak it
 * (`fr-CA` → `fr`), English otherwise. Without a value (null, undefined or empty), the
 * page's `<html lang>`, then the browser's language.
 */
export function resolveLocale(lang?: string | null): Locale {
  const tag = lang || globalThis.document?.documentElement.lang || globalThis.navigator?.language || '';
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary === 'fr' ? 'fr' : 'en';
}

/**
 * The language of an element: the nearest `lang` attribute on it or its ancestors,
 * crossing shadow roots up to their hosts, as `:lang()` would see it.
 */
export function localeOf(element: Element): Locale {
  // An element's own `lang` property first: a Lit element renders before it reflects a new
  // value to its attribute.
  const own = (element as Partial<HTMLElement>).lang;
  if (own) return resolveLocale(own);
  let node: Element | null = element;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) return resolveLocale(withLang.getAttribute('lang'));
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return resolveLocale();
}
