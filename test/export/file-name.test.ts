import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { exportFileName } from '../../src/export/index.js';
import { AT, HOSTILE } from './support.js';

const STAMP = '2025-10-23T10-24-21Z';

/** What every exported file name must be, on Windows, macOS and Linux. */
function expectSafe(name: string, extension: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  expect(name).not.to.match(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  expect(name).not.to.match(/\p{Cs}/u);
  expect(name.endsWith(`-${STAMP}.${extension}`), name).to.equal(true);
  expect(name).not.to.match(/^[. ]|[. ]$/);
  expect(name.split('.')[0]).not.to.match(/^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i);
  expect(Array.from(name).length).to.be.at.most(120);
  expect(new TextEncoder().encode(name).length).to.be.at.most(240);
}

describe('exportFileName', () => {
  it('names the file after the job and the export time in UTC', () => {
    expect(exportFileName('Duplication:tar_2-39', 'csv', AT)).to.equal(`Duplication_tar_2-39-${STAMP}.csv`);
    expect(exportFileName('Versioning:part_s3_scaleway', 'json', AT)).to.equal(`Versioning_part_s3_scaleway-${STAMP}.json`);
    expect(exportFileName('jobs', 'xml', AT)).to.equal(`jobs-${STAMP}.xml`);
  });

  it('replaces characters some system forbids or that would mislead', () => {
    expect(exportFileName('a<b>c:d"e/f\\g|h?i*j', 'csv', AT)).to.equal(`a_b_c_d_e_f_g_h_i_j-${STAMP}.csv`);
    expect(exportFileName('tab\there\nnewline\u0000nul\u007f', 'csv', AT)).to.equal(`tab_here_newline_nul_-${STAMP}.csv`);
    // U+202E would show "report‮vsc.exe" reversed, hiding the real extension.
    expect(exportFileName('report\u202Evsc.exe', 'csv', AT)).to.equal(`report_vsc.exe-${STAMP}.csv`);
  });

  it('drops leading and trailing dots and spaces, and names the nameless', () => {
    expect(exportFileName('  ..hidden. . ', 'csv', AT)).to.equal(`hidden-${STAMP}.csv`);
    expect(exportFileName('', 'csv', AT)).to.equal(`export-${STAMP}.csv`);
    expect(exportFileName('...', 'csv', AT)).to.equal(`export-${STAMP}.csv`);
    expect(exportFileName('???', 'csv', AT)).to.equal(`___-${STAMP}.csv`);
  });

  it('never starts with a Windows device name', () => {
    for (const reserved of ['CON', 'prn', 'Aux', 'NUL', 'COM1', 'lpt9', 'COM¹', 'CON.tar']) {
      const name = exportFileName(reserved, 'csv', AT);
      expect(name.startsWith(`_${reserved}`), name).to.equal(true);
      expectSafe(name, 'csv');
    }
  });

  it('bounds the length in characters and bytes without splitting a character', () => {
    const long = exportFileName('Archiving:'.repeat(50), 'json', AT);
    // 120 characters less the 26 of `-${STAMP}.json` leave 94 for the job name.
    expect(long).to.equal(`${'Archiving_'.repeat(9)}Arch-${STAMP}.json`);
    const emoji = exportFileName('🚀'.repeat(200), 'csv', AT);
    expectSafe(emoji, 'csv');
    expect(emoji).to.match(/^(🚀)+-/u);
    const cjk = exportFileName('档案'.repeat(100), 'xml', AT);
    expectSafe(cjk, 'xml');
    expect(new TextEncoder().encode(cjk).length).to.be.above(200);
  });

  it('is safe for every hostile string', () => {
    for (const text of HOSTILE) expectSafe(exportFileName(text, 'csv', AT), 'csv');
  });

  it('is safe for any string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('csv', 'json', 'xml' as const), (text, format) => {
        expectSafe(exportFileName(text, format, AT), format);
      }),
      { numRuns: 500 },
    );
  });
});
