import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { collectExport, type ExportFormat } from '../../src/export/index.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import type { AcJobDetail } from '../../src/elements/job-detail/ac-job-detail.js';
import '../../src/elements/export-button/ac-export-button.js';
import type { AcExportButton, ExportSaver } from '../../src/elements/export-button/ac-export-button.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { parseCsvExport, parseXml } from '../export/support.js';
import { jobOf, pathOf, setup, textOf, until, type Setup } from './job-detail-fixtures.js';

let current: Setup | undefined;

afterEach(() => {
  current?.store.dispose();
  current?.source.close();
  current = undefined;
});

interface Saved {
  fileName: string;
  format: ExportFormat;
  text: string;
}

/** A saver that keeps the file instead of downloading it. */
function keeping(saved: Saved[]): ExportSaver {
  return async (chunks, fileName, format, signal) => {
    const blob = await collectExport(chunks, format, signal);
    saved.push({ fileName, format, text: await blob.text() });
    return { bytes: blob.size };
  };
}

async function detailWithButton(): Promise<{ el: AcJobDetail; button: AcExportButton }> {
  const job = jobOf('DESTAGING');
  current = await setup([job]);
  const el = await fixture<AcJobDetail>(html`<ac-job-detail lang="en" .store=${current.store} job-id=${job.id}></ac-job-detail>`);
  const button = await until(() => el.shadowRoot!.querySelector<AcExportButton>('ac-export-button:defined'), 'the export button');
  await until(() => button.producer, 'the export to be ready');
  return { el, button };
}

function trigger(button: AcExportButton): HTMLButtonElement {
  return button.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!;
}

function menuItems(button: AcExportButton): HTMLButtonElement[] {
  return Array.from(button.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="menuitem"]'));
}

async function choose(button: AcExportButton, label: string): Promise<void> {
  trigger(button).click();
  await button.updateComplete;
  const item = menuItems(button).find((candidate) => textOf(candidate).startsWith(label));
  if (!item) throw new Error(`no menu item ${label}`);
  item.click();
}

describe('<ac-export-button> in the job detail', () => {
  it('exports the job with all its files as JSON', async () => {
    const { button } = await detailWithButton();
    const saved: Saved[] = [];
    button.save = keeping(saved);
    const done = oneEvent(button, 'ac-export-done');
    await choose(button, 'JSON');
    const event = await done;

    expect(saved).to.have.length(1);
    const file = saved[0]!;
    expect(file.fileName).to.match(/^Destaging_share-1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    expect(event.detail).to.include({ format: 'json', fileName: file.fileName });
    const document = JSON.parse(file.text) as { job: Record<string, unknown>; files: { path: string; status: string }[] };
    expect(document.job).to.include({
      id: 'job-destaging',
      name: 'Destaging:share-1',
      type: 'DESTAGING',
      state: 'RUNNING',
      nodeName: 'node 2',
    });
    expect(document.files).to.have.length(5000);
    expect(document.files[4999]!.path).to.equal(pathOf(4999));
    expect(document.files.filter((f) => f.status === 'FAILED')).to.have.length(34);
    await button.updateComplete;
    expect(textOf(button.shadowRoot!.querySelector('.message')!)).to.equal(`Saved ${file.fileName}. ×`);
  });

  it('exports as CSV: the job in the metadata, one row per file', async () => {
    const { button } = await detailWithButton();
    const saved: Saved[] = [];
    button.save = keeping(saved);
    const done = oneEvent(button, 'ac-export-done');
    await choose(button, 'CSV');
    await done;
    const file = saved[0]!;
    expect(file.fileName).to.match(/\.csv$/);
    const csv = await parseCsvExport(file.text);
    expect(csv.meta.get('job.name')).to.deep.equal(['Destaging:share-1']);
    expect(csv.meta.get('job.progress.files.failed')).to.deep.equal(['34']);
    expect(csv.header).to.deep.equal(['path', 'status', 'size', 'reason']);
    expect(csv.rows).to.have.length(5000);
    expect(csv.rows[0]).to.deep.equal([pathOf(0), 'DESTAGED', '1000', '']);
  });

  it('exports as XML: well formed, one element per file', async () => {
    const { button } = await detailWithButton();
    const saved: Saved[] = [];
    button.save = keeping(saved);
    const done = oneEvent(button, 'ac-export-done');
    await choose(button, 'XML');
    await done;
    const file = saved[0]!;
    expect(file.fileName).to.match(/\.xml$/);
    const xml = parseXml(file.text) as { jobExport: { job: { name: string }; files: { file: { path: string }[] } } };
    expect(xml.jobExport.job.name).to.equal('Destaging:share-1');
    expect(xml.jobExport.files.file).to.have.length(5000);
    expect(xml.jobExport.files.file[4999]!.path).to.equal(pathOf(4999));
  });

  it('shows progress while exporting, and Cancel stops it without saving', async () => {
    const { button } = await detailWithButton();
    const files = current!.files.get('job-destaging')!;
    let saved = 0;
    const realSave = keeping([]);
    button.save = async (...args) => {
      const result = await realSave(...args);
      saved++;
      return result;
    };
    // The first page answers, the second waits (and does not heed the abort): the export
    // is caught halfway, and Cancel must not wait for the source.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const list = files.list;
    (files as { list: typeof list }).list = async (id, params) => {
      if (params.cursor !== undefined) await held;
      return list(id, params);
    };
    await choose(button, 'CSV');
    const progress = await until(() => button.shadowRoot!.querySelector('.running'), 'the progress line');
    await until(() => textOf(progress).includes('1,000 of 5,000 files'), 'the first page counted');
    expect(textOf(progress)).to.equal('Exporting CSV… 1,000 of 5,000 files Cancel');
    const bar = progress.querySelector('progress')!;
    expect([bar.value, bar.max]).to.deep.equal([1000, 5000]);
    // Focus moved from the menu to Cancel.
    expect(button.shadowRoot!.activeElement).to.equal(progress.querySelector('.cancel'));

    const cancelled = oneEvent(button, 'ac-export-cancel');
    progress.querySelector<HTMLButtonElement>('.cancel')!.click();
    await cancelled;
    await button.updateComplete;
    expect(textOf(button.shadowRoot!.querySelector('.message')!)).to.equal('Export cancelled. ×');
    expect(button.busy).to.equal(false);
    expect(button.shadowRoot!.activeElement).to.equal(trigger(button));

    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(saved, 'nothing saved after a cancel').to.equal(0);
  });

  it('says in plain words when the export fails', async () => {
    const { button } = await detailWithButton();
    button.save = keeping([]);
    current!.files.get('job-destaging')!.failWith = new JobSourceError('network', 'The server could not be reached.');
    const failed = oneEvent(button, 'ac-export-error');
    await choose(button, 'JSON');
    await failed;
    await button.updateComplete;
    const message = button.shadowRoot!.querySelector('.message')!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(textOf(message)).to.equal('The export failed: The server could not be reached. ×');
  });
});

describe('<ac-export-button> on its own', () => {
  function chunksOf(format: ExportFormat): AsyncIterable<string> {
    return (async function* () {
      yield `${format}:`;
      yield 'done';
    })();
  }

  it('is disabled until it is told what to export', async () => {
    const button = await fixture<AcExportButton>(html`<ac-export-button lang="en"></ac-export-button>`);
    expect(trigger(button).disabled).to.equal(true);
    button.producer = chunksOf;
    await button.updateComplete;
    expect(trigger(button).disabled).to.equal(false);
  });

  it('works from the keyboard: arrows open and move, Escape closes and returns focus', async () => {
    const saved: Saved[] = [];
    const button = await fixture<AcExportButton>(
      html`<ac-export-button lang="en" file-base="Jobs" unit="jobs" .producer=${chunksOf} .save=${keeping(saved)}></ac-export-button>`,
    );
    trigger(button).focus();
    trigger(button).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await button.updateComplete;
    expect(trigger(button).getAttribute('aria-expanded')).to.equal('true');
    expect(button.shadowRoot!.activeElement).to.equal(menuItems(button)[0]);

    const press = (key: string) =>
      button.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    press('ArrowDown');
    expect(button.shadowRoot!.activeElement).to.equal(menuItems(button)[1]);
    press('End');
    expect(button.shadowRoot!.activeElement).to.equal(menuItems(button)[2]);
    press('ArrowDown');
    expect(button.shadowRoot!.activeElement, 'wraps around').to.equal(menuItems(button)[0]);
    press('Escape');
    await button.updateComplete;
    expect(trigger(button).getAttribute('aria-expanded')).to.equal('false');
    expect(button.shadowRoot!.querySelector('[role="menu"]')!.hasAttribute('hidden')).to.equal(true);
    expect(button.shadowRoot!.activeElement).to.equal(trigger(button));

    const done = oneEvent(button, 'ac-export-done');
    await button.start('xml');
    await done;
    expect(saved.map((file) => file.text)).to.deep.equal(['xml:done']);
    expect(saved[0]!.fileName).to.match(/^Jobs-.*Z\.xml$/);
  });

  it('speaks French', async () => {
    const button = await fixture<AcExportButton>(html`<ac-export-button lang="fr" .producer=${chunksOf}></ac-export-button>`);
    expect(textOf(trigger(button))).to.equal('⤓ Exporter ▾');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violation, menu open (${theme})`, async () => {
      const button = await fixture<AcExportButton>(
        html`<ac-export-button lang="en" theme=${theme} .producer=${chunksOf}></ac-export-button>`,
      );
      trigger(button).click();
      await button.updateComplete;
      await expect(button).to.be.accessible();
    });
  }
});
