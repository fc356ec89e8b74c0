// What the page itself can observe: frames (counted with requestAnimationFrame), long
// tasks, long animation frames and Event Timing entries. Main-thread time comes from the
// DevTools protocol on the Node side (bench/lib/cdp.mjs); this side only counts.

const longTasks = [];
const animationFrames = [];
const events = [];

/** Collects the entries of a type; a browser without it would make every count here zero, so it throws. */
function observe(type, push, options = {}) {
  if (!PerformanceObserver.supportedEntryTypes.includes(type)) throw new Error(`this browser has no ${type} entries`);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) push(entry);
  }).observe({ type, ...options });
}

observe('longtask', (e) => longTasks.push({ start: e.startTime, duration: e.duration }));
observe('long-animation-frame', (e) =>
  animationFrames.push({
    start: e.startTime,
    duration: e.duration,
    // Its split: the tasks and callbacks that ran scripts, and the frame's own style, layout and paint.
    scriptMs: e.scripts.reduce((sum, script) => sum + script.duration, 0),
    renderMs: e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0,
  }),
);
// 16 ms is the smallest threshold Event Timing accepts: shorter events are not reported.
observe('event', (e) => events.push({ name: e.name, start: e.startTime, duration: e.duration, interactionId: e.interactionId ?? 0 }), {
  durationThreshold: 16,
});

export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** After the next paint: a task queued from a frame callback runs once that frame is drawn. */
export const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, a frame at a time, until `predicate()` holds; throws after `timeoutMs`. */
export async function until(predicate, what, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await nextFrame();
  }
}

let window0 = 0;
let frames = 0;
let counting = false;

function tick() {
  if (!counting) return;
  frames++;
  requestAnimationFrame(tick);
}

/** Starts a measured window: frames are counted, long tasks and long animation frames kept from now. */
export function startWindow() {
  window0 = performance.now();
  frames = 0;
  counting = true;
  requestAnimationFrame(tick);
}

/** Ends the window: what happened in it. */
export function stopWindow() {
  counting = false;
  const from = window0;
  const inWindow = (e) => e.start >= from;
  const tasks = longTasks.filter(inWindow);
  const loafs = animationFrames.filter(inWindow);
  const longestFrame = loafs.reduce((longest, f) => (f.duration > (longest?.duration ?? 0) ? f : longest), undefined);
  return {
    frames,
    longTasks: tasks.length,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    longestFrameMs: longestFrame?.duration ?? 0,
    longestFrame,
  };
}

/** Event Timing entries since `from` (the keystroke scenario keeps its own window). */
export function eventsSince(from) {
  return events.filter((e) => e.start >= from);
}
