/**
 * The job's information and progress do not wait for the detail's other parts: the file
 * table and the export button load beside the detail (the table's rows need requests of
 * their own, the button is used on demand), the export's writers with the first export.
 * Nothing in this file imports them, so the first detail below is drawn before they have
 * come (their load needs a request; the first render needs none).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/job-detail/ac-job-detail.js';
import type { AcJobDetail } from '../../src/elements/job-detail/ac-job-detail.js';
import type { AcExportButton } from '../../src/elements/export-button/ac-export-button.js';
import { jobOf, setup, textOf, until, type Setup } from './job-detail-fixtures.js';

/** The modules the page has requested whose path contains `part`. */
const requested = (part: string) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes(part));

describe('<ac-job-detail> before and after its file table and export button load', function () {
  this.timeout(60000);
  let current: Setup | undefined;

  afterEach(() => {
    current?.store.dispose();
    current?.source.close();
    current = undefined;
  });

  it('shows the job at once, then its files and the export button, the header as tall as it was', async () => {
    expect(requested('ac-job-files'), 'the file table before any detail showed').to.deep.equal([]);
    const job = jobOf('DESTAGING');
    current = await setup([job]);
    const el = await fixture<AcJobDetail>(html`<ac-job-detail lang="en" .store=${current.store} .job=${job}></ac-job-detail>`);
    const root = el.shadowRoot!;

    // The first render: the job's name, its information and progress; the other parts not yet defined.
    expect(textOf(root.querySelector('h2')!)).to.equal(job.name);
    expect(root.querySelector('.card.general dl')!.children.length).to.be.greaterThan(0);
    expect(root.querySelector('ac-job-progress')!.shadowRoot, 'the progress, drawn with the detail').not.to.equal(null);
    expect(root.querySelector('ac-job-files:defined'), 'no file table yet').to.equal(null);
    expect(root.querySelector('ac-export-button:defined'), 'no export button yet').to.equal(null);
    const headerHeight = root.querySelector('header')!.getBoundingClientRect().height;

    const table = await until(() => root.querySelector('ac-job-files:defined'), 'the file table', 20_000);
    await until(() => table.shadowRoot?.querySelector('.summary'), 'the count of files', 20_000);
    expect(textOf(table.shadowRoot!.querySelector('.summary')!)).to.equal('5,000 files');
    const button = await until(() => root.querySelector<AcExportButton>('ac-export-button:defined'), 'the export button', 20_000);
    await button.updateComplete;
    expect(root.querySelector('header')!.getBoundingClientRect().height, 'the header, as tall as before').to.equal(headerHeight);

    // The writers come with the first export.
    expect(requested('/src/export/export-job'), 'the export writers before any export').to.deep.equal([]);
    let bytes = 0;
    button.save = async (chunks) => {
      for await (const chunk of chunks) bytes += chunk.length;
      return { bytes };
    };
    const done = oneEvent(button, 'ac-export-done');
    button.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!.click();
    await button.updateComplete;
    [...button.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')]
      .find((item) => textOf(item).startsWith('CSV'))!
      .click();
    await done;
    expect(bytes).to.be.greaterThan(5000 * 20);
    expect(requested('/src/export/export-job')).to.have.length(1);
  });
});
