import { html, type TemplateResult } from 'lit';
import { common, type Locale } from '../../i18n/index.js';
import { breakableText, clipText } from './clip-text.js';

/**
 * Invisible characters a server's text may hide to spoof what it shows: zero widths and
 * joiners, direction marks (U+200B–U+200F), embeddings and overrides (U+202A–U+202E), and
 * isolates (U+2066–U+2069). `invoice\u202Efdp.exe` shows as "invoiceexe.pdf": the right-to-left
 * override reverses what follows it. Shown here as marks instead, read in the order sent.
 */
const CONTROL = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/;
const CONTROLS = /([\u200B-\u200F\u202A-\u202E\u2066-\u2069])/;
const CONTROLS_GLOBAL = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Their Unicode names, which are the same in every language (a screen reader spells them out). */
const NAMES: Readonly<Record<string, string>> = {
  '\u200B': 'ZERO WIDTH SPACE',
  '\u200C': 'ZERO WIDTH NON-JOINER',
  '\u200D': 'ZERO WIDTH JOINER',
  '\u200E': 'LEFT-TO-RIGHT MARK',
  '\u200F': 'RIGHT-TO-LEFT MARK',
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
};

/** `U+202E` */
function codeOf(control: string): string {
  return `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether `text` holds a character this module shows as a mark. */
export function hasControls(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * `text` with each hidden control written `⟨U+202E⟩`: for what takes text only (a tooltip,
 * an accessible name, a chart's canvas). What `showControls` shows reads the same.
 */
export function controlsAsText(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS_GLOBAL, (control) => `⟨${codeOf(control)}⟩`) : text;
}

/**
 * `text` as shown: as it is when it hides nothing (the usual case, at the cost of one
 * test), else with each hidden control as a marked glyph `⟨U+202E⟩` that a screen reader
 * reads by its label and a pointer explains by its tooltip. Exports keep the text as sent.
 */
export function showControls(text: string, locale: Locale): string | TemplateResult {
  if (!CONTROL.test(text)) return text;
  return html`${text.split(CONTROLS).map((part, i) => (i % 2 ? glyph(part, locale) : part))}`;
}

/** `showControls` of the text clipped to a bounded length (as the elements show server strings). */
export function showClipped(text: string, locale: Locale): string | TemplateResult {
  return showControls(clipText(text), locale);
}

/** `breakableText` (line breaks at `_ : / .`) with the hidden controls shown. */
export function showBreakable(text: string, locale: Locale): (string | TemplateResult)[] {
  return breakableText(text).map((part) => (typeof part === 'string' ? showControls(part, locale) : part));
}

function glyph(control: string, locale: Locale): TemplateResult {
  const params = { code: codeOf(control), name: NAMES[control] ?? '' };
  return html`<span class="ac-control" role="img" aria-label=${common(locale, 'controlLabel', params)} title=${common(locale, 'controlTip', params)}
    >⟨${params.code}⟩</span
  >`;
}
