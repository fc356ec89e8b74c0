// The job list over every job: ours (<ac-job-list> from dist/cdn/, as shipped), the bare
// recycler, and @vaadin/grid on the same rows; and typing in our list's search box.
import '@vaadin/grid/vaadin-grid.js';
import { formatDateTime, jobStateLabel, jobTypeLabel, stageLabel } from '../../dist/i18n/index.js';
import { afterPaint, sleep, until } from './perf.js';
import { BareRecycler } from './recycler.js';
import { MountedTable, elementVariant, recyclerVariant } from './mounted-table.js';
import { smallStore, world } from './world.js';

const COLUMNS = ['name', 'type', 'description', 'createdAt', 'updatedAt', 'node', 'state', 'stage'];
const ROW_HEIGHT = 36;

/** The texts of a job's cells, as our list shows them (same formatting functions). */
function cellTexts(job) {
  return [
    job.name,
    jobTypeLabel(job.type, 'en'),
    job.description,
    formatDateTime(job.createdAt, 'en', 'UTC'),
    formatDateTime(job.updatedAt, 'en', 'UTC'),
    job.node,
    jobStateLabel(job.state, 'en'),
    stageLabel(job.stage, 'en'),
  ];
}

/** The element the variant scrolls, and how to read its rows. */
const variants = {
  ours: elementVariant((host, store) => {
    const list = document.createElement('ac-job-list');
    list.setAttribute('time-zone', 'UTC');
    list.store = store;
    host.append(list);
    return list;
  }),
  bare: recyclerVariant(
    (host, store) =>
      new BareRecycler(host, {
        count: store.total,
        rowHeight: ROW_HEIGHT,
        columns: COLUMNS.length,
        cells: (i) => cellTexts(store.jobAt(i)),
      }),
  ),
  vaadin: {
    mount(host, store) {
      const grid = document.createElement('vaadin-grid');
      grid.className = 'vaadin';
      COLUMNS.forEach((key, c) => {
        const column = document.createElement('vaadin-grid-column');
        column.header = key;
        column.renderer = (root, _column, model) => {
          root.textContent = cellTexts(model.item)[c];
        };
        grid.append(column);
      });
      // The grid's way for large data: a data provider asked page by page.
      grid.size = store.total;
      grid.dataProvider = ({ page, pageSize }, callback) => {
        const items = [];
        const start = page * pageSize;
        for (let i = start; i < Math.min(store.total, start + pageSize); i++) items.push(store.jobAt(i));
        callback(items, store.total);
      };
      host.append(grid);
      return grid;
    },
    scroller: (grid) => grid.shadowRoot?.querySelector('#table'),
    shown(grid) {
      const table = grid.shadowRoot?.querySelector('#table');
      if (!table) return [];
      const box = table.getBoundingClientRect();
      const head = grid.shadowRoot.querySelector('thead')?.getBoundingClientRect();
      const rows = [...grid.shadowRoot.querySelectorAll('tbody#items > tr')];
      return rows
        .filter((tr) => {
          const r = tr.getBoundingClientRect();
          return !tr.hidden && r.height > 0 && r.top >= (head?.bottom ?? box.top) - 0.5 && r.bottom <= box.bottom + 0.5;
        })
        .map((tr) => {
          const slot = tr.querySelector('td slot');
          const content = slot && grid.querySelector(`[slot="${slot.name}"]`);
          return { index: tr.index, text: content?.textContent ?? '' };
        })
        .sort((a, b) => a.index - b.index);
    },
    end(grid) {
      grid.scrollToIndex(table.current.store.total - 1);
      return 'script';
    },
    remove: (grid) => grid.remove(),
  },
};

const table = new MountedTable(variants, 'row');

/** The store of every job (`size` 0), or one over the first `size` jobs. */
async function storeOf(size) {
  return size ? (await smallStore(size)).store : world.store;
}

/**
 * Mounts a variant on a loaded store and waits until its first row shows the first job:
 * the time from the data being there to the first rows painted.
 */
export async function mountList(variant, size = 0) {
  const store = await storeOf(size);
  const firstRowsMs = await table.mount(variant, (v, host) => v.mount(host, store), store.jobAt(0).name, { store });
  return { firstRowsMs, total: store.total };
}

export const unmountList = () => table.unmount();
export const listCentre = () => table.centre();
export const listJump = (fraction) => table.jump(fraction);
export const prepareEnd = () => table.prepareEnd();

/** Whether the last row, with the last job, is entirely in view once the list settles. */
export function lastRowShown() {
  const { store } = table.current;
  return table.lastShown(store.total - 1, store.jobAt(store.total - 1).name);
}

// --- typing in the search box ---

let typing;

/** Mounts our list, focuses its search box, and clears the search. */
export async function prepareSearch() {
  if (table.current?.variant !== 'ours' || table.current.store !== world.store) await mountList('ours');
  const input = table.current.element.shadowRoot.querySelector('input[type="search"]');
  input.value = '';
  world.store.setQuery({ q: '' });
  await until(() => world.store.query.q === '' && world.store.total === world.jobs.length + world.firehose.created, 'the search cleared');
  await afterPaint();
  await sleep(300);
  input.focus();
  if (!typing) {
    typing = { applied: [], lastKey: 0 };
    const store = world.store;
    const setQuery = store.setQuery.bind(store);
    // When the debounced search reaches the store, and when the list shows its result.
    store.setQuery = (patch) => {
      const entry = { at: performance.now(), q: patch.q, paintedAt: 0 };
      typing.applied.push(entry);
      setQuery(patch);
      requestAnimationFrame(() => setTimeout(() => (entry.paintedAt = performance.now()), 0));
    };
    window.addEventListener('keydown', (event) => (typing.lastKey = event.timeStamp), true);
  }
  typing.applied = [];
  return { start: performance.now() };
}

/** Clears the search and takes the list away: the store is back on every job. */
export async function endSearch() {
  const input = table.current?.element.shadowRoot.querySelector('input[type="search"]');
  if (input) input.value = '';
  world.store.setQuery({ q: '' });
  await unmountList();
}

/** After typing `text`: when the search of the whole text was painted, and each search's cost. */
export async function searchResult(text, start) {
  const store = world.store;
  await until(() => typing.applied.some((a) => a.q === text && a.paintedAt > 0), 'the search to be applied and painted', 10_000);
  await afterPaint();
  const final = typing.applied.find((a) => a.q === text);
  const searches = typing.applied.filter((a) => a.q !== '' && a.paintedAt > 0);
  return {
    keyToPaintMs: final.paintedAt - typing.lastKey,
    searchToPaintMs: searches.map((a) => a.paintedAt - a.at),
    selected: store.total,
    start,
  };
}
