// What the DevTools protocol tells that the page cannot: main-thread time (Performance
// metrics), heap and DOM nodes after a forced garbage collection.

export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * Main-thread time between two `metrics` readings, ms: every task (script, style, layout,
 * paint) less the protocol's own commands (this harness's, not the page's work).
 */
export function taskMs(before, after) {
  const delta = (name) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return delta('TaskDuration') - delta('DevToolsCommandDuration');
}

/**
 * Heap (bytes) and DOM nodes once garbage is collected. One full collection takes V8's
 * and Blink's heaps together; the DOM checks ask for two, in case a node is only let go
 * by the first (seconds on a big heap, so not for heap figures).
 */
export async function settledMemory(cdp, collections = 1) {
  for (let i = 0; i < collections; i++) await cdp.send('HeapProfiler.collectGarbage');
  // V8's heap and the memory behind ArrayBuffers (typed-array columns), which `usedSize` leaves out.
  const { usedSize, backingStorageSize = 0 } = await cdp.send('Runtime.getHeapUsage');
  const m = await metrics(cdp);
  return { heap: usedSize + backingStorageSize, nodes: m.Nodes };
}

/**
 * Runs `action` inside a measured window: frames counted by the page, main-thread time
 * from the protocol's cumulative durations (seconds, hence ×1000).
 */
export async function measured(page, cdp, action) {
  await page.evaluate(() => window.bench.startWindow());
  const before = await metrics(cdp);
  const result = await action();
  const after = await metrics(cdp);
  const seen = await page.evaluate(() => window.bench.stopWindow());
  const frames = Math.max(1, seen.frames);
  const task = taskMs(before, after);
  const cpuMs = ((after.ThreadTime ?? 0) - (before.ThreadTime ?? 0)) * 1000;
  return {
    result,
    ...seen,
    taskMs: task,
    /** CPU time of the main thread: steadier than wall time when other processes compete for the cores. */
    cpuMs,
    perFrameMs: task / frames,
    cpuPerFrameMs: cpuMs / frames,
  };
}

/**
 * Runs `action` while the heap is read after a forced collection every `everyMs`: the most
 * the page kept alive meanwhile (bytes), whatever the collector would have deferred. The
 * collections are tasks of their own: never time anything in such a run.
 */
export async function liveHeapPeak(cdp, action, everyMs = 250) {
  let peak = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      peak = Math.max(peak, (await settledMemory(cdp)).heap);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  try {
    const result = await action();
    return { result, peak };
  } finally {
    running = false;
    await poll;
  }
}
