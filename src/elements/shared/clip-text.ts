import { html } from 'lit';

/**
 * Strings from a server are shown whole up to `MAX_SHOWN_CHARS`; past it, a prefix and an
 * ellipsis. Chrome lays some long text out in time that grows with its square: a 1 MB job
 * name in a list cell blocks the page for seconds. Exports and searches keep the whole.
 */
export const MAX_SHOWN_CHARS = 1000;

/** `text`, or its first `max` characters and `…` (never half of a surrogate pair). */
export function clipText(text: string, max: number = MAX_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

const wordBreak = html`<wbr />`;

/**
 * `text` (clipped) with a line-break opportunity after each `_`, `:`, `/` and `.`, so that
 * identifiers such as `INTERRUPTED_TAPE_UNAVAILABLE` or `Destaging:cctv_records` wrap at
 * their joints rather than mid-word. The parts stay text, never markup.
 */
export function breakableText(text: string): (string | typeof wordBreak)[] {
  return clipText(text)
    .split(/(?<=[_:/.])/)
    .flatMap((part, i) => (i === 0 ? [part] : [wordBreak, part]));
}
