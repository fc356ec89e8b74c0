import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { exportJob, exportJobs, type ExportFormat } from '../../src/export/index.js';
import { CHUNK_SIZE } from '../../src/export/pacing.js';
import type { Job, JobFile, JobQuery } from '../../src/model/index.js';
import {
  AT,
  HOSTILE,
  HOSTILE_QUERY,
  assertWellFormed,
  collectText,
  csvExpected,
  csvMetaOf,
  expectedJobDocument,
  expectedListDocument,
  filesWith,
  fromList,
  hostile,
  jobsOfEveryType,
  parseCsvExport,
  parseXml,
  xmlValueOf,
} from './support.js';

const JOBS = jobsOfEveryType(hostile);
const FILES = filesWith(HOSTILE.length * 2, hostile);
const NODE_NAMES = new Map(JOBS.filter((_, i) => i % 2).map((job) => [job.node, `name of ${job.node}`]));

function jobExport(job: Job, files: readonly JobFile[], format: ExportFormat, nodeName?: string): Promise<string> {
  return collectText(exportJob(fromList(files), job, format, { at: AT, pageSize: 7, ...(nodeName === undefined ? {} : { nodeName }) }));
}

function listExport(jobs: readonly Job[], format: ExportFormat, query?: JobQuery): Promise<string> {
  return collectText(exportJobs(jobs, format, { at: AT, nodeNames: NODE_NAMES, ...(query ? { query } : {}) }));
}

// ---- checks shared by the example tests and the property ----------------------------

function checkJson(text: string, expected: unknown): void {
  expect(JSON.parse(text)).to.deep.equal(expected);
}

async function checkCsvJob(text: string, job: Job, nodeName: string | null, files: readonly JobFile[]): Promise<void> {
  const expected = expectedJobDocument(job, nodeName, files);
  const csv = await parseCsvExport(text);
  expect(csv.meta).to.deep.equal(csvMetaOf({ exportedAt: expected.exportedAt, job: expected.job }, ''));
  expect(csv.header).to.deep.equal(['path', 'status', 'size', 'reason']);
  expect(csv.rows).to.deep.equal(expected.files.map((file) => Object.values(file).map(csvExpected)));
}

async function checkCsvList(text: string, jobs: readonly Job[], query: JobQuery | null): Promise<void> {
  const expected = expectedListDocument(jobs, NODE_NAMES, query);
  const csv = await parseCsvExport(text);
  expect(csv.meta).to.deep.equal(csvMetaOf({ exportedAt: expected.exportedAt, ...(query ? { query } : {}) }, ''));
  expect(csv.header).to.deep.equal(Object.keys(expected.jobs[0] ?? {}));
  expect(csv.rows).to.deep.equal(expected.jobs.map((row) => Object.values(row).map(csvExpected)));
}

/** Plain data in the shape fast-xml-parser gives for our XML. */
function xmlShape(value: unknown, itemName?: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number') {
    const parsed = xmlValueOf(value);
    return parsed?.sanitized ? { '#text': parsed.text, '@_sanitized': 'true' } : parsed?.text;
  }
  if (Array.isArray(value)) return value.length ? { [itemName as string]: value.map((item) => xmlShape(item)) } : '';
  const shape: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value as object)) {
    const item = { files: 'file', jobs: 'job', states: 'state', nodes: 'node', types: 'type', stages: 'stage' }[name];
    const childShape = xmlShape(child, item);
    if (childShape !== undefined) shape[name] = childShape;
  }
  return shape;
}

/** Drops the indentation between elements (whitespace text beside child elements). */
function withoutIndentation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIndentation);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([name, value]): [string, unknown] =>
    // An empty table is its two tags with the indentation between them.
    (name === 'files' || name === 'jobs') && typeof value === 'string' && value.trim() === '' ? [name, ''] : [name, value],
  );
  const hasChildren = entries.some(([name]) => name !== '#text' && !name.startsWith('@_'));
  return Object.fromEntries(
    entries
      .filter(([name, value]) => !(hasChildren && name === '#text' && typeof value === 'string' && value.trim() === ''))
      .map(([name, value]) => [name, withoutIndentation(value)]),
  );
}

function checkXml(text: string, root: string, expected: object): void {
  assertWellFormed(text);
  expect(text).not.to.contain('<![CDATA[');
  const { [root]: parsed } = parseXml(text);
  expect(withoutIndentation(parsed)).to.deep.equal(xmlShape(expected));
}

// ---- examples -------------------------------------------------------------------------

describe('exportJob round trip with hostile strings', () => {
  it('JSON parses back to exactly the job and its files', async () => {
    for (const job of JOBS) {
      const nodeName = NODE_NAMES.get(job.node);
      checkJson(await jobExport(job, FILES, 'json', nodeName), expectedJobDocument(job, nodeName ?? null, FILES));
    }
  });

  it('JSON escapes lone surrogates instead of writing invalid UTF-16', async () => {
    const text = await jobExport(JOBS[0] as Job, FILES, 'json');
    expect(text).to.contain('lone \\ud800 high').and.contain('lone \\udc00 low');
    expect(text).not.to.match(/\p{Cs}/u);
  });

  it('CSV parses back with papaparse, formulas neutralised and nothing else changed', async () => {
    for (const job of JOBS) {
      const nodeName = NODE_NAMES.get(job.node);
      await checkCsvJob(await jobExport(job, FILES, 'csv', nodeName), job, nodeName ?? null, FILES);
    }
  });

  it('CSV prefixes exactly the text cells that start a formula, never numbers', async () => {
    const files: JobFile[] = HOSTILE.map((text, i) => ({ path: text, status: 'FAILED', size: i, reason: text }));
    const { rows } = await parseCsvExport(await jobExport(JOBS[0] as Job, files, 'csv'));
    const paths = rows.map((row) => row[0]);
    expect(paths).to.include.members(["'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(A1)", "'\tleading tab", "'\rleading CR"]);
    expect(paths).to.include.members(['plain', '<![CDATA[ x ]]>', 'with "quotes"', '  spaces  ', "it's"]);
    expect(paths.filter((path) => path?.startsWith("'"))).to.have.length(6);
    expect(rows.map((row) => row[2])).to.deep.equal(HOSTILE.map((_, i) => String(i)));
  });

  it('CSV starts with a BOM and ends every record with CRLF', async () => {
    const text = await jobExport(JOBS[5] as Job, FILES, 'csv');
    expect(text.startsWith('\uFEFF"field","value"\r\n')).to.equal(true);
    // Outside quoted fields (even segments between quotes) every line break is CRLF.
    const outside = text.split('"').filter((_, i) => i % 2 === 0);
    for (const segment of outside) expect(segment.replaceAll('\r\n', '')).not.to.match(/[\r\n]/);
  });

  it('XML is well formed and parses back, forbidden characters as U+FFFD marked sanitized', async () => {
    for (const job of JOBS) {
      const nodeName = NODE_NAMES.get(job.node);
      const expected = expectedJobDocument(job, nodeName ?? null, FILES);
      checkXml(await jobExport(job, FILES, 'xml', nodeName), 'jobExport', expected);
    }
  });

  it('XML keeps CR, tab and LF exactly, as the browser parser reads them', async () => {
    const files: JobFile[] = [{ path: 'a\rb\r\nc\td\ne', status: 'FAILED', size: 1, reason: '\u0000\u0007' }];
    const document = assertWellFormed(await jobExport(JOBS[0] as Job, files, 'xml'));
    expect(document.querySelector('file > path')?.textContent).to.equal('a\rb\r\nc\td\ne');
    const reason = document.querySelector('file > reason');
    expect(reason?.textContent).to.equal('\uFFFD\uFFFD');
    expect(reason?.getAttribute('sanitized')).to.equal('true');
    expect(document.querySelector('file > path')?.hasAttribute('sanitized')).to.equal(false);
  });

  it('an empty job is a complete document in every format', async () => {
    const job = JOBS[1] as Job;
    checkJson(await jobExport(job, [], 'json'), expectedJobDocument(job, null, []));
    await checkCsvJob(await jobExport(job, [], 'csv'), job, null, []);
    checkXml(await jobExport(job, [], 'xml'), 'jobExport', expectedJobDocument(job, null, []));
  });
});

describe('exportJobs round trip with hostile strings', () => {
  it('JSON carries every job, the query and the export time', async () => {
    checkJson(await listExport(JOBS, 'json', HOSTILE_QUERY), expectedListDocument(JOBS, NODE_NAMES, HOSTILE_QUERY));
    checkJson(await listExport(JOBS, 'json'), expectedListDocument(JOBS, NODE_NAMES, null));
  });

  it('CSV carries every job, the query and the export time', async () => {
    await checkCsvList(await listExport(JOBS, 'csv', HOSTILE_QUERY), JOBS, HOSTILE_QUERY);
    const { meta } = await parseCsvExport(await listExport(JOBS, 'csv', HOSTILE_QUERY));
    expect(meta.get('query.nodes')).to.deep.equal(["'=node", 'node, 2', '']);
    expect(meta.get('query.types')).to.deep.equal([]);
  });

  it('XML carries every job, the query and the export time', async () => {
    checkXml(await listExport(JOBS, 'xml', HOSTILE_QUERY), 'jobListExport', expectedListDocument(JOBS, NODE_NAMES, HOSTILE_QUERY));
  });

  it('takes jobs from an async iterable', async () => {
    async function* pages() {
      yield* JOBS.slice(0, 3);
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield* JOBS.slice(3);
    }
    const text = await collectText(exportJobs(pages(), 'json', { at: AT, nodeNames: NODE_NAMES }));
    checkJson(text, expectedListDocument(JOBS, NODE_NAMES, null));
  });
});

describe('chunks', () => {
  it('are bounded and never split a surrogate pair', async () => {
    const files = filesWith(20_000, () => '🚀📦'.repeat(5));
    const sizes: number[] = [];
    let text = '';
    for await (const chunk of exportJob(fromList(files), JOBS[0] as Job, 'csv', { at: AT })) {
      sizes.push(chunk.length);
      expect(chunk).not.to.match(/\p{Cs}/u);
      text += chunk;
    }
    expect(sizes.length).to.be.above(5);
    expect(Math.max(...sizes)).to.be.at.most(CHUNK_SIZE);
    expect((await parseCsvExport(text)).rows).to.have.length(20_000);
  });
});

// ---- property -------------------------------------------------------------------------

/** Any code point, lone surrogates, and the characters each format treats specially. */
const anyText = fc.string({
  maxLength: 12,
  unit: fc.oneof(
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 6 },
    { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), weight: 1 },
    { arbitrary: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", '<', '&', ']]>', '\uFFFE', '\0'), weight: 3 },
  ),
});

const jobAndFiles = fc.record({
  texts: fc.array(anyText, { minLength: 16, maxLength: 16 }),
  type: fc.integer({ min: 0, max: 5 }),
  files: fc.array(fc.record({ path: anyText, reason: fc.option(anyText), size: fc.nat() }), { maxLength: 4 }),
  nodeName: fc.option(anyText),
});

describe('any text round-trips (fast-check)', () => {
  for (const format of ['json', 'csv', 'xml'] as const) {
    it(`in ${format}, modulo the documented neutralisations`, async () => {
      await fc.assert(
        fc.asyncProperty(jobAndFiles, async ({ texts, type, files: fileData, nodeName }) => {
          const job = jobsOfEveryType((i) => texts[i % texts.length] as string)[type] as Job;
          const files: JobFile[] = fileData.map(({ path, reason, size }) => ({
            path,
            reason,
            size,
            status: reason === null ? 'DESTAGED' : 'FAILED',
          }));
          const text = await jobExport(job, files, format, nodeName ?? undefined);
          const expected = expectedJobDocument(job, nodeName, files);
          if (format === 'json') checkJson(text, expected);
          else if (format === 'csv') await checkCsvJob(text, job, nodeName, files);
          else checkXml(text, 'jobExport', expected);
        }),
        { numRuns: 150 },
      );
    });
  }
});
