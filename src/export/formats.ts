/** The formats a user can export to (the user guide's 'Job Details' section, 'Export': JSON, XML, CSV). */
export const EXPORT_FORMATS = ['json', 'xml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The MIME type of each format's file; every format is written in UTF-8. */
export const EXPORT_MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  json: 'application/json',
  xml: 'application/xml',
  csv: 'text/csv;charset=utf-8',
};

/** How far an export has gone: rows written, and the rows expected when known. */
export interface ExportProgress {
  done: number;
  total: number | null;
}

export interface ExportOptions {
  /** Cancels the export: fetching and producing stop, and the generator rejects with an AbortError. */
  signal?: AbortSignal;
  /** Called as rows are written (after each page or pause) and once at the end. */
  onProgress?: (progress: ExportProgress) => void;
  /** The export's own time, written as `exportedAt`; defaults to now. Pass the same date to `exportFileName`. */
  at?: Date;
}
