/**
 * The analysis view's tables as CSV files, loaded at the first export (`ac-job-analysis.ts`):
 * each table as rows, numbers as numbers, then written by the export's own writer (the
 * same quoting and formula neutralisation as every export), the time and the query in
 * the metadata.
 */
import { csvWriter } from '../../export/csv.js';
import { exportFileName } from '../../export/file-name.js';
import { queryFields, type Scalar } from '../../export/records.js';
import { saveExport } from '../../export/save.js';
import type { AnalysisCell, JobQuery, JobType, RankedJob } from '../../model/index.js';
import type { RunTimeSeries, StopMatrix, TrendMetric, TrendSeries } from './analysis-data.js';

/** One table: the column names, and a row of values per line. */
export interface AnalysisTable {
  /** What the table is, in the file's name and metadata (`run-times`, …). */
  name: string;
  columns: readonly string[];
  rows: readonly (readonly Scalar[])[];
}

/** The table per type and node. */
export function cellsTable(rows: readonly AnalysisCell[]): AnalysisTable {
  return {
    name: 'per-type-and-node',
    columns: [
      'type',
      'node',
      'jobs',
      'finished',
      'successful',
      'waitMedianMs',
      'waitP95Ms',
      'waitMaxMs',
      'runMedianMs',
      'runP95Ms',
      'runMaxMs',
      'bytes',
      'bytesPerSecond',
    ],
    rows: rows.map((c) => [
      c.type,
      c.node,
      c.jobs,
      c.finished,
      c.successful,
      c.wait.median,
      c.wait.p95,
      c.wait.max,
      c.run.median,
      c.run.p95,
      c.run.max,
      c.bytes,
      c.bytesPerSecond,
    ]),
  };
}

/** The run-time distribution of `type` (null: all types): a row per bucket, its bounds in ms. */
export function histogramTable(data: RunTimeSeries, type: JobType | null): AnalysisTable {
  const { bounds } = data;
  return {
    name: `run-times${type ? `-${type}` : ''}`,
    columns: ['fromMs', 'toMs', ...data.nodeIds],
    rows: Array.from({ length: data.length }, (_, i): Scalar[] => {
      const bucket = data.first + i;
      return [bounds[bucket] ?? null, bounds[bucket + 1] ?? null, ...data.counts.map((c) => c[i] ?? 0)];
    }),
  };
}

/** A trend: a row per period, a column per node. */
export function trendsTable(data: TrendSeries, metric: TrendMetric): AnalysisTable {
  return {
    name: `trends-${metric}`,
    columns: ['from', 'to', ...data.nodeIds],
    rows: data.x.map((start, i): Scalar[] => [
      new Date(start * 1000).toISOString(),
      new Date((start + data.bucketSeconds) * 1000).toISOString(),
      ...data.values.map((v) => v[i] ?? null),
    ]),
  };
}

/** Why the jobs of `type` (null: all types) stopped: a row per stage, a column per node. */
export function stopsTable(matrix: StopMatrix, type: JobType | null): AnalysisTable {
  return {
    name: `stops${type ? `-${type}` : ''}`,
    columns: ['stage', ...matrix.nodeIds],
    rows: matrix.stages.map((stage, i): Scalar[] => [stage, ...(matrix.counts[i] ?? [])]),
  };
}

/** The slowest or the longest-waiting jobs: a row per job, `ms` its run or wait. */
export function rankedTable(name: string, ranked: readonly RankedJob[]): AnalysisTable {
  return {
    name,
    columns: ['id', 'name', 'type', 'node', 'state', 'stage', 'ms', 'createdAt', 'startedAt', 'finishedAt'],
    rows: ranked.map(({ ms, job }) => [
      job.id,
      job.name,
      job.type,
      job.node,
      job.state,
      job.stage,
      ms,
      job.createdAt,
      job.startedAt,
      job.finishedAt,
    ]),
  };
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
