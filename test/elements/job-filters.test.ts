import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/elements/job-filters/ac-job-filters.js';
import type { AcJobFilters } from '../../src/elements/job-filters/ac-job-filters.js';
import { nodeColor } from '../../src/elements/shared/colors.js';
import { defaultQuery } from '../../src/model/index.js';
import { settle, simulatedCluster, type Cluster } from './job-dashboard-fixtures.js';

async function mount(cluster: Cluster, attributes: { syncUrl?: string; timeZone?: string; width?: string } = {}): Promise<AcJobFilters> {
  const el = await fixture<AcJobFilters>(html`<ac-job-filters
    lang="en"
    .store=${cluster.store}
    sync-url=${ifDefined(attributes.syncUrl)}
    time-zone=${ifDefined(attributes.timeZone)}
  ></ac-job-filters>`);
  if (attributes.width) el.style.width = attributes.width;
  await settle(el);
  return el;
}

function root(el: AcJobFilters): ShadowRoot {
  return el.shadowRoot!;
}

/** The toggle chip of a row (`states`, `nodes`, `types`, `stages`) whose text starts with `label`. */
function chip(el: AcJobFilters, row: string, label: string): HTMLButtonElement {
  const chips = [...root(el).querySelectorAll<HTMLButtonElement>(`[aria-labelledby=label-${row}] .chip`)];
  const found = chips.find((c) => c.textContent!.trim().startsWith(label));
  if (!found) throw new Error(`no chip "${label}" in ${row}: ${chips.map((c) => c.textContent!.trim()).join(' | ')}`);
  return found;
}

function periodRadio(el: AcJobFilters, label: string): HTMLInputElement {
  const segment = [...root(el).querySelectorAll('.segment')].find((s) => s.textContent!.trim() === label);
  if (!segment) throw new Error(`no period "${label}"`);
  return segment.querySelector('input')!;
}

function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The test page's own parameters (the runner's session id), kept in every address a test sets. */
const PAGE_PARAMS = new URLSearchParams(location.search);

/** Sets the address to the test page with these extra parameters (and hash), without a new entry. */
function setAddress(search: string, hash = ''): void {
  const params = new URLSearchParams(search);
  for (const [key, value] of PAGE_PARAMS) params.set(key, value);
  history.replaceState(null, '', `${location.pathname}?${params}${hash}`);
}

/** The address's parameters other than the test page's own, in order. */
function addressParams(): URLSearchParams {
  const params = new URLSearchParams(location.search);
  for (const key of PAGE_PARAMS.keys()) params.delete(key);
  return params;
}

/** Waits for a `popstate` or `hashchange` after history.back() / forward(). */
function historyMove(move: () => void, event: 'popstate' | 'hashchange' = 'popstate'): Promise<void> {
  return new Promise((resolve) => {
    window.addEventListener(event, () => resolve(), { once: true });
    move();
  });
}

describe('<ac-job-filters>', () => {
  let cluster: Cluster;
  const startUrl = location.href;

  before(async () => {
    cluster = await simulatedCluster({ jobs: 300 });
  });

  beforeEach(() => {
    cluster.store.resetFilters(true);
  });

  afterEach(() => {
    history.replaceState(null, '', startUrl);
  });

  after(() => {
    cluster.store.dispose();
    cluster.source.close();
  });

  it('sets the period to the last 1, 3, 7 or 30 days, or all time', async () => {
    const el = await mount(cluster);
    for (const [label, days] of [
      ['Last 3 days', 3],
      ['Last 24 hours', 1],
      ['Last 30 days', 30],
      ['Last 7 days', 7],
    ] as const) {
      periodRadio(el, label).click();
      expect(cluster.store.query.period).to.deep.equal({ kind: 'last-days', days });
      await el.updateComplete;
      expect(periodRadio(el, label).checked).to.equal(true);
    }
    periodRadio(el, 'All time').click();
    expect(cluster.store.query.period).to.deep.equal({ kind: 'all' });
  });

  it('takes a custom range of days in the chosen time zone, and refuses one that ends before it starts', async () => {
    const el = await mount(cluster, { timeZone: 'Europe/Paris' });
    periodRadio(el, 'Custom range').click();
    expect(cluster.store.query.period.kind).to.equal('range');
    await el.updateComplete;
    const [from, to] = [...root(el).querySelectorAll<HTMLInputElement>('input[type=date]')] as [HTMLInputElement, HTMLInputElement];

    // Paris moves to summer time on 30 March 2025: that day is 23 hours long.
    typeInto(from, '2025-03-29');
    typeInto(to, '2025-03-30');
    expect(cluster.store.query.period).to.deep.equal({
      kind: 'range',
      from: '2025-03-28T23:00:00.000Z',
      to: '2025-03-30T22:00:00.000Z',
    });

    typeInto(from, '2025-04-02');
    await el.updateComplete;
    const problem = root(el).querySelector('#range-problem')!;
    expect(problem.textContent).to.equal('The start date must be on or before the end date.');
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(from.getAttribute('aria-describedby')).to.equal('range-problem');
    // The query keeps the last valid range.
    expect(cluster.store.query.period).to.deep.include({ from: '2025-03-28T23:00:00.000Z' });

    typeInto(to, '2025-04-02');
    await el.updateComplete;
    expect(problem.textContent).to.equal('');
    expect(cluster.store.query.period).to.deep.equal({
      kind: 'range',
      from: '2025-04-01T22:00:00.000Z',
      to: '2025-04-02T22:00:00.000Z',
    });
  });

  it('toggles states, nodes, types and stages, several at a time', async () => {
    const el = await mount(cluster);
    chip(el, 'states', 'Running').click();
    chip(el, 'states', 'Unsuccessful').click();
    expect(cluster.store.query.states).to.deep.equal(['RUNNING', 'UNSUCCESSFUL']);
    chip(el, 'states', 'Running').click();
    expect(cluster.store.query.states).to.deep.equal(['UNSUCCESSFUL']);

    chip(el, 'nodes', 'node 3').click();
    chip(el, 'nodes', 'node 1').click();
    expect(cluster.store.query.nodes).to.deep.equal(['node-3', 'node-1']);

    chip(el, 'types', 'Duplication').click();
    expect(cluster.store.query.types).to.deep.equal(['DUPLICATION']);

    chip(el, 'stages', 'Interrupted on error').click();
    expect(cluster.store.query.stages).to.deep.equal(['INTERRUPTED_ON_ERROR']);

    await settle(el);
    expect(chip(el, 'states', 'Unsuccessful').getAttribute('aria-pressed')).to.equal('true');
    expect(chip(el, 'states', 'Running').getAttribute('aria-pressed')).to.equal('false');
    expect(root(el).querySelector('.count')!.textContent).to.equal('4 filters active');
  });

  it('shows each node with its colour swatch', async () => {
    const el = await mount(cluster);
    const swatches = [...root(el).querySelectorAll<HTMLElement>('[aria-labelledby=label-nodes] [data-node]')];
    expect(swatches.map((s) => s.dataset['node'])).to.deep.equal(cluster.store.nodes.map((n) => n.id));
    for (const swatch of swatches) {
      expect(swatch.style.getPropertyValue('--swatch')).to.equal(nodeColor(swatch.dataset['node']!, cluster.store.nodes));
    }
  });

  it('follows the query when another element changes it, and resets it in one action', async () => {
    const el = await mount(cluster);
    cluster.store.setQuery({ types: ['COPY'], stages: ['SOMETHING_NEW'], period: { kind: 'last-days', days: 14 }, q: 'tape' });
    await settle(el);
    expect(chip(el, 'types', 'Copy').getAttribute('aria-pressed')).to.equal('true');
    // A stage this version does not know is offered as it comes, and selected.
    expect(chip(el, 'stages', 'SOMETHING_NEW').getAttribute('aria-pressed')).to.equal('true');
    expect(periodRadio(el, 'Last 14 days').checked).to.equal(true);
    expect(root(el).querySelector('.count')!.textContent).to.equal('3 filters active');

    root(el).querySelector<HTMLButtonElement>('.reset')!.click();
    expect(cluster.store.query).to.deep.equal({ ...defaultQuery(), q: 'tape' });
    await settle(el);
    expect(root(el).querySelector<HTMLButtonElement>('.reset')!.disabled).to.equal(true);
    expect(root(el).querySelectorAll('[aria-pressed=true]').length).to.equal(0);
  });

  it('folds into a "Filters (n)" button on a narrow screen', async () => {
    const el = await mount(cluster, { width: '360px' });
    cluster.store.setQuery({ states: ['RUNNING'], types: ['COPY'] });
    await settle(el);
    const toggle = root(el).querySelector<HTMLButtonElement>('.disclosure')!;
    const panel = root(el).querySelector<HTMLElement>('#panel')!;
    expect(getComputedStyle(toggle).display).not.to.equal('none');
    expect(toggle.textContent!.trim()).to.equal('Filters (2)');
    expect(getComputedStyle(panel).display).to.equal('none');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(panel).display).not.to.equal('none');
    expect(el.scrollWidth).to.be.at.most(360);

    el.style.width = '900px';
    await settle(el);
    expect(getComputedStyle(toggle).display).to.equal('none');
  });

  describe('sync-url', () => {
    it("reads the filters from the query string, keeping the page's own parameters", async () => {
      setAddress('view=ops&state=RUNNING&state=SCHEDULED&node=node-2&type=COPY&period=3d&stage=NORMALLY&q=tape');
      const el = await mount(cluster, { syncUrl: '' });
      expect(cluster.store.query).to.deep.include({
        states: ['RUNNING', 'SCHEDULED'],
        nodes: ['node-2'],
        types: ['COPY'],
        stages: ['NORMALLY'],
        q: 'tape',
        period: { kind: 'last-days', days: 3 },
      });
      chip(el, 'types', 'Storage').click();
      await settle(el);
      const params = addressParams();
      expect(params.get('view')).to.equal('ops');
      expect(params.getAll('type')).to.deep.equal(['COPY', 'STORAGE']);
    });

    it('ignores unknown or malformed values without throwing', async () => {
      setAddress('state=BOGUS&state=RUNNING&type=teleport&period=abc&node=node-9&node=node-1&from=yesterday&to=2025-01-01&q=%E0%A4%A');
      await mount(cluster, { syncUrl: 'search' });
      expect(cluster.store.query).to.deep.include({
        states: ['RUNNING'],
        types: [],
        nodes: ['node-1'],
        period: { kind: 'all' },
      });
    });

    it('adds a history entry per filter change, replaces it while typing, and restores filters on back and forward', async () => {
      setAddress('');
      const el = await mount(cluster, { syncUrl: 'search' });
      const length = history.length;

      chip(el, 'states', 'Unsuccessful').click();
      await settle(el);
      expect(addressParams().toString()).to.equal('state=UNSUCCESSFUL');
      chip(el, 'nodes', 'node 2').click();
      await settle(el);
      expect(addressParams().getAll('node')).to.deep.equal(['node-2']);
      expect(history.length).to.equal(length + 2);

      // The search text (another element's) and the days of a range change at typing speed.
      cluster.store.setQuery({ q: 't' });
      await settle(el);
      cluster.store.setQuery({ q: 'ta' });
      await settle(el);
      expect(addressParams().get('q')).to.equal('ta');
      expect(history.length).to.equal(length + 2);

      await historyMove(() => history.back());
      await settle(el);
      expect(cluster.store.query).to.deep.include({ states: ['UNSUCCESSFUL'], nodes: [], q: '' });
      expect(chip(el, 'nodes', 'node 2').getAttribute('aria-pressed')).to.equal('false');

      await historyMove(() => history.back());
      await settle(el);
      expect(cluster.store.query).to.deep.include({ states: [], nodes: [] });

      await historyMove(() => history.forward());
      await settle(el);
      expect(cluster.store.query.states).to.deep.equal(['UNSUCCESSFUL']);
      // Going back and forth adds no entry of its own.
      expect(history.length).to.equal(length + 2);
    });

    it('keeps a custom range in the address, replacing the entry as the days are typed', async () => {
      setAddress('');
      const el = await mount(cluster, { syncUrl: 'search', timeZone: 'UTC' });
      periodRadio(el, 'Custom range').click();
      await settle(el);
      const length = history.length;
      const [from, to] = [...root(el).querySelectorAll<HTMLInputElement>('input[type=date]')] as [HTMLInputElement, HTMLInputElement];
      typeInto(from, '2025-10-01');
      typeInto(to, '2025-10-05');
      await settle(el);
      const params = addressParams();
      expect([params.get('from'), params.get('to')]).to.deep.equal(['2025-10-01T00:00:00.000Z', '2025-10-06T00:00:00.000Z']);
      expect(history.length).to.equal(length);
      // A bookmark of that address shows the same range.
      cluster.store.resetFilters();
      setAddress(params.toString());
      window.dispatchEvent(new PopStateEvent('popstate'));
      await settle(el);
      expect(cluster.store.query.period).to.deep.equal({ kind: 'range', from: '2025-10-01T00:00:00.000Z', to: '2025-10-06T00:00:00.000Z' });
      expect(from.value).to.equal('2025-10-01');
      expect(to.value).to.equal('2025-10-05');
    });

    it('uses the query part of the hash with sync-url="hash", keeping the route', async () => {
      setAddress('', '#/jobs?type=COPY&state=RUNNING');
      const el = await mount(cluster, { syncUrl: 'hash' });
      expect(cluster.store.query).to.deep.include({ types: ['COPY'], states: ['RUNNING'] });
      chip(el, 'states', 'Running').click();
      await settle(el);
      expect(location.hash).to.equal('#/jobs?type=COPY');
      chip(el, 'types', 'Copy').click();
      await settle(el);
      expect(location.hash).to.equal('#/jobs');
      // A link or a typed address changes the hash: the filters follow.
      await historyMove(() => (location.hash = '#/dashboard?period=30d&node=node-4'), 'hashchange');
      await settle(el);
      expect(cluster.store.query).to.deep.include({ period: { kind: 'last-days', days: 30 }, nodes: ['node-4'], types: [] });
    });

    it("writes the store's filters into an address that names none", async () => {
      setAddress('view=ops');
      cluster.store.setQuery({ types: ['ARCHIVING'] });
      await mount(cluster, { syncUrl: 'search' });
      expect(addressParams().toString()).to.equal('view=ops&type=ARCHIVING');
    });
  });

  it('has no accessibility violation, in light and dark', async function () {
    // axe takes seconds on a loaded machine (most of it the first time, loading its rules).
    this.timeout(60_000);
    const el = await mount(cluster);
    cluster.store.setQuery({
      states: ['RUNNING'],
      period: { kind: 'range', from: '2025-10-01T00:00:00.000Z', to: '2025-10-05T00:00:00.000Z' },
    });
    el.theme = 'light';
    await settle(el);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await settle(el);
    await expect(el).to.be.accessible();
  });
});
