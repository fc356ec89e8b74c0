import type { Locale } from './locale.js';
import { formatNumber, pluralRules } from './format.js';

/**
 * The forms of a message that depends on a number, chosen by `Intl.PluralRules` from the
 * `count` parameter, e.g. `{ one: '{count} job', other: '{count} jobs' }`. French also
 * uses `many` for round millions; a missing form falls back to `other`.
 */
export type PluralMessage = { readonly other: string } & {
  readonly [Form in Exclude<Intl.LDMLPluralRule, 'other'>]?: string;
};

/** Plain text, with `{name}` placeholders; never markup. */
export type Message = string | PluralMessage;

export type MessageTable = { readonly [key: string]: Message };

/** A placeholder's value: text as is, numbers formatted for the locale. */
export type ParamValue = string | number;

type Placeholders<Text> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters a message takes: its placeholders, plus `count` for a plural message. */
export type MessageParams<M extends Message> = M extends string ? Placeholders<M> : 'count' | Placeholders<M[keyof M]>;

type ParamsArgument<M extends Message> = [MessageParams<M>] extends [never]
  ? []
  : [params: { readonly [Name in MessageParams<M>]: ParamValue }];

/** Translates `key` of one message table into `locale`, substituting the parameters as text. */
export type Translator<Table extends MessageTable> = <Key extends keyof Table & string>(
  locale: Locale,
  key: Key,
  ...params: ParamsArgument<Table[Key]>
) => string;

/** The messages of `en` in another language: exactly its keys (a missing or an extra key is a type error). */
export type Translation<En extends MessageTable> = { readonly [Key in keyof En]: Message };

/** A table of another language in a module of its own, loaded the first time an element speaks it. */
export type TranslationLoader<En extends MessageTable> = () => Promise<{ default: Translation<En> }>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The loads of tables not yet loaded, by language (English is always there). */
const unloaded: Record<Locale, Set<() => Promise<void>>> = { en: new Set(), fr: new Set() };

/**
 * Undefined when every table declared so far is loaded in `locale`; else a promise that
 * settles when they are (a table that failed to load falls back to English, and its
 * load is tried again at the next call). Elements wait for it before they render.
 */
export function messagesReady(locale: Locale): Promise<void> | undefined {
  const loads = unloaded[locale];
  if (loads.size === 0) return undefined;
  return Promise.all([...loads].map((load) => load().catch(() => {}))).then(() => {});
}

/**
 * Declares the messages of one element (or of a shared set) in every language. Keys and
 * parameters are typed from `en`; `fr` must have exactly the same keys, which the
 * compiler checks (a missing or an extra key is a type error). `fr` may be a table, or
 * a loader of its module (`() => import('./messages.fr.js')`), so that a page in English
 * never downloads it: until it has loaded, French falls back to English, which is why
 * elements wait for `messagesReady` before they render.
 */
export function defineMessages<const En extends MessageTable, const Fr extends { readonly [Key in keyof En]: Message }>(messages: {
  en: En;
  fr: Fr & { readonly [Extra in Exclude<keyof Fr, keyof En>]: never };
}): Translator<En>;
export function defineMessages<const En extends MessageTable>(messages: { en: En; fr: TranslationLoader<En> }): Translator<En>;
export function defineMessages(messages: {
  en: MessageTable;
  fr: MessageTable | TranslationLoader<MessageTable>;
}): Translator<MessageTable> {
  const tables: Partial<Record<Locale, MessageTable>> & { en: MessageTable } = { en: messages.en };
  const fr = messages.fr;
  if (typeof fr === 'function') {
    let loading: Promise<void> | undefined;
    const load = (): Promise<void> =>
      (loading ??= fr().then(
        (module) => {
          tables.fr = module.default;
          unloaded.fr.delete(load);
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      ));
    unloaded.fr.add(load);
  } else {
    tables.fr = fr;
  }
  return (locale, key, ...[params]) => {
    const message = (tables[locale] ?? tables.en)[key] ?? tables.en[key];
    // Only untyped callers get here: show the key rather than nothing.
    if (message === undefined) return key;
    const values = params as Readonly<Record<string, ParamValue>> | undefined;
    const text = typeof message === 'string' ? message : pluralForm(message, locale, values?.['count']);
    if (!values) return text;
    // A replacer function: `$&` or `$1` in a value stays literal text.
    return text.replace(PLACEHOLDER, (placeholder, name: string) =>
      Object.hasOwn(values, name) ? paramText(values[name] as ParamValue, locale) : placeholder,
    );
  };
}

function pluralForm(message: PluralMessage, locale: Locale, count: ParamValue | undefined): string {
  if (count === undefined) return message.other;
  return message[pluralRules(locale).select(Number(count))] ?? message.other;
}

function paramText(value: ParamValue, locale: Locale): string {
  return typeof value === 'number' ? formatNumber(value, locale) : value;
}
