/**
 * Every string a server sends, filled with payloads, rendered by every element: it must
 * read as the same text, and nothing may run, be injected or trip the policy.
 */
import { resetTrap, trapReport, deepText, deepElements } from './trap.js';
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { Job, Session } from '../../src/model/index.js';
import { MemoryJobSource } from '../../src/source/memory-job-source.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import type { JobSource } from '../../src/source/job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import type { ExportSaver } from '../../src/elements/export-button/ac-export-button.js';
import { exportJob } from '../../src/export/index.js';
import { collectText } from '../export/support.js';
import '../../src/elements/job-list/ac-job-list.js';
import '../../src/elements/job-filters/ac-job-filters.js';
import '../../src/elements/job-dashboard/ac-job-dashboard.js';
import '../../src/elements/job-analysis/ac-job-analysis.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import '../../src/elements/job-manager/ac-job-manager.js';
import '../../src/elements/login-form/ac-login-form.js';
import '../../src/elements/connection-status/ac-connection-status.js';
import {
  HOSTILE_NODES,
  HOSTILE_NOW,
  HOSTILE_STRINGS,
  HOSTILE_USER,
  XSS,
  hostileFilePages,
  hostileFiles,
  hostileJob,
  hostileJobs,
  LONE_SURROGATE_ID,
} from './payloads.js';
import { ALWAYS_VISIBLE, FakeFetch, json } from '../source/fake-fetch.js';
import { FakeSource } from '../store/fake-source.js';
import { csvExpected, loadPapa, parseCsvExport } from '../export/support.js';

const JOBS: Job[] = hostileJobs();

function hostileSource(options: { user?: string; jobs?: Job[] } = {}): MemoryJobSource {
  return new MemoryJobSource({
    jobs: options.jobs ?? JOBS,
    nodes: HOSTILE_NODES,
    user: options.user ?? HOSTILE_USER,
    files: hostileFilePages(),
    visibility: ALWAYS_VISIBLE,
  });
}

async function startedStore(source: JobSource = hostileSource()): Promise<JobStore> {
  const store = new JobStore(source, { clock: () => HOSTILE_NOW + 60_000 });
  await store.start();
  return store;
}

/** Waits until every element under `root` (shadow roots included) finished updating. */
async function settled(root: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    // Timers, not animation frames: a test page in a background tab gets no frames.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lit = [root, ...deepElements(root)].filter((e): e is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in e);
    await Promise.all(lit.map((e) => e.updateComplete));
  }
}

/** The text of a virtual list's every row: scrolls it from top to bottom, a half screen at a time. */
async function scrolledText(list: HTMLElement): Promise<string> {
  const scroller = list.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
  let text = '';
  for (let top = 0; ; top += Math.max(1, Math.floor(scroller.clientHeight / 2))) {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event('scroll'));
    await settled(list);
    text += deepText(list);
    if (top + scroller.clientHeight >= scroller.scrollHeight) return text;
  }
}

/** The trap found nothing: no payload ran, nothing was injected, no policy was violated. */
async function expectClean(): Promise<void> {
  const report = await trapReport();
  expect(report, JSON.stringify(report)).to.deep.equal({ pwned: undefined, violations: [], injected: [] });
}

/**
 * A string as the page shows it: whole (lit keeps NUL and controls as text), but for the
 * hidden controls that could spoof it (zero widths, direction marks, embeddings, overrides,
 * isolates), each shown as a visible mark `⟨U+202E⟩`.
 */
function shownAs(value: string): string {
  return value.replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase()}⟩`);
}

function expectShown(text: string, value: string, where: string): void {
  expect(text.includes(shownAs(value)), `${where} shows ${JSON.stringify(value.slice(0, 60))} as text`).to.equal(true);
}

describe('hostile strings from a server are text everywhere, and nothing runs', function () {
  this.timeout(60_000);
  const title = document.title;

  // The CSV parser is a classic script: loaded before the trap watches, which would count it as injected.
  before(() => loadPapa());
  beforeEach(() => resetTrap());

  /** Ends a test: nothing ran or was injected, and the page title is the page's. */
  async function finish(...disposables: { dispose?(): void; close?(): void }[]): Promise<void> {
    for (const d of disposables) d.dispose ? d.dispose() : d.close?.();
    await expectClean();
    expect(document.title).to.equal(title);
  }

  it('job list: names, descriptions, stages and node names read as sent; links keep the id inside the template', async () => {
    const store = await startedStore();
    const list = await fixture<HTMLElement>(
      html`<ac-job-list .store=${store} href-template="{id}" style="height:480px;width:1600px"></ac-job-list>`,
    );
    await waitUntil(() => deepText(list).includes(HOSTILE_STRINGS[5]!), 'rows rendered', { timeout: 10_000 });
    const text = await scrolledText(list);
    for (const job of hostileJobs()) {
      expectShown(text, job.name, 'the list');
      expectShown(text, job.description, 'the list');
    }
    for (const node of HOSTILE_NODES) expectShown(text, node.name, 'the node column');
    const links = deepElements(list).filter((e): e is HTMLAnchorElement => e instanceof HTMLAnchorElement);
    expect(links.length).to.be.greaterThan(10);
    for (const link of links) {
      expect(new URL(link.href).protocol, link.getAttribute('href')!).to.equal(location.protocol);
    }
    await finish(store);
  });

  it('filters: node names are chip labels; choosing a node named __proto__ filters by that id', async () => {
    const store = await startedStore();
    const filters = await fixture<HTMLElement>(html`<ac-job-filters .store=${store}></ac-job-filters>`);
    await settled(filters);
    const text = deepText(filters);
    for (const node of HOSTILE_NODES) expectShown(text, node.name, 'the node chips');
    const chip = deepElements(filters).find((e) => e.classList.contains('chip') && e.textContent?.includes(HOSTILE_NODES[1]!.name));
    (chip as HTMLButtonElement).click();
    expect(store.query.nodes).to.deep.equal(['__proto__']);
    await waitUntil(() => store.total === JOBS.filter((j) => j.node === '__proto__').length, 'the node filter applied');
    await finish(store);
  });

  it('dashboard: chips, legends, tables, tooltips and the keyboard reading show node names as text', async () => {
    const store = await startedStore();
    const dashboard = await fixture<HTMLElement>(
      html`<ac-job-dashboard .store=${store} style="display:block;width:1200px"></ac-job-dashboard>`,
    );
    await waitUntil(() => deepText(dashboard).includes(HOSTILE_NODES[0]!.name), 'node names shown', { timeout: 10_000 });
    // The tooltips are the charts': their code loads when the dashboard first shows.
    await waitUntil(() => dashboard.shadowRoot!.querySelectorAll('canvas').length === 3, 'the charts', { timeout: 20_000 });
    for (const toggle of deepElements(dashboard).filter((e) => e.classList.contains('table-toggle'))) (toggle as HTMLElement).click();
    await settled(dashboard);
    const tooltips: string[] = [];
    for (const chip of deepElements(dashboard).filter((e) => e.classList.contains('chip'))) {
      chip.dispatchEvent(new MouseEvent('mouseenter'));
      await settled(dashboard);
      const tip = deepElements(dashboard).find((e) => e.classList.contains('tip') && !(e as HTMLElement).hidden);
      if (tip) tooltips.push(tip.textContent ?? '');
      chip.dispatchEvent(new MouseEvent('mouseleave'));
    }
    // Reading the activity chart with the keyboard announces a bucket with node names.
    const plot = deepElements(dashboard).find(
      (e) => e.classList.contains('plot-frame') && e.classList.contains('focusable'),
    ) as HTMLElement;
    plot.focus();
    plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await settled(dashboard);
    const text = deepText(dashboard);
    for (const node of HOSTILE_NODES) {
      expectShown(text, node.name, 'the dashboard');
      expect(
        tooltips.some((tip) => tip.includes(shownAs(node.name))),
        `a tooltip names ${node.name}`,
      ).to.equal(true);
    }
    await finish(store);
  });

  it('analysis: node names, stages and job names read as sent in the tables, the charts and the keyboard reading; the CSV neutralises formulas', async () => {
    const store = await startedStore();
    const analysis = await fixture<HTMLElement & { save?: (chunks: AsyncIterable<string>, name: string) => Promise<unknown> }>(
      html`<ac-job-analysis .store=${store} href-template="#/jobs/{id}" style="display:block;width:1200px"></ac-job-analysis>`,
    );
    await waitUntil(() => deepText(analysis).includes(HOSTILE_NODES[0]!.name), 'node names shown', { timeout: 10_000 });
    // The charts' code loads when the analysis first shows.
    await waitUntil(() => analysis.shadowRoot!.querySelectorAll('canvas').length === 2, 'the charts', { timeout: 20_000 });
    for (const toggle of deepElements(analysis).filter((e) => e.classList.contains('table-toggle') && e.hasAttribute('aria-pressed'))) {
      (toggle as HTMLElement).click();
    }
    await settled(analysis);
    // The keyboard reads the histogram's first bucket with every node's name.
    const frame = deepElements(analysis).find(
      (e) => e.classList.contains('plot-frame') && e.classList.contains('focusable'),
    ) as HTMLElement;
    frame.focus();
    frame.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    await settled(analysis);
    const text = deepText(analysis);
    for (const node of HOSTILE_NODES) expectShown(text, node.name, 'the analysis');
    const unsuccessful = JOBS.filter((job) => job.state === 'UNSUCCESSFUL');
    expect(unsuccessful.length).to.be.greaterThan(5);
    // Stages and names are clipped past 1,000 characters only, and broken into lines at their joints (no text lost).
    for (const job of unsuccessful) expectShown(text, job.stage, 'why jobs stop');
    const listed = deepElements(analysis).filter((e): e is HTMLAnchorElement => e instanceof HTMLAnchorElement);
    expect(listed.length).to.be.greaterThan(5);
    for (const link of listed) {
      expect(JOBS.some((job) => shownAs(job.name) === link.textContent)).to.equal(true);
      expect(new URL(link.href).protocol).to.equal(location.protocol);
    }
    let saved = '';
    analysis.save = async (chunks) => {
      for await (const chunk of chunks) saved += chunk;
    };
    const stopsExport = deepElements(analysis).find(
      (e) => e.localName === 'button' && e.textContent?.includes('Export CSV') && e.closest('section')?.querySelector('table.stops'),
    ) as HTMLButtonElement;
    stopsExport.click();
    await waitUntil(() => saved !== '', 'the CSV');
    const csv = await parseCsvExport(saved.replace(/^\uFEFF/, ''));
    const stages = csv.rows.map((row) => row[0]!);
    for (const job of unsuccessful) expect(stages, 'every stage in the CSV').to.include(csvExpected(job.stage));
    expect(
      stages.some((stage) => /^[=+\-@]/.test(stage)),
      'no cell starts a formula',
    ).to.equal(false);
    await finish(store);
  });

  it('detail: every field, the progress texts, file paths and failure reasons; exports carry them intact', async () => {
    const store = await startedStore();
    for (const index of [0, 1, 3, 13, 26]) {
      const job = hostileJob(index);
      const detail = await fixture<HTMLElement>(html`<ac-job-detail .store=${store} job-id=${job.id}></ac-job-detail>`);
      const fileRows = () =>
        deepElements(detail).filter(
          (e) => e.getAttribute('role') === 'row' && !e.classList.contains('placeholder') && e.querySelector('.path[role=cell]'),
        );
      await waitUntil(() => deepElements(detail).some((e) => e.localName === 'ac-job-files'), 'the file list');
      // The file list draws the rows on screen only.
      deepElements(detail)
        .find((e) => e.localName === 'ac-job-files')!
        .scrollIntoView();
      await waitUntil(() => fileRows().length > 4, `files of job ${index}`, { timeout: 10_000 });
      await settled(detail);
      const text = deepText(detail);
      for (const value of [job.name, job.description, job.id, job.stage, HOSTILE_NODES[index % HOSTILE_NODES.length]!.name]) {
        expectShown(text, value, `the detail of job ${index}`);
      }
      // The rows drawn show their file's path and reason as sent (the list draws what fits).
      const known = new Map(hostileFiles().map((f) => [shownAs(f.path), shownAs(f.reason ?? '')]));
      for (const row of fileRows()) {
        const path = row.querySelector('.path')!.textContent!;
        expect(known.has(path), `${JSON.stringify(path)} is a file's path as sent`).to.equal(true);
        expect(row.querySelector('.reason')!.textContent).to.equal(known.get(path));
      }

      // The export button loads beside the detail.
      await waitUntil(() => deepElements(detail).some((e) => e.matches('ac-export-button:defined')), 'the export button');
      const button = deepElements(detail).find((e) => e.localName === 'ac-export-button') as HTMLElement & { save: ExportSaver };
      let saved = '';
      button.save = async (chunks) => {
        for await (const chunk of chunks) saved += chunk;
        return { bytes: saved.length };
      };
      (button.shadowRoot!.querySelector('.trigger') as HTMLButtonElement).click();
      await settled(button);
      (button.shadowRoot!.querySelector('[role="menuitem"]') as HTMLButtonElement).click();
      await waitUntil(() => saved !== '' && button.shadowRoot!.querySelector('.message.saved') !== null, 'the export saved');
      const exported = JSON.parse(saved) as { job: Record<string, unknown>; files: { path: string; reason: string | null }[] };
      expect(exported.job['name']).to.equal(job.name);
      expect(exported.job['description']).to.equal(job.description);
      expect(exported.files.map((f) => f.path)).to.deep.equal(hostileFiles().map((f) => f.path));
      await settled(detail);
    }
    await finish(store);
  });

  it('manager: the signed-in user name and the "no role" message show a hostile name as text', async () => {
    const store = await startedStore();
    const manager = await fixture<HTMLElement>(html`<ac-job-manager .store=${store} routing="none" view="jobs"></ac-job-manager>`);
    await waitUntil(() => deepText(manager).includes(shownAs(HOSTILE_USER)), 'the user name in the header', { timeout: 10_000 });
    await waitUntil(() => deepText(manager).includes(HOSTILE_STRINGS[2]!), 'the list inside the manager', { timeout: 10_000 });

    class OperatorSource extends MemoryJobSource {
      override async getSession(): Promise<Session> {
        return { user: { name: HOSTILE_USER, roles: ['OPERATOR', XSS[0]] } };
      }
    }
    const operator = new JobStore(new OperatorSource({ jobs: [], nodes: HOSTILE_NODES, visibility: ALWAYS_VISIBLE }));
    const refused = await fixture<HTMLElement>(html`<ac-job-manager .store=${operator} routing="none"></ac-job-manager>`);
    await waitUntil(() => refused.shadowRoot!.querySelector('[role="alert"]') !== null, 'the forbidden message', { timeout: 10_000 });
    expectShown(deepText(refused.shadowRoot!.querySelector('[role="alert"]')!), HOSTILE_USER, 'the forbidden message');
    await finish(store, operator);
  });

  it('login form: a server error message full of markup is text', async () => {
    const message = `${XSS[0]}${XSS[3]}${XSS[13]}`;
    const fake = new FakeFetch((r) => json(r, { error: { code: 'internal', message } }, 400));
    const source = new HttpJobSource({ baseUrl: '/api/v1', fetch: fake.fetch, live: false, visibility: ALWAYS_VISIBLE });
    const form = await fixture<HTMLElement>(html`<ac-login-form .jobSource=${source}></ac-login-form>`);
    const root = form.shadowRoot!;
    (root.querySelector('input[name=username]') as HTMLInputElement).value = XSS[1];
    (root.querySelector('input[name=password]') as HTMLInputElement).value = XSS[0];
    root.querySelector('form')!.requestSubmit();
    await waitUntil(() => root.querySelector('.error') !== null, 'the error message');
    expectShown(root.querySelector('.error')!.textContent!, message, 'the login error');
    // The body sent is JSON: the payload typed in is data, not markup.
    expect(JSON.parse(String(fake.requests[0]!.init.body))).to.deep.equal({ username: XSS[1], password: XSS[0] });
    await finish(source);
  });

  it('connection status: an error message full of markup is a tooltip text', async () => {
    const message = `${XSS[0]} ${XSS[4]}`;
    const fake = new FakeFetch((r) => json(r, { error: { code: 'internal', message } }, 503, { 'Retry-After': '30' }));
    const source = new HttpJobSource({ baseUrl: '/api/v1', fetch: fake.fetch, visibility: ALWAYS_VISIBLE, retry: { attempts: 1 } });
    const store = new JobStore(source);
    void store.start();
    const status = await fixture<HTMLElement>(html`<ac-connection-status .store=${store}></ac-connection-status>`);
    const stop = source.subscribe(() => {});
    await waitUntil(() => store.connection.status === 'reconnecting', 'a failed connection');
    const label = () => status.shadowRoot!.querySelector<HTMLElement>('[part="label"]')!;
    await waitUntil(() => label().title !== '', 'the error as a tooltip');
    expect(label().title).to.equal(message);
    stop();
    store.dispose();
    await finish(source);
  });

  it('a job id with a lone surrogate (JSON can carry it, no URL can) is refused by the sources, naming the id', async () => {
    const odd = { ...hostileJob(2), id: LONE_SURROGATE_ID };
    const memory = new MemoryJobSource({ jobs: [odd, JOBS[0]!], visibility: ALWAYS_VISIBLE });
    expect(memory.rejected).to.have.length(1);
    expect(memory.rejected[0]).to.contain('job.id must be well-formed text');
    const fake = new FakeFetch((r) => json(r, { items: [odd, JOBS[0]], nextCursor: null, total: 2 }));
    const http = new HttpJobSource({ baseUrl: '/api/v1', fetch: fake.fetch, live: false, visibility: ALWAYS_VISIBLE });
    const page = await http.listJobs({});
    expect(page.items.map((j) => j.id)).to.deep.equal([JOBS[0]!.id]);
    expect(page.rejected[0]).to.contain('job.id must be well-formed text');
    await finish(memory, http);
  });

  it('job list over a host page’s own source (which checks nothing): a lone-surrogate id does not break the rows', async () => {
    const odd = { ...hostileJob(2), id: LONE_SURROGATE_ID, name: 'lone surrogate id' };
    const source = new FakeSource([odd, ...JOBS.slice(0, 5)], HOSTILE_NODES, { now: HOSTILE_NOW });
    const store = await startedStore(source);
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      errors.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      const list = await fixture<HTMLElement>(
        html`<ac-job-list .store=${store} href-template="#/jobs/{id}" style="height:480px"></ac-job-list>`,
      );
      await settled(list);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(errors.map(String)).to.deep.equal([]);
      const names = deepElements(list)
        .filter((e) => e instanceof HTMLAnchorElement)
        .map((a) => a.textContent);
      expect(names).to.include('lone surrogate id');
    } finally {
      window.removeEventListener('error', onError);
    }
    await finish(store);
  });
});

describe('hidden controls (bidi overrides, isolates, marks, zero widths) show as marked, labelled glyphs', function () {
  this.timeout(60_000);

  beforeEach(() => resetTrap());

  async function finish(...disposables: { dispose?(): void; close?(): void }[]): Promise<void> {
    for (const d of disposables) d.dispose ? d.dispose() : d.close?.();
    await expectClean();
  }

  const RLO = 'invoice\u202Efdp.exe';
  const CONTROL = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/;
  const NODES = [
    { id: 'node-1', name: `node\u2067 one\u2069`, online: true },
    { id: 'node-2', name: 'node two', online: true },
  ];
  const SPOOF: Job = {
    ...hostileJob(0),
    id: 'spoof-1',
    name: RLO,
    description: `see\u200B ${RLO}`,
    stage: `STAGE\u202D_X`,
    node: 'node-1',
  };
  const FILES = [
    { path: `/share/${RLO}`, status: 'FAILED' as const, size: 10, reason: `tape\u200F gone ${RLO}` },
    { path: '/share/plain.txt', status: 'DESTAGED' as const, size: 20, reason: null },
  ];

  function spoofSource(): MemoryJobSource {
    return new MemoryJobSource({
      jobs: [SPOOF, { ...hostileJob(1), id: 'plain-1', name: 'plain', node: 'node-2' }],
      nodes: NODES,
      files: hostileFilePages(FILES),
      visibility: ALWAYS_VISIBLE,
    });
  }

  /** The glyphs drawn under `root`: each a labelled image with a tooltip, reading `⟨U+…⟩`. */
  function glyphs(root: Element): HTMLElement[] {
    return deepElements(root).filter((e): e is HTMLElement => e.classList.contains('ac-control'));
  }

  function expectGlyph(glyph: HTMLElement | undefined, code: string, name: string, label = `hidden character ${code}, ${name}`): void {
    expect(glyph, `a glyph for ${code}`).not.to.equal(undefined);
    expect(glyph!.textContent).to.equal(`⟨${code}⟩`);
    expect(glyph!.getAttribute('role')).to.equal('img');
    expect(glyph!.getAttribute('aria-label')).to.equal(label);
    expect(glyph!.title).to.contain(code).and.contain(name);
    // Marked: it does not look like the text around it.
    expect(getComputedStyle(glyph!).borderTopStyle).to.equal('dotted');
  }

  /** No text node under `root` holds a hidden control: none can reorder what is shown. */
  function expectNoRawControl(root: Element, where: string): void {
    const text = deepText(root);
    expect(CONTROL.test(text), `${where}: ${JSON.stringify(text.match(CONTROL)?.[0])}`).to.equal(false);
  }

  it('in the list: names, descriptions, stages and node names, their tooltips too; in French the label is French', async () => {
    const store = await startedStore(spoofSource());
    const list = await fixture<HTMLElement>(
      html`<ac-job-list .store=${store} href-template="#{id}" style="height:300px;width:1600px"></ac-job-list>`,
    );
    await waitUntil(() => deepText(list).includes('invoice⟨U+202E⟩fdp.exe'), 'the spoofing name, marked');
    await settled(list);
    const name = deepElements(list).find(
      (e): e is HTMLAnchorElement => e instanceof HTMLAnchorElement && e.textContent === 'invoice⟨U+202E⟩fdp.exe',
    )!;
    expect(name.title, 'the tooltip marks it too').to.equal('invoice⟨U+202E⟩fdp.exe');
    expectGlyph(name.querySelector<HTMLElement>('.ac-control')!, 'U+202E', 'RIGHT-TO-LEFT OVERRIDE');
    const text = deepText(list);
    expect(text).to.contain('see⟨U+200B⟩ invoice⟨U+202E⟩fdp.exe').and.contain('STAGE⟨U+202D⟩_X').and.contain('node⟨U+2067⟩ one⟨U+2069⟩');
    expectNoRawControl(list, 'the list');
    const french = await fixture<HTMLElement>(
      html`<ac-job-list lang="fr" .store=${store} style="height:300px;width:1600px"></ac-job-list>`,
    );
    await waitUntil(() => glyphs(french).length > 0, 'the French list');
    expectGlyph(
      glyphs(french).find((g) => g.textContent === '⟨U+202E⟩'),
      'U+202E',
      'RIGHT-TO-LEFT OVERRIDE',
      'caractère caché U+202E, RIGHT-TO-LEFT OVERRIDE',
    );
    await finish(store);
  });

  it('in the detail: the title, the fields, the file paths and failure reasons; the export keeps the text as sent', async () => {
    const store = await startedStore(spoofSource());
    const detail = await fixture<HTMLElement>(html`<ac-job-detail .store=${store} job-id=${SPOOF.id}></ac-job-detail>`);
    await waitUntil(() => detail.shadowRoot!.querySelector('h2'), 'the title');
    expectGlyph(detail.shadowRoot!.querySelector('h2 .ac-control') as HTMLElement, 'U+202E', 'RIGHT-TO-LEFT OVERRIDE');
    expect(detail.shadowRoot!.querySelector('h2')!.textContent!.replace(/\s/g, '')).to.equal('invoice⟨U+202E⟩fdp.exe');
    deepElements(detail)
      .find((e) => e.localName === 'ac-job-files')!
      .scrollIntoView();
    await waitUntil(() => deepText(detail).includes('/share/invoice⟨U+202E⟩fdp.exe'), 'the file path, marked');
    await settled(detail);
    const path = deepElements(detail).find(
      (e) => e.classList.contains('path') && e.getAttribute('role') === 'cell' && e.textContent?.includes('invoice'),
    )!;
    expect(path.getAttribute('title')).to.equal('/share/invoice⟨U+202E⟩fdp.exe');
    expectGlyph(path.querySelector<HTMLElement>('.ac-control')!, 'U+202E', 'RIGHT-TO-LEFT OVERRIDE');
    expect(deepText(detail)).to.contain('tape⟨U+200F⟩ gone invoice⟨U+202E⟩fdp.exe').and.contain('node⟨U+2067⟩ one⟨U+2069⟩');
    expectNoRawControl(detail, 'the detail');
    const exported = JSON.parse(await collectText(exportJob(store.source, SPOOF, 'json', { at: new Date(HOSTILE_NOW) }))) as {
      job: Job;
      files: { path: string }[];
    };
    expect(exported.job.name, 'the export keeps the text as sent').to.equal(RLO);
    expect(exported.files[0]!.path).to.equal(`/share/${RLO}`);
    await finish(store);
  });

  it('in the chips of the filters and the dashboard', async () => {
    const store = await startedStore(spoofSource());
    const filters = await fixture<HTMLElement>(html`<ac-job-filters .store=${store}></ac-job-filters>`);
    await settled(filters);
    const chip = deepElements(filters).find((e) => e.classList.contains('chip') && e.textContent!.includes('node⟨U+2067⟩ one⟨U+2069⟩'))!;
    expectGlyph(chip.querySelector<HTMLElement>('.ac-control')!, 'U+2067', 'RIGHT-TO-LEFT ISOLATE');
    expectNoRawControl(filters, 'the filters');
    const dashboard = await fixture<HTMLElement>(
      html`<ac-job-dashboard .store=${store} style="display:block;width:1200px"></ac-job-dashboard>`,
    );
    await waitUntil(() => deepText(dashboard).includes('node⟨U+2067⟩ one⟨U+2069⟩'), 'the node chip');
    const nodeChip = deepElements(dashboard).find((e) => e.classList.contains('chip-name') && e.textContent!.includes('node'))!;
    expectGlyph(nodeChip.querySelector<HTMLElement>('.ac-control')!, 'U+2067', 'RIGHT-TO-LEFT ISOLATE');
    expectNoRawControl(dashboard, 'the dashboard');
    await finish(store);
  });

  it('in error messages: a server’s error shown by the manager, and by the login form', async () => {
    const message = `Refused: ${RLO}`;
    const fake = new FakeFetch((r) => json(r, { error: { code: 'bad_parameter', message } }, 400));
    const source = new HttpJobSource({ baseUrl: '/api/v1', fetch: fake.fetch, live: false, visibility: ALWAYS_VISIBLE });
    const store = new JobStore(source);
    const manager = await fixture<HTMLElement>(html`<ac-job-manager .store=${store} routing="none"></ac-job-manager>`);
    await waitUntil(() => manager.shadowRoot!.querySelector('[role="alert"] p'), 'the failure');
    const said = manager.shadowRoot!.querySelector('[role="alert"] p')!;
    expect(said.textContent).to.contain('Refused: invoice⟨U+202E⟩fdp.exe');
    expectGlyph(said.querySelector<HTMLElement>('.ac-control')!, 'U+202E', 'RIGHT-TO-LEFT OVERRIDE');
    const form = await fixture<HTMLElement>(html`<ac-login-form .jobSource=${source}></ac-login-form>`);
    const root = form.shadowRoot!;
    (root.querySelector('input[name=username]') as HTMLInputElement).value = 'admin';
    (root.querySelector('input[name=password]') as HTMLInputElement).value = 'x';
    root.querySelector('form')!.requestSubmit();
    await waitUntil(() => root.querySelector('.error'), 'the login error');
    expect(root.querySelector('.error')!.textContent).to.contain('invoice⟨U+202E⟩fdp.exe');
    expectGlyph(root.querySelector<HTMLElement>('.error .ac-control')!, 'U+202E', 'RIGHT-TO-LEFT OVERRIDE');
    store.dispose();
    await finish(source);
  });
});
