import { expect } from '@open-wc/testing';
import { EXPORT_MIME_TYPES, collectExport, exportJob, saveExport } from '../../src/export/index.js';
import type { Job } from '../../src/model/index.js';
import { AT, filesWith, fromList, jobsOfEveryType, parseCsvExport } from './support.js';

const JOB = jobsOfEveryType((i) => `Déstockage é ${i}`)[0] as Job;

async function* chunksOf(...chunks: string[]) {
  yield* chunks;
}

/** Catches the download link saveExport clicks, reads what it points at, and cancels the download. */
function nextDownload(): Promise<{ name: string; bytes: Uint8Array; type: string; link: HTMLAnchorElement }> {
  return new Promise((resolve, reject) => {
    document.addEventListener(
      'click',
      (event) => {
        const link = event.target;
        if (!(link instanceof HTMLAnchorElement)) return reject(new Error('not a link'));
        event.preventDefault();
        fetch(link.href)
          .then(async (response) => ({
            name: link.download,
            bytes: new Uint8Array(await response.arrayBuffer()),
            type: response.headers.get('content-type') ?? '',
            link,
          }))
          .then(resolve, reject);
      },
      { capture: true, once: true },
    );
  });
}

describe('collectExport', () => {
  it('encodes the chunks as UTF-8, BOM included, with the format type', async () => {
    const blob = await collectExport(chunksOf('\uFEFFa,', 'é', '🚀\r\n'), 'csv');
    expect(blob.type).to.equal(EXPORT_MIME_TYPES.csv);
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([
      0xef, 0xbb, 0xbf, 0x61, 0x2c, 0xc3, 0xa9, 0xf0, 0x9f, 0x9a, 0x80, 0x0d, 0x0a,
    ]);
  });

  it('keeps the order of thousands of chunks (Blobs merged level by level)', async () => {
    // 16 ** 3 + 16 ** 2 + 3: parts at three levels of merging, and a few left over at each.
    const chunks = Array.from({ length: 4096 + 256 + 3 }, (_, i) => `${i};`);
    const blob = await collectExport(chunksOf(...chunks), 'csv');
    expect(await blob.text()).to.equal(chunks.join(''));
  });

  it('keeps a large export intact', async () => {
    const files = filesWith(200_000, (i) => `fichier-é-${i}`);
    const blob = await collectExport(exportJob(fromList(files), JOB, 'csv', { at: AT }), 'csv');
    const text = await blob.text();
    expect(blob.size).to.be.above(8 * 1024 * 1024);
    const csv = await parseCsvExport(text);
    expect(csv.rows).to.have.length(200_000);
    expect(csv.rows.at(-1)).to.deep.equal(['fichier-é-199999', 'DESTAGED', String(199_999 * 1_000_003), '']);
  });
});

describe('saveExport', () => {
  it('downloads the export under its file name and reports its size', async () => {
    const download = nextDownload();
    const saved = await saveExport(exportJob(fromList(filesWith(3, String)), JOB, 'json', { at: AT }), 'Destaging_x-2025.json', 'json');
    const { name, bytes, type, link } = await download;
    expect(name).to.equal('Destaging_x-2025.json');
    expect(type).to.equal('application/json');
    expect(saved.bytes).to.equal(bytes.length);
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    expect(parsed.job.name).to.equal(JOB.name);
    expect(parsed.files).to.have.length(3);
    expect(link.isConnected).to.equal(false);
  });

  it('saves nothing and rejects with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    let clicked = false;
    const onClick = () => (clicked = true);
    document.addEventListener('click', onClick, { capture: true });
    async function* slow() {
      yield 'a';
      controller.abort();
      yield 'b';
    }
    let error: unknown;
    try {
      await saveExport(slow(), 'x.csv', 'csv', controller.signal);
    } catch (caught) {
      error = caught;
    } finally {
      document.removeEventListener('click', onClick, { capture: true });
    }
    expect((error as DOMException).name).to.equal('AbortError');
    expect(clicked).to.equal(false);
  });
});
