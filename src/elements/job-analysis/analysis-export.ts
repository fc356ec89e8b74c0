/**
 * A table of the analysis view as a CSV file, through the export's own writer (the same
 * quoting and formula neutralisation as every export): the time and the query in the
 * metadata, then the rows as the table shows them, numbers as numbers.
 */
import { csvWriter } from '../../export/csv.js';
import { exportFileName } from '../../export/file-name.js';
import { queryFields, type Scalar } from '../../export/records.js';
import { saveExport } from '../../export/save.js';
import type { JobQuery } from '../../model/index.js';

/** One table: the column names, and a row of values per line. */
export interface AnalysisTable {
  /** What the table is, in the file's name and metadata (`run-times`, …). */
  name: string;
  columns: readonly string[];
  rows: readonly (readonly Scalar[])[];
}

/** The CSV text of a table, in chunks. */
export async function* analysisCsv(table: AnalysisTable, query: JobQuery, at: Date): AsyncIterable<string> {
  const writer = csvWriter<readonly Scalar[]>({
    root: 'analysis',
    meta: [
      ['exportedAt', at.toISOString()],
      ['table', table.name],
      ['query', queryFields(query)],
    ],
    table: table.name,
    row: 'row',
    columns: table.columns.map((name, i) => ({ name, value: (row: readonly Scalar[]) => row[i] ?? null })),
  });
  yield writer.head();
  for (const row of table.rows) yield writer.row(row);
  yield writer.tail();
}

/** Saves a table as `analysis-<name>-<time>.csv` (a download, by default). */
export function saveAnalysisTable(
  table: AnalysisTable,
  query: JobQuery,
  save: (chunks: AsyncIterable<string>, fileName: string) => Promise<unknown> = (chunks, fileName) => saveExport(chunks, fileName, 'csv'),
): Promise<unknown> {
  const at = new Date();
  return save(analysisCsv(table, query, at), exportFileName(`analysis-${table.name}`, 'csv', at));
}
