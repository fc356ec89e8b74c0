/**
 * XML 1.0, UTF-8, elements only (no attributes but one marker, no CDATA): each field is
 * an element named as the field, a list is an element holding one element per value,
 * a null value is an absent element.
 *
 * Text escapes `& < > " '`, and CR as `&#13;` (a parser would turn a raw CR into LF).
 * Characters XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; U+FFFE,
 * U+FFFF; lone surrogates) are replaced by U+FFFD, and the element whose text was
 * changed carries `sanitized="true"`: a reader can tell a replaced character from a
 * U+FFFD that was in the data.
 */
import type { DocumentWriter, TableDocument } from './document.js';
import { isFieldList, type Fields, type Scalar } from './records.js';

// eslint-disable-next-line no-control-regex -- it finds the control characters XML 1.0 forbids
const FORBIDDEN = /[\0-\x08\v\f\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/gu;
const SPECIAL = /[&<>"'\r]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** One element holding a value; empty for null. */
export function xmlElement(name: string, value: Scalar): string {
  if (value === null) return '';
  if (typeof value === 'number') return `<${name}>${value}</${name}>`;
  const safe = value.replace(FORBIDDEN, '\uFFFD');
  const text = safe.replace(SPECIAL, (char) => ENTITIES[char] as string);
  return safe === value ? `<${name}>${text}</${name}>` : `<${name} sanitized="true">${text}</${name}>`;
}

function fieldElements(fields: Fields, indent: string): string {
  let xml = '';
  for (const [name, value] of fields) {
    if (Array.isArray(value)) {
      xml += `${indent}<${name}>\n${fieldElements(value as Fields, `${indent}  `)}${indent}</${name}>\n`;
    } else if (isFieldList(value)) {
      const items = value.values.map((item) => xmlElement(value.item, item)).join('');
      xml += `${indent}<${name}>${items}</${name}>\n`;
    } else if (value !== null) {
      xml += `${indent}${xmlElement(name, value as Scalar)}\n`;
    }
  }
  return xml;
}

export function xmlWriter<Row>(document: TableDocument<Row>): DocumentWriter<Row> {
  const { root, table, row: rowName, columns } = document;
  return {
    head: () => `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>\n${fieldElements(document.meta, '  ')}  <${table}>\n`,
    row: (row) => {
      let xml = `    <${rowName}>`;
      for (const column of columns) xml += xmlElement(column.name, column.value(row));
      return `${xml}</${rowName}>\n`;
    },
    tail: () => `  </${table}>\n</${root}>\n`,
  };
}
