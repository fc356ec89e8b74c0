/**
 * Items a server sends that break the contract are refused one by one, and leave a trace:
 * a file table whose pages claim more files than they hold settles its count, no row
 * waiting forever; a broken node is refused alone, its jobs shown under its id; the
 * connection status says how many items were refused and which fields were wrong, and an
 * `ac-rejected` event carries the same facts for a portal's log.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { FileStatus, Job, JobFile } from '../../src/model/index.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import type { RejectedItems } from '../../src/source/job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import '../../src/elements/job-manager/ac-job-manager.js';
import '../../src/elements/job-source/ac-job-source.js';
import '../../src/elements/job-list/ac-job-list.js';
import '../../src/elements/connection-status/ac-connection-status.js';
import { ALWAYS_VISIBLE } from '../source/fake-fetch.js';
import type { FakeRequest } from '../source/fake-fetch.js';
import { FakeApi } from './fake-api.js';
import { HOSTILE_NOW, saneJob } from './payloads.js';
import { deepElements, deepText } from './trap.js';

const NODES = [
  { id: 'node-1', name: 'Paris', online: true },
  { id: 'node-2', name: 'Lyon', online: true },
];
const GOOD: Job[] = Array.from({ length: 12 }, (_, i) => ({ ...saneJob(i), node: i % 2 ? 'node-2' : 'node-1' }));

function setup(jobs: Job[] = GOOD) {
  const api = new FakeApi(jobs, NODES, HOSTILE_NOW);
  const source = new HttpJobSource({
    baseUrl: '/api/v1',
    fetch: api.fetch,
    visibility: ALWAYS_VISIBLE,
    retry: { attempts: 2, baseMs: 5, maxMs: 20 },
    gapWindowMs: 100,
  });
  const store = new JobStore(source, { clock: () => HOSTILE_NOW, summaryThrottleMs: 20, debounceMs: 0 });
  return { api, source, store, dispose: () => (store.dispose(), source.close()) };
}

const STATUSES: readonly FileStatus[] = ['DESTAGED', 'FAILED', 'PENDING'];

/** File `i` of a job, as a server sends it: the `broken` ones break the contract (a negative size, an unknown status). */
function fileItem(i: number, broken: (i: number) => boolean): JobFile | Record<string, unknown> {
  const file: JobFile = {
    path: `/share/dir-${Math.floor(i / 50)}/file-${String(i).padStart(4, '0')}.bin`,
    status: STATUSES[i % 3]!,
    size: 1000 + i,
    reason: STATUSES[i % 3] === 'FAILED' ? 'tape unavailable' : null,
  };
  if (!broken(i)) return file;
  return i % 2 ? { ...file, size: -1 } : { ...file, status: 'LOST' };
}

/** `GET /jobs/{id}/files` over `count` files claimed (byStatus counts them all), some broken, paged by offset. */
function filePages(count: number, broken: (i: number) => boolean) {
  const items = Array.from({ length: count }, (_, i) => fileItem(i, broken));
  const byStatus: Record<string, number> = {};
  for (let i = 0; i < count; i++) byStatus[STATUSES[i % 3]!] = (byStatus[STATUSES[i % 3]!] ?? 0) + 1;
  return (request: FakeRequest) => {
    const search = request.url.searchParams;
    const offset = Number(search.get('offset') ?? 0);
    const limit = Number(search.get('limit') ?? 100);
    const end = Math.min(count, offset + limit);
    return {
      body: JSON.stringify({ items: items.slice(offset, end), nextCursor: end < count ? String(end) : null, total: count, byStatus }),
    };
  };
}

/** The file table inside a detail, drawn. */
async function fileTable(detail: HTMLElement): Promise<HTMLElement> {
  await waitUntil(() => detail.shadowRoot!.querySelector('ac-job-files'), 'the file table');
  const table = detail.shadowRoot!.querySelector<HTMLElement>('ac-job-files')!;
  table.scrollIntoView();
  return table;
}

const fileRows = (table: HTMLElement) => [
  ...table.shadowRoot!.querySelectorAll('.scroller [role="rowgroup"] + [role="rowgroup"] [role="row"]'),
];
const placeholders = (table: HTMLElement) => fileRows(table).filter((row) => row.classList.contains('placeholder'));
const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** Scrolls the table to its end, until the row that holds `text` is drawn. */
async function scrollToEnd(table: HTMLElement, text: string): Promise<void> {
  const scroller = table.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
  await waitUntil(() => {
    scroller.scrollTop = scroller.scrollHeight;
    scroller.dispatchEvent(new Event('scroll'));
    return deepText(table).includes(text);
  }, `the last file (${text})`);
  await pause(200);
}

const nameOf = (i: number) => (fileItem(i, () => false) as JobFile).path.split('/').at(-1)!;

describe('refused files: the file table settles its count', function () {
  this.timeout(60_000);

  it('a page claiming 41 files with 10 malformed: 31 rows, "31 files", the All chip 31, nothing left "Loading…"', async () => {
    const { api, store, dispose } = setup();
    const job = GOOD[0]!;
    api.overrides.set(
      `/jobs/${job.id}/files`,
      filePages(41, (i) => i >= 31),
    );
    await store.start();
    const detail = await fixture<HTMLElement>(html`<ac-job-detail .store=${store} job-id=${job.id} style="height:900px"></ac-job-detail>`);
    const table = await fileTable(detail);
    await waitUntil(() => fileRows(table).some((row) => !row.classList.contains('placeholder')), 'the rows');
    await scrollToEnd(table, nameOf(30));
    expect(placeholders(table), 'rows still "Loading…"').to.have.length(0);
    expect(table.shadowRoot!.querySelector('.summary')!.textContent!.trim()).to.equal('31 files');
    const all = table.shadowRoot!.querySelector('.chip[aria-pressed="true"] .count')!;
    expect(all.textContent, 'the All chip agrees').to.equal('31');
    expect(table.shadowRoot!.querySelector('.scroller')!.getAttribute('aria-rowcount')).to.equal('32');
    dispose();
  });

  it('malformed files in the middle of a long listing: rows move up, the last file is reachable, no row waits', async () => {
    const { api, store, dispose } = setup();
    const job = GOOD[1]!;
    // 250 claimed; the first page holds 10 malformed files among its 100.
    api.overrides.set(
      `/jobs/${job.id}/files`,
      filePages(250, (i) => i >= 40 && i < 50),
    );
    await store.start();
    const detail = await fixture<HTMLElement>(html`<ac-job-detail .store=${store} job-id=${job.id} style="height:900px"></ac-job-detail>`);
    const table = await fileTable(detail);
    await waitUntil(() => fileRows(table).some((row) => !row.classList.contains('placeholder')), 'the rows');
    await scrollToEnd(table, nameOf(249));
    expect(placeholders(table), 'rows still "Loading…"').to.have.length(0);
    expect(table.shadowRoot!.querySelector('.summary')!.textContent!.trim()).to.equal('240 files');
    dispose();
  });
});

/** Swaps the page's fetch (the manager's own HttpJobSource calls it) while `run` runs. */
async function withPageFetch(fetch: typeof window.fetch, run: () => Promise<void>): Promise<void> {
  const pageFetch = window.fetch;
  window.fetch = fetch;
  try {
    await run();
  } finally {
    window.fetch = pageFetch;
  }
}

/** Collects the `ac-rejected` events that reach the document (they bubble out of shadow roots). */
function rejectedEvents(): { events: RejectedItems[]; stop: () => void } {
  const events: RejectedItems[] = [];
  const listen = (event: Event) => events.push((event as CustomEvent<RejectedItems>).detail);
  document.addEventListener('ac-rejected', listen);
  return { events, stop: () => document.removeEventListener('ac-rejected', listen) };
}

describe('a refused node: the manager starts, its jobs show under its id', function () {
  this.timeout(60_000);

  it('one node with a number as its name is refused alone; the other is kept; its jobs keep their node id', async () => {
    const { api, dispose } = setup();
    api.overrides.set('/nodes', () => ({ body: JSON.stringify({ items: [NODES[0], { id: 'node-2', name: 7, online: true }] }) }));
    const { events, stop } = rejectedEvents();
    await withPageFetch(api.fetch, async () => {
      const manager = await fixture<HTMLElement>(html`<ac-job-manager src="/api/v1" routing="none" view="jobs"></ac-job-manager>`);
      await waitUntil(() => deepText(manager).includes(GOOD[1]!.name), 'the jobs', { timeout: 20_000 });
      expect(manager.shadowRoot!.querySelector('[role="alert"]'), 'no "could not start"').to.equal(null);
      const list = manager.shadowRoot!.querySelector('ac-job-list')!;
      const nodeCells = deepElements(list)
        .filter((e) => e.classList.contains('node'))
        .map((e) => e.textContent!.trim());
      expect(nodeCells).to.include('Paris');
      expect(nodeCells, 'the refused node’s jobs, under its id').to.include('node-2');
      await waitUntil(() => events.some((e) => e.kind === 'node'), 'the ac-rejected event');
      expect(events.find((e) => e.kind === 'node')).to.deep.include({ kind: 'node', from: 'GET /nodes', count: 1, fields: ['name'] });
      manager.remove();
    });
    stop();
    dispose();
  });
});

describe('refused items leave a trace: the connection status and the ac-rejected event', function () {
  this.timeout(60_000);

  const broken = (job: Job, patch: Record<string, unknown>) => ({ ...job, ...patch });

  it('jobs: the status says how many and which fields; the event carries the same; a page fetched again counts once', async () => {
    const { api, store, source, dispose } = setup();
    const items = [...GOOD.slice(0, 6), broken(saneJob(50), { state: 'EXPLODED' }), broken(saneJob(51), { version: -1 }), ...GOOD.slice(6)];
    api.overrides.set('/jobs', () => ({ body: JSON.stringify({ items, nextCursor: null, total: items.length }) }));
    const told: RejectedItems[] = [];
    source.onRejected((report) => told.push(report));
    const page = await fixture<HTMLElement>(html`<div>
      <ac-connection-status .store=${store}></ac-connection-status>
      <ac-job-list .store=${store} style="height:400px"></ac-job-list>
    </div>`);
    await store.start();
    const status = page.querySelector('ac-connection-status')!;
    const button = () => status.shadowRoot!.querySelector<HTMLButtonElement>('button.rejected');
    await waitUntil(() => button(), 'the indicator');
    expect(button()!.textContent!.trim()).to.equal('!2 items refused');
    expect(button()!.getAttribute('aria-expanded')).to.equal('false');
    button()!.click();
    await waitUntil(() => !status.shadowRoot!.querySelector<HTMLElement>('.details')!.hidden, 'the details');
    expect(button()!.getAttribute('aria-expanded')).to.equal('true');
    const details = status.shadowRoot!.querySelector('.details')!.textContent!.replace(/\s+/g, ' ');
    expect(details).to.contain('2 jobs — fields at fault: state (1), version (1)');
    expect(told).to.have.length(1);
    expect(told[0]).to.deep.include({ kind: 'job', from: 'GET /jobs', count: 2, fields: ['state', 'version'] });
    expect(told[0]!.messages[0]).to.contain('job.state must be one of');
    // Escape closes the details, focus back on the button.
    status
      .shadowRoot!.querySelector('.details')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitUntil(() => status.shadowRoot!.querySelector<HTMLElement>('.details')!.hidden, 'closed');
    // The same page again (a refresh): the same two items, counted once.
    store.refresh();
    await waitUntil(() => told.length === 2, 'the page fetched again');
    await pause(100);
    expect(store.rejected.count).to.equal(2);
    dispose();
  });

  it('live events and files: each kind told with its fields, in French too', async () => {
    const { api, store, dispose } = setup();
    const job = GOOD[0]!;
    api.overrides.set(
      `/jobs/${job.id}/files`,
      filePages(20, (i) => i === 3 || i === 4),
    );
    const { events, stop } = rejectedEvents();
    const page = await fixture<HTMLElement>(html`<ac-job-source id="refused-source" .source=${store.source}>
      <ac-connection-status lang="fr"></ac-connection-status>
      <ac-job-detail job-id=${job.id} style="height:700px"></ac-job-detail>
    </ac-job-source>`);
    const own = (page as HTMLElement & { store: JobStore }).store;
    await waitUntil(() => own.connection.status === 'live', 'the stream');
    api.sendEvent({ type: 'job.updated', seq: api.nextSeq(), job: { ...job, version: 9, state: 'EXPLODED' } });
    await waitUntil(() => events.some((e) => e.kind === 'event'), 'the refused event told');
    await waitUntil(() => events.some((e) => e.kind === 'file'), 'the refused files told');
    expect(events.find((e) => e.kind === 'event')).to.deep.include({ from: 'GET /events', count: 1, fields: ['job.state'] });
    expect(events.find((e) => e.kind === 'file')).to.deep.include({
      from: `GET /jobs/${job.id}/files`,
      count: 2,
      fields: ['size', 'status'],
    });
    const status = page.querySelector('ac-connection-status')!;
    await waitUntil(
      () => status.shadowRoot!.querySelector('button.rejected')?.textContent?.includes('3 éléments refusés'),
      'the indicator in French',
    );
    (status.shadowRoot!.querySelector('button.rejected') as HTMLButtonElement).click();
    await waitUntil(() => !status.shadowRoot!.querySelector<HTMLElement>('.details')!.hidden, 'the details');
    const details = status.shadowRoot!.querySelector('.details')!.textContent!.replace(/\s+/g, ' ');
    expect(details).to.contain('2 fichiers — champs en cause : size (1), status (1)');
    expect(details).to.contain('1 mise à jour en direct — champs en cause : job.state (1)');
    stop();
    page.remove();
    dispose();
  });
});
