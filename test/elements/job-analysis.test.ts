import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/job-analysis/ac-job-analysis.js';
import type { AcJobAnalysis } from '../../src/elements/job-analysis/ac-job-analysis.js';
import { formatDuration } from '../../src/i18n/index.js';
import { DURATION_BUCKETS_MS, FINAL_STATES, type Job, type JobAnalysis, type JobQuery } from '../../src/model/index.js';
import { analyze } from '../../src/source/job-analysis.js';
import { toListParams } from '../../src/source/job-query.js';
import { parseCsvExport } from '../export/support.js';
import { expectedJobs, readCount, settle, simulatedCluster, waitFor, type Cluster } from './job-dashboard-fixtures.js';

async function mount(cluster: Cluster, lang = 'en'): Promise<AcJobAnalysis> {
  const el = await fixture<AcJobAnalysis>(
    html`<ac-job-analysis lang=${lang} .store=${cluster.store} href-template="#/jobs/{id}" style="display:block;width:1200px"></ac-job-analysis>`,
  );
  await settle(el);
  // The charts' code loads when an analysis first shows.
  await waitFor(() => el.plots.histogram && el.plots.trends, 'the charts');
  return el;
}

const root = (el: AcJobAnalysis) => el.shadowRoot!;

/** The plain reference: the simulator's raw jobs the query selects, analysed by `analyze()`. */
function reference(cluster: Cluster): { jobs: Job[]; analysis: JobAnalysis } {
  const jobs = expectedJobs(cluster);
  return { jobs, analysis: analyze(jobs, toListParams(cluster.store.query, cluster.simulator.now), cluster.simulator.now) };
}

const run = (job: Job) =>
  job.startedAt && job.finishedAt && FINAL_STATES.has(job.state)
    ? Math.max(0, Date.parse(job.finishedAt) - Date.parse(job.startedAt))
    : undefined;

/** The table per type and node as shown: per "type|node" (the node column's text), its cells' texts. */
function tableCells(el: AcJobAnalysis): Map<string, string[]> {
  const cells = new Map<string, string[]>();
  let type = '';
  for (const row of root(el).querySelectorAll('table.cells tbody tr')) {
    const [typeCell, nodeCell] = [...row.querySelectorAll('th')];
    if (typeCell!.textContent!.trim()) type = typeCell!.textContent!.trim();
    cells.set(
      `${type}|${nodeCell!.textContent!.trim()}`,
      [...row.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
  }
  return cells;
}

const TYPE_LABEL = {
  DESTAGING: 'Destaging',
  VERSIONING: 'Versioning',
  ARCHIVING: 'Archiving',
  STORAGE: 'Storage',
  COPY: 'Copy',
  DUPLICATION: 'Duplication',
};
const nodeLabel = (id: string | null) => (id === null ? 'All nodes' : id.replace('node-', 'node '));
const typeLabel = (type: keyof typeof TYPE_LABEL | null) => (type === null ? 'All types' : TYPE_LABEL[type]);
const duration = (ms: number | null) => (ms === null ? '–' : formatDuration(ms, 'en'));

const COMBINATIONS: Partial<JobQuery>[] = [
  {},
  { period: { kind: 'last-days', days: 7 } },
  { nodes: ['node-2', 'node-3'], types: ['ARCHIVING', 'DUPLICATION', 'COPY'] },
  { states: ['UNSUCCESSFUL'] },
  { q: 'tape' },
];

describe('<ac-job-analysis>', () => {
  let cluster: Cluster;

  before(async () => {
    cluster = await simulatedCluster({ jobs: 3000, seed: 5 });
  });

  beforeEach(() => {
    cluster.store.resetFilters(true);
  });

  after(() => {
    cluster.store.dispose();
    cluster.source.close();
  });

  it('shows per type and node the figures of a plain reference, for several filter combinations', async () => {
    const el = await mount(cluster);
    for (const combination of COMBINATIONS) {
      cluster.store.resetFilters(true);
      cluster.store.setQuery(combination);
      await settle(el);
      const { analysis } = reference(cluster);
      const shown = tableCells(el);
      expect([...shown.keys()].length, JSON.stringify(combination)).to.equal(analysis.cells.length);
      for (const cell of analysis.cells) {
        const texts = shown.get(`${typeLabel(cell.type)}|${nodeLabel(cell.node)}`);
        expect(texts, `${cell.type} ${cell.node} in ${JSON.stringify(combination)}`).to.not.equal(undefined);
        const [finished, unsuccessful, , ...rest] = texts!;
        expect(readCount(finished)).to.equal(cell.finished);
        expect(readCount(unsuccessful)).to.equal(cell.finished - cell.successful);
        const durations = [cell.wait.median, cell.wait.p95, cell.wait.max, cell.run.median, cell.run.p95, cell.run.max].map(duration);
        expect(rest.slice(0, 6), `${cell.type} ${cell.node}`).to.deep.equal(durations);
      }
    }
  });

  it('draws the run-time histogram and the trends of the raw jobs, per node', async () => {
    const el = await mount(cluster);
    for (const combination of COMBINATIONS.slice(0, 3)) {
      cluster.store.resetFilters(true);
      cluster.store.setQuery(combination);
      await settle(el);
      const { jobs, analysis } = reference(cluster);
      const nodes = [...new Set(jobs.map((j) => j.node))].sort();
      // Counted again from the raw jobs: runs per node and bucket of the model's bounds.
      const counts = nodes.map((node) => {
        const histogram = DURATION_BUCKETS_MS.map(() => 0);
        for (const job of jobs) {
          const ms = run(job);
          if (job.node !== node || ms === undefined) continue;
          let bucket = 0;
          while (bucket + 1 < DURATION_BUCKETS_MS.length && DURATION_BUCKETS_MS[bucket + 1]! <= ms) bucket++;
          histogram[bucket]!++;
        }
        return histogram;
      });
      const used = counts.flatMap((h) => h.map((n, b) => (n ? b : -1))).filter((b) => b >= 0);
      const first = Math.min(...used);
      const last = Math.max(...used);
      const data = el.plots.histogram!.data as unknown as number[][];
      nodes.forEach((node, n) => {
        const expected = counts[n]!.slice(first, last + 1);
        expect(data[n + 1]!.slice(0, expected.length), `run times of ${node}`).to.deep.equal(expected);
      });
      const trends = el.plots.trends!.data as unknown as (number | null)[][];
      nodes.forEach((node, n) => {
        expect(trends[n + 1], `p95 of ${node}`).to.deep.equal(analysis.trends.nodes.find((t) => t.node === node)!.p95RunMs);
      });
    }
  });

  it('lists why jobs stop and the slowest and longest-waiting jobs as the reference does', async () => {
    const el = await mount(cluster);
    const { jobs, analysis } = reference(cluster);
    const stops = root(el).querySelector('table.stops')!;
    const nodes = [...stops.querySelectorAll('thead th')].slice(1).map((th) => th.textContent!.trim().replace('node ', 'node-'));
    for (const row of stops.querySelectorAll('tbody tr')) {
      const stage = row.querySelector('th')!.textContent!.trim();
      [...row.querySelectorAll('td')].forEach((td, n) => {
        const expected = jobs.filter(
          (j) => j.state === 'UNSUCCESSFUL' && j.node === nodes[n] && (j.stage === stage || stageText(j.stage) === stage),
        ).length;
        expect(readCount(td.textContent), `${stage} on ${nodes[n]}`).to.equal(expected);
      });
    }
    const names = (selector: string) => [...root(el).querySelectorAll(`${selector} tbody th a`)].map((a) => a.textContent);
    const ranked = root(el).querySelectorAll('table.ranked');
    expect(ranked.length).to.equal(2);
    expect([...ranked[0]!.querySelectorAll('tbody th a')].map((a) => a.textContent)).to.deep.equal(analysis.slowest.map((r) => r.job.name));
    expect([...ranked[1]!.querySelectorAll('tbody th a')].map((a) => a.textContent)).to.deep.equal(
      analysis.longestWaiting.map((r) => r.job.name),
    );
    expect(names('table.ranked').length).to.be.greaterThan(2);
    const link = ranked[0]!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal(`#/jobs/${encodeURIComponent(analysis.slowest[0]!.job.id)}`);
  });

  it('a count opens its jobs: the filter is applied and the list holds exactly that many', async () => {
    const el = await mount(cluster);
    const row = [...root(el).querySelectorAll('table.cells tbody tr')].find((tr, i, rows) => {
      // The node-3 row of the archiving type.
      const type = rows
        .slice(0, i + 1)
        .reverse()
        .find((r) => r.querySelector('th')!.textContent!.trim())!;
      return (
        type.querySelector('th')!.textContent!.trim() === 'Archiving' && tr.querySelectorAll('th')[1]!.textContent!.trim() === 'node 3'
      );
    })!;
    const button = row.querySelectorAll('td')[1]!.querySelector('button')!;
    const count = readCount(button.textContent);
    expect(count).to.be.greaterThan(0);
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'ac-analysis-select');
    const expected = { states: ['UNSUCCESSFUL'], stages: [], types: ['ARCHIVING'], nodes: ['node-3'] };
    expect(event.detail.query).to.deep.equal(expected);
    expect(cluster.store.query).to.deep.include(expected);
    await settle(el);
    expect(cluster.store.total).to.equal(count);
  });

  it('a stop count opens the unsuccessful jobs of that stage, node and chosen type', async () => {
    const el = await mount(cluster);
    const select = root(el).querySelectorAll('select')[1]!;
    select.value = 'ARCHIVING';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    const cell = root(el).querySelector<HTMLButtonElement>('table.stops tbody td button')!;
    const count = readCount(cell.textContent);
    cell.click();
    await settle(el);
    const query = cluster.store.query;
    expect(query.types).to.deep.equal(['ARCHIVING']);
    expect(query.states).to.deep.equal(['UNSUCCESSFUL']);
    expect(query.stages).to.have.length(1);
    expect(query.nodes).to.have.length(1);
    expect(cluster.store.total).to.equal(count);
  });

  it('reads the charts from the keyboard and opens a node’s jobs of a bucket with Enter', async () => {
    const el = await mount(cluster);
    const frames = root(el).querySelectorAll<HTMLElement>('.plot-frame.focusable');
    const key = (frame: HTMLElement, k: string) =>
      frame.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
    const live = (frame: HTMLElement) => frame.querySelector('[aria-live]')!.textContent!;

    // The histogram: the first bucket, then the first node only.
    const histogram = frames[0]!;
    histogram.focus();
    key(histogram, 'Home');
    await settle(el);
    expect(live(histogram)).to.match(/^under 1 s\. node 1: [\d,]+, node 2: [\d,]+, node 3: [\d,]+, node 4: [\d,]+\.$/);
    key(histogram, 'ArrowDown');
    await settle(el);
    expect(live(histogram)).to.match(/^under 1 s\. node 1: [\d,]+\.$/);
    key(histogram, 'Enter');
    await settle(el);
    const { analysis } = reference(cluster);
    expect(cluster.store.query.nodes).to.deep.equal(['node-1']);
    expect(cluster.store.query.states).to.deep.equal(['SUCCESSFUL', 'UNSUCCESSFUL']);
    expect(cluster.store.total).to.equal(analysis.cells.find((c) => c.type === null && c.node === 'node-1')!.finished);

    // The trends, failures: the last bucket of node 2 opens its unsuccessful jobs of that period.
    cluster.store.resetFilters(true);
    await settle(el);
    [...root(el).querySelectorAll<HTMLButtonElement>('.segmented button')].find((b) => b.textContent!.includes('Failures'))!.click();
    await settle(el);
    const trends = root(el).querySelectorAll<HTMLElement>('.plot-frame.focusable')[1]!;
    trends.focus();
    key(trends, 'End');
    key(trends, 'ArrowDown');
    key(trends, 'ArrowDown');
    await settle(el);
    expect(live(trends)).to.match(/node 2: [\d,]+\.$/);
    key(trends, 'Enter');
    await settle(el);
    const query = cluster.store.query;
    expect(query.nodes).to.deep.equal(['node-2']);
    expect(query.states).to.deep.equal(['UNSUCCESSFUL']);
    const bucketSeconds = analysis.trends.bucketSeconds;
    const lastStart = Date.parse(analysis.trends.from) + (analysis.trends.nodes[0]!.finished.length - 1) * bucketSeconds * 1000;
    expect(query.period).to.deep.equal({
      kind: 'range',
      from: new Date(lastStart).toISOString(),
      to: new Date(lastStart + bucketSeconds * 1000).toISOString(),
    });
  });

  it('shows each chart as a table whose counts are the chart’s, and exports a table through the safe CSV writer', async () => {
    const el = await mount(cluster);
    const toggle = root(el).querySelector<HTMLButtonElement>('.table-toggle[aria-pressed]')!;
    toggle.click();
    await settle(el);
    const data = el.plots.histogram!.data as unknown as number[][];
    const rows = [...root(el).querySelectorAll('#title-histogram')[0]!.closest('section')!.querySelectorAll('table tbody tr')];
    expect(rows.length).to.equal(data[0]!.length - 1);
    rows.forEach((tr, i) => {
      const counts = [...tr.querySelectorAll('td')].map((td) => readCount(td.textContent));
      expect(counts).to.deep.equal(data.slice(1).map((series) => series[i]));
    });

    let saved = '';
    let fileName = '';
    el.save = async (chunks, name) => {
      for await (const chunk of chunks) saved += chunk;
      fileName = name;
    };
    const stopsCard = root(el).querySelector('#title-stops')!.closest('section')!;
    [...stopsCard.querySelectorAll('button')].find((b) => b.textContent!.includes('Export CSV'))!.click();
    await waitFor(() => saved !== '', 'the CSV saved');
    expect(fileName).to.match(/^analysis-stops-.*\.csv$/);
    const csv = await parseCsvExport(saved.replace(/^\uFEFF/, ''));
    expect(csv.meta.get('table')).to.deep.equal(['stops']);
    expect(csv.header).to.deep.equal(['stage', 'node-1', 'node-2', 'node-3', 'node-4']);
    const shown = [...stopsCard.querySelectorAll('table tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => readCount(td.textContent)),
    );
    expect(csv.rows.map((row) => row.slice(1).map(Number))).to.deep.equal(shown);
  });

  it('speaks French', async () => {
    const el = await mount(cluster, 'fr');
    await waitFor(() => root(el).textContent!.includes('Par type et par nœud'), 'French titles');
    const headers = [...root(el).querySelectorAll('table.cells thead th')].map((th) => th.textContent!.trim());
    expect(headers).to.include.members(['Terminées', 'En échec', 'Réussite', 'Attente', 'Exécution', 'médiane']);
    expect(root(el).querySelector('table.cells tbody tr th')!.textContent!.trim()).to.equal('Déstockage');
  });

  it('follows live changes: the figures are the reference’s again after the cluster moves', async () => {
    const el = await mount(cluster);
    const overall = () => tableCells(el).get('All types|All nodes')!;
    const before = readCount(overall()[0]);
    cluster.simulator.advance(6 * 3_600_000);
    const { analysis } = reference(cluster);
    const expected = analysis.cells.find((c) => c.type === null && c.node === null)!;
    expect(expected.finished).to.be.greaterThan(before);
    await waitFor(() => readCount(overall()[0]) === expected.finished, 'the finished count follows');
    expect(overall().slice(3, 9)).to.deep.equal(
      [expected.wait.median, expected.wait.p95, expected.wait.max, expected.run.median, expected.run.p95, expected.run.max].map(duration),
    );
  });
});

/** A known stage as the element labels it in English. */
function stageText(stage: string): string {
  const labels: Record<string, string> = {
    INTERRUPTED_ON_ERROR: 'Interrupted on error',
    INTERRUPTED_BY_USER: 'Interrupted by user',
    INTERRUPTED_ON_SHUTDOWN: 'Interrupted on shutdown',
    INTERRUPTED_ON_TIMEOUT: 'Interrupted on timeout',
    INTERRUPTED_NO_SPACE_LEFT: 'Interrupted: no space left',
  };
  return labels[stage] ?? stage;
}
