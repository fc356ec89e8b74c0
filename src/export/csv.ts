/**
 * CSV (RFC 4180): UTF-8 with a byte order mark (so Excel reads accents), CRLF line ends,
 * every text cell quoted, quotes doubled; numbers the export writes itself (sizes, counts,
 * version) bare, so that a spreadsheet reads them as numbers.
 *
 * Layout: a metadata section of `field,value` rows (nested names joined with dots, e.g.
 * `job.progress.files.total`; a list takes one cell per value after its name, e.g.
 * `query.states,RUNNING,SCHEDULED`), then one blank line, then the table with a header
 * row. A null value is an empty cell.
 *
 * Spreadsheet formula injection (OWASP's "CSV Injection"): a text cell starting with `=`,
 * `+`, `-`, `@`, tab or CR gets a leading `'`, so a spreadsheet shows it as text instead
 * of running it. Excel opens a `.csv` with the list separator of the user's locale (`;` in
 * French and German), and a spreadsheet that splits on another separator than ours, or
 * ignores the quotes, starts a cell after any `,`, `;`, tab or quote inside a text: a
 * formula start right after one of those gets a `'` too (`x;=cmd` is written `"x;'=cmd"`).
 * UTF-8 cannot carry a lone surrogate: it is written as U+FFFD.
 */
import type { DocumentWriter, TableDocument } from './document.js';
import { isFieldList, type Fields, type Scalar } from './records.js';

const BYTE_ORDER_MARK = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
/** Where a formula would start a cell if the text were split at a `,`, `;`, tab or quote inside it. */
const FORMULA_AFTER_SEPARATOR = /(?<=[,;\t"])(?=[=+\-@\t\r])/g;
const LONE_SURROGATE = /\p{Cs}/gu;

/** One cell: a number bare, a text neutralised and quoted. */
export function csvCell(value: Scalar): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = value.replace(LONE_SURROGATE, '\uFFFD').replace(FORMULA_AFTER_SEPARATOR, "'");
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}

function metaLines(fields: Fields, prefix: string): string {
  let lines = '';
  for (const [name, value] of fields) {
    const path = prefix + name;
    if (Array.isArray(value)) lines += metaLines(value as Fields, `${path}.`);
    else if (isFieldList(value)) lines += csvLine([csvCell(path), ...value.values.map(csvCell)]);
    else lines += csvLine([csvCell(path), csvCell(value as Scalar)]);
  }
  return lines;
}

export function csvWriter<Row>(document: TableDocument<Row>): DocumentWriter<Row> {
  const { columns } = document;
  return {
    head: () =>
      BYTE_ORDER_MARK +
      csvLine(['field', 'value'].map(csvCell)) +
      metaLines(document.meta, '') +
      '\r\n' +
      csvLine(columns.map((column) => csvCell(column.name))),
    row: (row) => csvLine(columns.map((column) => csvCell(column.value(row)))),
    tail: () => '',
  };
}
