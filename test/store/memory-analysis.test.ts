/**
 * A memory-mode store's analysis counted a slice at a time: what it gives at the end is
 * what one pass gives, live changes between the slices do not break it, and a query
 * change starts it again.
 */
import { expect } from '@open-wc/testing';
import type { Job, JobAnalysis } from '../../src/model/index.js';
import { ClusterSimulator } from '../../src/simulator/index.js';
import { analyze } from '../../src/source/job-analysis.js';
import { jobMatcher } from '../../src/source/job-query.js';
import { MemoryAnalysis } from '../../src/store/memory-analysis.js';
import { MemoryEngine } from '../../src/store/memory-engine.js';
import { waitFor } from '../wait-for.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');
const asJson = (analysis: JobAnalysis | undefined) => JSON.parse(JSON.stringify(analysis)) as unknown;

describe('MemoryAnalysis: the analysis a slice at a time', () => {
  let simulator: ClusterSimulator;
  let engine: MemoryEngine;

  beforeEach(() => {
    simulator = new ClusterSimulator({ seed: 4, nodes: 4, jobs: 20_000, days: 20, now: NOW });
    engine = new MemoryEngine(
      {},
      () => simulator.now,
      simulator.nodes.map((n) => n.id),
    );
    engine.load(simulator.jobs());
  });

  it('counts 20,000 jobs in several slices, showing nothing until done, then what one pass gives', async () => {
    const changes: boolean[] = [];
    // Slices as short as can be: each counts 8,192 rows.
    const analysis = new MemoryAnalysis(
      engine,
      () => NOW,
      (live) => changes.push(live),
      0,
    );
    const params = {};
    engine.setParams(params);
    const summary = engine.summary;
    expect(analysis.read(summary, params), 'not done in one slice').to.equal(undefined);
    expect(analysis.counting).to.equal(true);
    await waitFor(() => changes.length === 1, 'the analysis done');
    expect(changes).to.deep.equal([false]);
    expect(analysis.counting).to.equal(false);
    expect(asJson(analysis.read(summary, params))).to.deep.equal(asJson(engine.analysis(NOW)));
    expect(asJson(analysis.read(summary, params))).to.deep.equal(asJson(analyze(simulator.jobs(), params, NOW)));
  });

  it('live changes between slices: the pass ends, and the next one gives the analysis of every change', async () => {
    const changes: boolean[] = [];
    const analysis = new MemoryAnalysis(
      engine,
      () => simulator.now,
      (live) => changes.push(live),
      0,
    );
    const params = {};
    engine.setParams(params);
    analysis.read(engine.summary, params);
    // Changes (jobs starting, progressing, finishing, new ones) while the slices run.
    const apply = (events: { job: Job }[]) => events.forEach((event) => engine.apply(event.job));
    while (analysis.counting) {
      apply(simulator.advance(120_000));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await waitFor(() => changes.length === 1, 'the first pass done');
    expect(analysis.read(engine.summary, params), 'the first pass shown while the next one counts').to.not.equal(undefined);
    await waitFor(() => changes.length === 2, 'the next pass done');
    expect(changes[1], 'told as a live change').to.equal(true);
    const now = simulator.now;
    expect(asJson(analysis.read(engine.summary, params))).to.deep.equal(asJson(analyze(simulator.jobs(), params, now)));
  });

  it('a new query starts again: the analysis given is the new query’s', async () => {
    const changes: boolean[] = [];
    const analysis = new MemoryAnalysis(
      engine,
      () => NOW,
      (live) => changes.push(live),
      0,
    );
    const all = {};
    engine.setParams(all);
    analysis.read(engine.summary, all);
    const narrow = { state: ['UNSUCCESSFUL' as const], node: ['node-2'] };
    analysis.cancel();
    engine.setParams(narrow);
    const summary = engine.summary;
    // Few rows selected: one slice is enough.
    const first = analysis.read(summary, narrow);
    await waitFor(() => !analysis.counting, 'counted');
    const shown = first ?? analysis.read(summary, narrow);
    expect(asJson(shown)).to.deep.equal(asJson(analyze([...simulator.jobs()].filter(jobMatcher(narrow)), {}, NOW)));
  });
});
