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
export type MessageParams<M extends Message> = M extends string
  ? Placeholders<M>
  : 'count' | Placeholders<M[keyof M]>;

type ParamsArgument<M extends Message> = [MessageParams<M>] extends [never]
  ? []
  : [params: { readonly [Name in MessageParams<M>]: ParamValue }];

/** Translates `key` of one message table into `locale`, substituting the parameters as text. */
export type Translator<Table extends MessageTable> = <Key extends keyof Table & string>(
  locale: Locale,
  key: Key,
  ...params: ParamsArgument<Table[Key]>
) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Declares the messages of one element (or of a shared set) in every language. Keys and
 * parameters are typed from `en`; `fr` must have exactly the same keys, which the
 * compiler checks (a missing or an extra key is a type error).
 */
export function defineMessages<
  const En extends MessageTable,
  const Fr extends { readonly [Key in keyof En]: Message },
>(messages: { en: En; fr: Fr & { readonly [Extra in Exclude<keyof Fr, keyof En>]: never } }): Translator<En> {
  const tables: Record<Locale, MessageTable> = messages;
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
