// A job with millions of files: our file table (<ac-job-files>, inside <ac-job-detail>)
// against the bare recycler over the same computed files.
import { fileStatusLabel, formatBytes } from '../../dist/i18n/index.js';
import { afterPaint, until } from './perf.js';
import { BareRecycler } from './recycler.js';
import { centreOf, gridOf, jumpTo, rowsInView } from './rows.js';
import { ComputedFiles, stage } from './world.js';

let files;
let mounted;

const variants = {
  ours: {
    mount(host) {
      const table = document.createElement('ac-job-files');
      table.source = files;
      table.jobId = 'big';
      host.append(table);
      return table;
    },
    scroller: gridOf,
    shown: rowsInView,
    end(el) {
      gridOf(el).focus();
      return 'key';
    },
    remove: (el) => el.remove(),
  },
  bare: {
    mount(host) {
      return new BareRecycler(host, {
        count: files.total,
        rowHeight: 36,
        columns: 4,
        cells: (i) => {
          const f = files.file(i);
          return [f.path, fileStatusLabel(f.status, 'en'), formatBytes(f.size, 'en'), f.reason ?? ''];
        },
      });
    },
    scroller: (r) => r.scroller,
    shown: (r) => r.shownFirstCells(),
    end(r) {
      r.scroller.scrollTop = r.scroller.scrollHeight;
      return 'script';
    },
    remove: (r) => r.remove(),
  },
};

export async function mountFiles(variant, count) {
  if (files?.total !== count) files = new ComputedFiles(count);
  await unmountFiles();
  const host = document.createElement('div');
  host.className = 'list-host';
  stage().append(host);
  const v = variants[variant];
  const expected = files.file(0).path;
  const started = performance.now();
  const element = v.mount(host);
  mounted = { variant, element, host };
  await until(() => v.shown(element)[0]?.text === expected, `the first file of ${variant}`);
  await afterPaint();
  return { firstRowsMs: performance.now() - started, total: files.total };
}

export async function unmountFiles() {
  if (!mounted) return;
  variants[mounted.variant].remove(mounted.element);
  mounted.host.remove();
  mounted = undefined;
  await afterPaint();
}

export function filesCentre() {
  return centreOf(variants[mounted.variant].scroller(mounted.element));
}

/** One scrollbar-like jump to `fraction` of the table, painted. */
export function filesJump(fraction) {
  return jumpTo(variants[mounted.variant].scroller(mounted.element), fraction);
}

export function prepareFilesEnd() {
  return variants[mounted.variant].end(mounted.element);
}

export async function lastFileShown() {
  const v = variants[mounted.variant];
  const last = files.total - 1;
  const expected = files.file(last).path;
  try {
    await until(() => v.shown(mounted.element).some((r) => r.index === last && r.text === expected), 'the last file', 10_000);
    return { ok: true, index: last };
  } catch {
    return { ok: false, index: last, lastShown: v.shown(mounted.element).at(-1) };
  }
}
