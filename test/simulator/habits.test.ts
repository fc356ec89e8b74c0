import { expect } from '@open-wc/testing';
import type { AnalysisCell } from '../../src/model/index.js';
import { ClusterSimulator } from '../../src/simulator/index.js';
import { analyze } from '../../src/source/job-analysis.js';

const NOW = Date.parse('2025-10-23T16:00:00Z');

/** Per node, over every type: what the analysis view compares. */
function perNode(seed: number): { cells: Map<string, AnalysisCell>; noSpace: Map<string, number>; tape: Map<string, AnalysisCell> } {
  const simulator = new ClusterSimulator({ seed, nodes: 4, jobs: 12_000, days: 30, now: NOW });
  const analysis = analyze(simulator.jobs(), {}, NOW);
  const cells = new Map(analysis.cells.filter((c) => c.type === null && c.node !== null).map((c) => [c.node!, c]));
  const noSpace = new Map<string, number>();
  for (const stop of analysis.stops) {
    if (stop.stage === 'INTERRUPTED_NO_SPACE_LEFT') noSpace.set(stop.node, (noSpace.get(stop.node) ?? 0) + stop.count);
  }
  // Duplications always read and write tapes.
  const tape = new Map(analysis.cells.filter((c) => c.type === 'DUPLICATION' && c.node !== null).map((c) => [c.node!, c]));
  return { cells, noSpace, tape };
}

describe('simulator: the nodes have habits an analysis finds', () => {
  for (const seed of [1, 7]) {
    it(`node 2 runs out of space, node 3's tape drive is slow, node 4's queue is long (seed ${seed})`, () => {
      const { cells, noSpace, tape } = perNode(seed);
      const others = (node: string, value: (id: string) => number) =>
        ['node-1', 'node-2', 'node-3', 'node-4'].filter((id) => id !== node).map(value);
      const noSpaceShare = (id: string) => (noSpace.get(id) ?? 0) / cells.get(id)!.finished;
      expect(noSpaceShare('node-2')).to.be.greaterThan(3 * Math.max(...others('node-2', noSpaceShare)));

      const tapeRun = (id: string) => tape.get(id)!.run.median!;
      expect(tapeRun('node-3')).to.be.greaterThan(2 * Math.max(...others('node-3', tapeRun)));

      const medianWait = (id: string) => cells.get(id)!.wait.median!;
      expect(medianWait('node-4')).to.be.greaterThan(2 * Math.max(...others('node-4', medianWait)));
    });
  }

  it('a cluster of one node has none of them', () => {
    const simulator = new ClusterSimulator({ seed: 3, nodes: 1, jobs: 3000, days: 10, now: NOW });
    const analysis = analyze(simulator.jobs(), {}, NOW);
    const stops = analysis.stops.filter((s) => s.stage === 'INTERRUPTED_NO_SPACE_LEFT').reduce((sum, s) => sum + s.count, 0);
    const finished = analysis.cells.find((c) => c.type === null && c.node === null)!.finished;
    expect(stops / finished).to.be.lessThan(0.03);
  });
});
