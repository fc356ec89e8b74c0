/**
 * CSV exports opened by a spreadsheet that splits them its own way: Excel uses the list
 * separator of the user's locale (`;` in French and German), and some tools ignore the
 * quotes. Read back with `,` and with `;`, quotes honoured or not (and with tabs), no cell
 * of a list or a job export may start a formula; read back as written, every text is the
 * text sent, a `'` before each formula start only.
 */
import { expect } from '@open-wc/testing';
import { exportJob, exportJobs } from '../../src/export/index.js';
import type { Job, JobFile } from '../../src/model/index.js';
import { AT, HOSTILE, collectText, csvExpected, fromList, loadPapa, parseCsvExport } from '../export/support.js';
import { HOSTILE_STRINGS, hostileJobs, saneJob } from './payloads.js';

/** What a spreadsheet runs as a formula when a cell starts with it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Texts made to start a cell after a separator of some locale or tool, each with a formula. */
const SPLIT_INJECTIONS = [
  "x;=cmd|' /C calc'!A0;y",
  'a,=1+1,b',
  'tab\t=HYPERLINK("http://evil","x")',
  'quote"=2+5',
  'mixed;+1;-2;@SUM(A1);\t=3',
  ';=first',
  '=start;=middle,=end',
  'sep;\t=after a tab',
];

const TEXTS = [...SPLIT_INJECTIONS, ...HOSTILE, ...HOSTILE_STRINGS];

function jobsWithTexts(): Job[] {
  return TEXTS.map((text, i) => ({
    ...saneJob(i),
    id: `job-${i}`,
    name: text === '' ? '?' : text,
    description: text,
    stage: text === '' ? '?' : text,
    node: `node-${i % 3}`,
  }));
}

const FILES: JobFile[] = TEXTS.map((text, i) => ({ path: text || '?', status: 'FAILED', size: i, reason: text }));

/**
 * Every cell of `text` as a spreadsheet that splits on `delimiter` sees it: with the quotes
 * honoured (as Excel does, even when the separator is not ours), or ignored (a naive split).
 */
async function cellsAs(text: string, delimiter: string, quotes: boolean): Promise<string[]> {
  const Papa = await loadPapa();
  // U+E000 is in no text here: with it as the quote, quotes are ordinary characters.
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, newline: '\r\n', quoteChar: quotes ? '"' : '\uE000' });
  return result.data.flat();
}

async function expectNoFormula(text: string, what: string): Promise<void> {
  for (const delimiter of [',', ';', '\t']) {
    for (const quotes of [true, false]) {
      const cells = await cellsAs(text, delimiter, quotes);
      const formulas = cells.filter((cell) => FORMULA_START.test(cell));
      expect(formulas, `${what}, split on ${JSON.stringify(delimiter)}${quotes ? '' : ' ignoring quotes'}`).to.deep.equal([]);
    }
  }
}

describe('CSV exports split on another separator start no formula', function () {
  this.timeout(60_000);

  it('the list export, its jobs carrying formulas after ; , tab and quotes', async () => {
    const jobs = jobsWithTexts();
    const nodeNames = new Map(TEXTS.slice(0, 3).map((text, i) => [`node-${i}`, text]));
    const text = await collectText(exportJobs(jobs, 'csv', { at: AT, nodeNames }));
    await expectNoFormula(text, 'the list export');
    // Read as written, each text is as sent, a `'` before each formula start only.
    const { rows } = await parseCsvExport(text);
    expect(rows.map((row) => row[1])).to.deep.equal(jobs.map((job) => csvExpected(job.name)));
    expect(rows[0]![1]).to.equal("x;'=cmd|' /C calc'!A0;y");
  });

  it('a job export with files whose paths and reasons carry them', async () => {
    for (const job of [...hostileJobs().slice(0, 6), jobsWithTexts()[0]!]) {
      const text = await collectText(exportJob(fromList(FILES), job, 'csv', { at: AT, nodeName: SPLIT_INJECTIONS[1]! }));
      await expectNoFormula(text, `the export of ${job.id}`);
      const { rows } = await parseCsvExport(text);
      expect(rows.map((row) => row[0])).to.deep.equal(FILES.map((file) => csvExpected(file.path)));
    }
  });

  it('every text cell is quoted, numbers are not', async () => {
    const text = await collectText(exportJob(fromList(FILES.slice(0, 3)), jobsWithTexts()[2]!, 'csv', { at: AT }));
    const table = text.split('\r\n\r\n')[1]!;
    expect(table.split('\r\n')[0]).to.equal('"path","status","size","reason"');
    expect(table.split('\r\n')[1]).to.equal(`"${csvExpected(FILES[0]!.path)}","FAILED",0,"${csvExpected(FILES[0]!.reason)}"`);
  });
});
