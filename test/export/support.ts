/** Test support for the export tests: sample data, a fake file source, parsers back to data. */
import { XMLParser } from 'fast-xml-parser';
import type * as PapaModule from 'papaparse';
import type { FileListParams, Job, JobFile, JobQuery } from '../../src/model/index.js';
import { JobSourceError, type FilePageResult, type JobSource } from '../../src/source/job-source.js';

export const AT = new Date('2025-10-23T10:24:21.417Z');

/** Strings that broke exporters somewhere: formulas, markup, controls, bidi, lone surrogates. */
export const HOSTILE = [
  'plain',
  '',
  'with "quotes"',
  'comma, here',
  'line\nfeed',
  'carriage\rreturn',
  'crlf\r\nend',
  "=cmd|' /C calc'!A0",
  '+1',
  '-2',
  '@SUM(A1)',
  '\tleading tab',
  '\rleading CR',
  '<![CDATA[ x ]]>',
  ']]>',
  '</job>',
  '&amp;',
  '&#13; &lt;',
  "it's",
  Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join(''),
  'emoji 👩‍💻🚀',
  'RTL עברית العربية',
  'bidi \u202Egnp.exe',
  'lone \uD800 high',
  'lone \uDC00 low',
  '\uFFFE\uFFFF',
  '  spaces  ',
  '__proto__',
  '\uFEFFbom',
  'already \uFFFD',
] as const;

export function hostile(index: number): string {
  return HOSTILE[index % HOSTILE.length] as string;
}

/** One job of each type, with the given text in every text field. */
export function jobsOfEveryType(text: (field: number) => string): Job[] {
  const base = (n: number) => ({
    id: `job-${n}-${text(n)}`,
    name: text(n + 1),
    description: text(n + 2),
    createdAt: '2025-10-23T10:23:08+02:00',
    updatedAt: '2025-10-23T10:24:21+02:00',
    startedAt: n % 2 ? '2025-10-23T10:23:10+02:00' : null,
    finishedAt: null,
    node: text(n + 3),
    state: 'RUNNING' as const,
    stage: text(n + 4),
    version: n,
  });
  const counts = (n: number) => ({ files: { total: 10 + n, done: 4, failed: 1 }, bytes: { total: 1e12 + n, done: 400 } });
  return [
    { ...base(0), type: 'DESTAGING', progress: { share: text(5), ...counts(0) } },
    { ...base(1), type: 'VERSIONING', progress: { share: text(6), policy: text(7), versionsHandled: 3, ...counts(1) } },
    { ...base(2), type: 'ARCHIVING', progress: { share: text(8), target: { medium: 'TAPE', name: text(9) }, ...counts(2) } },
    { ...base(3), type: 'STORAGE', progress: { share: text(10), copiesMade: 2, ...counts(3) } },
    { ...base(4), type: 'COPY', progress: { client: text(11), origin: 'ACCOPY', ...counts(4) } },
    { ...base(5), type: 'DUPLICATION', progress: { sourceTape: text(12), targetTape: text(13), mode: text(14), ...counts(5) } },
  ];
}

export function filesWith(count: number, text: (field: number) => string): JobFile[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `/${text(i)}`.slice(i % 2),
    status: i % 3 ? 'DESTAGED' : 'FAILED',
    size: i * 1_000_003,
    reason: i % 3 ? null : text(i + 7),
  }));
}

export const HOSTILE_QUERY: JobQuery = {
  period: { kind: 'range', from: '2025-10-01T00:00:00Z', to: '2025-10-24T00:00:00Z' },
  states: ['RUNNING', 'UNSUCCESSFUL'],
  nodes: ['=node', 'node, 2', ''],
  types: [],
  stages: ['INTERRUPTED_ON_ERROR', '@odd\u0001stage'],
  q: '"quoted" <search> \uD800',
  sort: 'updatedAt',
  order: 'asc',
};

/**
 * A source that generates a job's files on demand, page by page, like a server with
 * `count` files would; it rejects the way a real source does once aborted.
 */
export class GeneratedFiles implements Pick<JobSource, 'listFiles'> {
  requests = 0;
  constructor(
    readonly count: number,
    readonly file: (index: number) => JobFile,
  ) {}

  async listFiles(_jobId: string, params: FileListParams, signal?: AbortSignal): Promise<FilePageResult> {
    this.requests += 1;
    if (signal?.aborted) throw new JobSourceError('aborted', 'aborted');
    const start = params.cursor === undefined ? 0 : Number(params.cursor);
    const end = Math.min(this.count, start + (params.limit ?? 100));
    const items: JobFile[] = [];
    for (let i = start; i < end; i += 1) items.push(this.file(i));
    return { items, nextCursor: end < this.count ? String(end) : null, total: this.count, byStatus: {}, rejected: [] };
  }
}

export function fromList(files: readonly JobFile[]): GeneratedFiles {
  return new GeneratedFiles(files.length, (i) => files[i] as JobFile);
}

export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** The document a job export should hold, as plain data (the JSON shape). */
export function expectedJobDocument(job: Job, nodeName: string | null, files: readonly JobFile[]) {
  const { progress, type, ...general } = job;
  return {
    exportedAt: AT.toISOString(),
    job: {
      id: general.id,
      name: general.name,
      type,
      description: general.description,
      createdAt: general.createdAt,
      updatedAt: general.updatedAt,
      startedAt: general.startedAt,
      finishedAt: general.finishedAt,
      node: general.node,
      nodeName,
      state: general.state,
      stage: general.stage,
      version: general.version,
      progress,
    },
    files: files.map(({ path, status, size, reason }) => ({ path, status, size, reason })),
  };
}

export function expectedListDocument(jobs: readonly Job[], nodeNames: ReadonlyMap<string, string>, query: JobQuery | null) {
  return {
    exportedAt: AT.toISOString(),
    query,
    jobs: jobs.map((job) => {
      const { job: general } = expectedJobDocument(job, nodeNames.get(job.node) ?? null, []);
      const { progress: _, ...row } = general;
      return row;
    }),
  };
}

// ---- CSV ----------------------------------------------------------------------------

type Papa = typeof PapaModule;
let papa: Promise<Papa> | undefined;

/** papaparse ships as UMD only: load it as a classic script, which sets `window.Papa`. */
export function loadPapa(): Promise<Papa> {
  papa ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/papaparse/papaparse.min.js';
    script.onload = () => resolve((window as unknown as { Papa: Papa }).Papa);
    script.onerror = () => reject(new Error('papaparse did not load'));
    document.head.append(script);
  });
  return papa;
}

export interface CsvExport {
  /** Metadata rows: name → the cells after it. */
  meta: Map<string, string[]>;
  header: string[];
  rows: string[][];
}

/** Parses an export with papaparse and splits it at the blank line. */
export async function parseCsvExport(text: string): Promise<CsvExport> {
  const Papa = await loadPapa();
  const result = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
  if (result.errors.length) throw new Error(`papaparse: ${JSON.stringify(result.errors.slice(0, 3))}`);
  const lines = result.data;
  // The file ends with CRLF, which papaparse reads as one last empty row.
  if (lines.at(-1)?.length === 1 && lines.at(-1)?.[0] === '') lines.pop();
  const blank = lines.findIndex((line) => line.length === 1 && line[0] === '');
  const [metaHeader, ...metaRows] = lines.slice(0, blank);
  if (JSON.stringify(metaHeader) !== '["field","value"]') throw new Error(`bad metadata header ${JSON.stringify(metaHeader)}`);
  const [header = [], ...rows] = lines.slice(blank + 1);
  return { meta: new Map(metaRows.map(([name = '', ...cells]) => [name, cells])), header, rows };
}

/** What a CSV cell holds for a text: lone surrogates as U+FFFD, formulas behind a quote. */
export function csvExpected(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A formula start after a separator or quote inside the text gets a `'`, as one at its start does.
  let text = '';
  for (const char of (value as string & { toWellFormed(): string }).toWellFormed()) {
    text += /[=+\-@\t\r]/.test(char) && /[,;\t"]$/.test(text) ? `'${char}` : char;
  }
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Nested plain data as CSV metadata rows: dotted names, lists as cells. */
export function csvMetaOf(data: object, prefix: string, into = new Map<string, string[]>()): Map<string, string[]> {
  for (const [name, value] of Object.entries(data)) {
    if (Array.isArray(value)) into.set(prefix + name, value.map(csvExpected));
    else if (value !== null && typeof value === 'object') csvMetaOf(value, `${prefix}${name}.`, into);
    else into.set(prefix + name, [csvExpected(value)]);
  }
  return into;
}

// ---- XML ----------------------------------------------------------------------------

/** The text of a value once in XML: characters XML 1.0 cannot carry are U+FFFD. */
export function xmlExpected(value: string): string {
  let text = '';
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    text += allowed ? char : '\uFFFD';
  }
  return text;
}

/** Throws unless the browser's own (strict) XML parser accepts the document. */
export function assertWellFormed(xml: string): Document {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const error = document.querySelector('parsererror');
  if (error) throw new Error(`not well formed: ${error.textContent}`);
  return document;
}

/** Elements that repeat: files, jobs, and the values of the query's lists. */
const REPEATED = /^(jobExport\.files\.file|jobListExport\.jobs\.job|jobListExport\.query\.(states|nodes|types|stages)\.\w+)$/;

export function parseXml(xml: string): Record<string, unknown> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    trimValues: false,
    parseTagValue: false,
    // Numeric character references (&#13;) are decoded only with this option.
    htmlEntities: true,
    isArray: (_name, path) => REPEATED.test(String(path)),
  });
  return parser.parse(xml) as Record<string, unknown>;
}

/** A text element as parsed: its text and whether it is marked `sanitized`. */
export function xmlValue(node: unknown): { text: string; sanitized: boolean } | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return { text: node, sanitized: false };
  const element = node as { '#text'?: string; '@_sanitized'?: string };
  return { text: element['#text'] ?? '', sanitized: element['@_sanitized'] === 'true' };
}

/** What `xmlValue` should give for a value of the data. */
export function xmlValueOf(value: string | number | null): { text: string; sanitized: boolean } | undefined {
  if (value === null) return undefined;
  if (typeof value === 'number') return { text: String(value), sanitized: false };
  const text = xmlExpected(value);
  return { text, sanitized: text !== value };
}
