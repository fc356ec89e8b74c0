import { csvWriter } from './csv.js';
import type { DocumentWriter, TableDocument } from './document.js';
import type { ExportFormat } from './formats.js';
import { jsonWriter } from './json.js';
import { xmlWriter } from './xml.js';

export function documentWriter<Row>(format: ExportFormat, document: TableDocument<Row>): DocumentWriter<Row> {
  switch (format) {
    case 'json':
      return jsonWriter(document);
    case 'xml':
      return xmlWriter(document);
    case 'csv':
      return csvWriter(document);
  }
}
