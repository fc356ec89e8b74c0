// The scroll procedure the job list and the file table share, and its rows: first rows, a
// mouse-wheel gesture, scrollbar jumps one frame each, then End and the last row.
import { seeded } from '../page/random.js';
import { measured, metrics, taskMs } from './cdp.mjs';
import { format, longestFrameNote, row } from './report.mjs';
import { median, pick, quantile } from './stats.mjs';

/**
 * One run of a scroll scenario: mount (first rows), a mouse-wheel gesture, scrollbar-like
 * jumps one frame each (each frame's main-thread time read on its own), then the end.
 * `fns` are the page functions (mount, centre, jump, end, last, unmount).
 */
export async function scrollRun({ page, cdp, size, settle }, variant, round, count, fns) {
  // Our DOM is checked for leaks (a forced collection at each end: seconds on a big heap).
  const tracked = variant === 'ours' && round >= size.warmup;
  const mounted = await page.evaluate(fns.mount, variant, count);
  const start = tracked ? await settle(2) : undefined;
  const centre = await page.evaluate(fns.centre);
  await page.mouse.move(centre.x, centre.y);
  const random = seeded(1000 + round);
  const jumpFrames = [];
  const m = await measured(page, cdp, async () => {
    // A mouse-wheel gesture the browser performs itself, frame by frame (as Telemetry's scroll benchmarks do).
    await cdp.send('Input.synthesizeScrollGesture', {
      x: Math.round(centre.x),
      y: Math.round(centre.y),
      yDistance: -size.wheelDistance,
      speed: size.wheelSpeed,
      gestureSourceType: 'mouse',
      preventFling: true,
    });
    for (let i = 0; i < size.jumps; i++) {
      const before = await metrics(cdp);
      await page.evaluate(fns.jump, random());
      jumpFrames.push(taskMs(before, await metrics(cdp)));
    }
  });
  const how = await page.evaluate(fns.end);
  if (how === 'key') await page.keyboard.press('End');
  const reach = await page.evaluate(fns.last);
  const end = tracked ? await settle(2) : undefined;
  await page.evaluate(fns.unmount);
  return {
    firstRowsMs: mounted.firstRowsMs,
    perFrameMs: m.perFrameMs,
    cpuPerFrameMs: m.cpuPerFrameMs,
    jumpMedianMs: median(jumpFrames),
    jumpP95Ms: quantile(jumpFrames, 0.95),
    longTasks: m.longTasks,
    longestFrameMs: m.longestFrameMs,
    longestFrame: m.longestFrame,
    nodesRatio: tracked ? end.nodes / start.nodes : undefined,
    nodes: tracked ? [start.nodes, end.nodes] : undefined,
    reached: reach.ok,
    lastShown: reach.lastShown,
  };
}

/** The rows of a scroll scenario `S` from its rounds `r` (ours and bare), pushed to `rows`. */
export function scrollRows({ rows, size }, S, r, firstRows) {
  rows.push(
    row({
      scenario: S,
      figure: firstRows,
      unit: 'ms',
      ours: pick(r.ours, 'firstRowsMs'),
      baseline: { name: 'bare recycler', samples: pick(r.bare, 'firstRowsMs') },
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'main-thread time per frame while scrolling (wheel, then scrollbar jumps)',
      unit: 'ms',
      ours: pick(r.ours, 'perFrameMs'),
      baseline: { name: 'bare recycler', samples: pick(r.bare, 'perFrameMs') },
      budget: '≤ 4 ms per frame',
      check: (o) => o.median <= 4,
      note: `main-thread CPU per frame: ours ${format(median(pick(r.ours, 'cpuPerFrameMs')), 'ms')}, bare ${format(median(pick(r.bare, 'cpuPerFrameMs')), 'ms')}`,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: `a scrollbar jump's frame: main-thread time, p95 of ${size.jumps}`,
      unit: 'ms',
      ours: pick(r.ours, 'jumpP95Ms'),
      baseline: { name: 'bare recycler', samples: pick(r.bare, 'jumpP95Ms') },
      note: `median frame: ours ${format(median(pick(r.ours, 'jumpMedianMs')), 'ms')}, bare ${format(median(pick(r.bare, 'jumpMedianMs')), 'ms')}`,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'tasks over 50 ms per run',
      unit: 'count',
      ours: pick(r.ours, 'longTasks'),
      baseline: { name: 'bare recycler', samples: pick(r.bare, 'longTasks') },
      ratio: false,
      budget: 'none',
      check: (o) => o.max === 0,
      note: `${longestFrameNote(r.ours)} (bare ${format(Math.max(...pick(r.bare, 'longestFrameMs')), 'ms')})`,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'DOM nodes after GC, end ÷ start',
      unit: 'x',
      ours: pick(r.ours, 'nodesRatio'),
      ratio: false,
      budget: '≤ 1.1×',
      // A leak shows in every run; one late render can lift one run.
      check: (o) => o.median <= 1.1,
      note: `ours ${r.ours[0].nodes.join(' → ')} nodes in the page (first run)`,
    }),
  );
  const reached = pick(r.ours, 'reached');
  rows.push(
    row({
      scenario: S,
      figure: 'last row reachable (End key) and showing the last item',
      unit: 'flag',
      ours: [reached.every(Boolean) ? 1 : 0],
      baseline: { name: 'bare recycler', samples: [pick(r.bare, 'reached').every(Boolean) ? 1 : 0] },
      ratio: false,
      budget: 'reachable',
      check: () => reached.every(Boolean),
      correctness: true,
      note: reached.every(Boolean) ? undefined : `last row shown instead: ${JSON.stringify(r.ours.find((x) => !x.reached)?.lastShown)}`,
    }),
  );
}
