/**
 * JSON: one object, the metadata fields first (nested groups as objects, lists as
 * arrays, null as null), then the table as an array with one object per row on its own
 * line. Values go through `JSON.stringify`, which escapes lone surrogates (`\ud800`), so
 * every string comes back exactly.
 */
import type { DocumentWriter, TableDocument } from './document.js';
import { isFieldList, type FieldValue, type Fields, type Scalar } from './records.js';

type JsonValue = Scalar | readonly string[] | { [name: string]: JsonValue };

function jsonValue(value: FieldValue): JsonValue {
  if (Array.isArray(value)) return jsonObject(value as Fields);
  if (isFieldList(value)) return value.values;
  return value as Scalar;
}

function jsonObject(fields: Fields): { [name: string]: JsonValue } {
  const object: { [name: string]: JsonValue } = {};
  for (const [name, value] of fields) object[name] = jsonValue(value);
  return object;
}

export function jsonWriter<Row>(document: TableDocument<Row>): DocumentWriter<Row> {
  const { columns } = document;
  let rows = 0;
  return {
    head: () => {
      const meta = JSON.stringify(jsonObject(document.meta));
      // The metadata object, left open for the table.
      return `${meta.slice(0, -1)}${meta.length > 2 ? ',' : ''}${JSON.stringify(document.table)}:[`;
    },
    row: (row) => {
      const object: { [name: string]: Scalar } = {};
      for (const column of columns) object[column.name] = column.value(row);
      rows += 1;
      return (rows === 1 ? '\n' : ',\n') + JSON.stringify(object);
    },
    tail: () => (rows > 0 ? '\n]}\n' : ']}\n'),
  };
}
