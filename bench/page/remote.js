// The remote scenarios' side in the standalone page a reference server serves (not the
// bench page: this function is handed to the page as it is, and installs `window.remote`).
// Each measure starts in the page, at the user's action, and ends once what the user waits
// for is on screen and painted (a task queued from the next frame runs once it is drawn).
export function installRemote() {
  const manager = () => document.querySelector('ac-job-manager');
  const inManager = (selector) => manager()?.shadowRoot?.querySelector(selector);
  const list = () => inManager('ac-job-list');
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  /** Calls `ready` every frame until it holds; resolves to the time it first did. */
  const until = (ready, what, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + timeoutMs;
      const check = () => {
        if (ready()) resolve(performance.now());
        else if (performance.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
        else requestAnimationFrame(check);
      };
      check();
    });
  /** The list's rows on screen, and whether any still says "Loading…". */
  const rowsInView = () => {
    const root = list()?.shadowRoot;
    const scroller = root?.querySelector('.scroller');
    if (!scroller) return { rows: [], loading: true };
    const box = scroller.getBoundingClientRect();
    const rows = [...root.querySelectorAll('[role=row][data-index]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
    return { rows, loading: rows.length === 0 || rows.some((row) => row.classList.contains('placeholder')) };
  };
  const listReady = () => {
    const store = list()?.store;
    const count = list()?.shadowRoot?.querySelector('.count')?.textContent ?? '';
    return store?.status === 'ready' && !rowsInView().loading && count.replace(/\D/g, '') === String(store.total);
  };
  const timedFrom = async (start, ready, what) => {
    await until(ready, what);
    await painted();
    return performance.now() - start;
  };

  window.remote = {
    /** Submits the login form (filled by the caller); until the dashboard's counts show. */
    async login() {
      const form = inManager('ac-login-form')?.shadowRoot?.querySelector('form');
      const start = performance.now();
      form.requestSubmit();
      return timedFrom(
        start,
        () => {
          const counts = [...(inManager('ac-job-dashboard')?.shadowRoot?.querySelectorAll('.indicator-count') ?? [])];
          return counts.length >= 4 && counts.every((c) => /\d/.test(c.textContent));
        },
        "the dashboard's counts",
      );
    },
    /** Clicks the Jobs tab; until the list shows its first rows. */
    async openJobs() {
      const link = [...(manager().shadowRoot.querySelectorAll('nav a') ?? [])].find((a) => /jobs/i.test(a.getAttribute('href') ?? ''));
      const start = performance.now();
      link.click();
      return timedFrom(start, listReady, 'the first rows');
    },
    /** Toggles the chip of `state`; until the rows and the summary are the new query's. */
    async chip(state, on) {
      const filters = inManager('ac-job-filters');
      const chip = [...filters.shadowRoot.querySelectorAll('button.chip')].find((b) =>
        b.textContent.trim().toLowerCase().startsWith(state),
      );
      const start = performance.now();
      chip.click();
      const store = list().store;
      // The summary is the new query's when it counts the state chosen only (or others too, once none is).
      const summaryOf = (summary) => summary !== undefined && (summary.total === summary.byState[state.toUpperCase()]) === on;
      return timedFrom(
        start,
        () => (on ? store.query.states.length === 1 : store.query.states.length === 0) && summaryOf(store.summary) && listReady(),
        'the rows and the summary',
      );
    },
    /** Listens to the search box's input, to know when the last key was typed. */
    watchTyping() {
      const input = list().shadowRoot.querySelector('input[type=search]');
      this.lastKeyAt = undefined;
      input.addEventListener('input', () => (this.lastKeyAt = performance.now()));
      input.focus();
      input.select();
    },
    /** Once `text` was typed: from its last key until the list and its count show its result. */
    async typed(text) {
      const store = list().store;
      const done = await until(() => store.query.q === text && listReady(), `the search for ${text}`);
      await painted();
      return { ms: performance.now() - this.lastKeyAt, selected: store.total, settledAt: done };
    },
    /** The scrollbar dragged to `fraction` of the list; until the rows there show, none "Loading…". */
    async jump(fraction) {
      const scroller = list().shadowRoot.querySelector('.scroller');
      const start = performance.now();
      scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
      scroller.dispatchEvent(new Event('scroll'));
      const ms = await timedFrom(start, () => !rowsInView().loading, `the rows at ${fraction}`);
      const { rows } = rowsInView();
      return { ms, last: Number(rows.at(-1)?.dataset.index ?? -1), total: list().store.total };
    },
  };
}
