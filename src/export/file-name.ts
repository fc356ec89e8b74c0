import type { ExportFormat } from './formats.js';

/** Longest name, in characters and in UTF-8 bytes (most file systems stop at 255 bytes). */
const MAX_CHARACTERS = 120;
const MAX_BYTES = 240;

/**
 * Characters no file name may hold on some system, or that would mislead: Windows'
 * `<>:"/\|?*`, C0 and C1 controls, bidirectional controls (U+202E could show
 * `report‮vsc.exe` as `reportexe.csv`), zero-width characters and the BOM, lone surrogates.
 */
// eslint-disable-next-line no-control-regex -- it finds the control characters to replace
const UNSAFE = /[<>:"/\\|?*\0-\x1F\x7F-\x9F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]|\p{Cs}/gu;
/** Windows' reserved device names, forbidden whatever the extension. */
const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$/i;

/** The base of a file name made safe on every system: `Duplication:tar_2-39` → `Duplication_tar_2-39`. */
function safeFileBaseName(name: string): string {
  let base = name
    .replace(UNSAFE, '_')
    .trim()
    .replace(/^[. ]+|[. ]+$/g, '');
  if (RESERVED.test(base)) base = `_${base}`;
  return base || 'export';
}

/**
 * The name of an export's file, from a job name (or any label) and the export's time in
 * UTC: `exportFileName('Duplication:tar_2-39', 'csv', at)` →
 * `Duplication_tar_2-39-2025-10-23T10-24-21Z.csv`. Safe on Windows, macOS and Linux, at
 * most 120 characters and 240 UTF-8 bytes (a long base name is cut).
 */
export function exportFileName(baseName: string, format: ExportFormat, at: Date): string {
  const suffix = `-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.${format}`;
  const characters = Array.from(safeFileBaseName(baseName));
  const encoder = new TextEncoder();
  let keep = Math.min(characters.length, MAX_CHARACTERS - suffix.length);
  while (keep > 0 && encoder.encode(characters.slice(0, keep).join('') + suffix).length > MAX_BYTES) keep -= 1;
  // Cutting may leave a trailing dot or space, which Windows drops: remove it.
  const base = characters
    .slice(0, keep)
    .join('')
    .replace(/[. ]+$/, '');
  return `${base || 'export'}${suffix}`;
}
