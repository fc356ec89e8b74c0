import type { Column, Fields } from './records.js';

/**
 * Every export is one document: metadata fields (`exportedAt`, then the job or the
 * query), then one table of rows (the job's files, or the jobs of a list).
 */
export interface TableDocument<Row> {
  /** XML root element. */
  readonly root: string;
  readonly meta: Fields;
  /** Name of the table (JSON key, XML element). */
  readonly table: string;
  /** Name of one row (XML element). */
  readonly row: string;
  readonly columns: ReadonlyArray<Column<Row>>;
}

/** Writes a document piece by piece: everything before the rows, each row, the end. */
export interface DocumentWriter<Row> {
  head(): string;
  row(row: Row): string;
  tail(): string;
}
