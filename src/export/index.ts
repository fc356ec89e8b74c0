/**
 * Exports of one job with its files, or of a filtered list of jobs, as JSON, XML or CSV:
 * streamed in bounded chunks, cancellable, safe whatever the data (see csv.ts, xml.ts and
 * json.ts for each layout and its neutralisations).
 *
 * ```ts
 * const at = new Date();
 * const chunks = exportJob(source, job, 'csv', { nodeName, signal, onProgress, at });
 * await saveExport(chunks, exportFileName(job.name, 'csv', at), 'csv', signal);
 * ```
 */
export { EXPORT_FORMATS, EXPORT_MIME_TYPES } from './formats.js';
export type { ExportFormat, ExportOptions, ExportProgress } from './formats.js';
export { exportJob } from './export-job.js';
export type { JobExportOptions, JobExportProgress } from './export-job.js';
export { exportJobs } from './export-jobs.js';
export type { JobListExportOptions } from './export-jobs.js';
export { exportFileName } from './file-name.js';
export { collectExport, saveExport } from './save.js';
