// A job with millions of files: our file table (<ac-job-files>, inside <ac-job-detail>)
// against the bare recycler over the same computed files.
import { fileStatusLabel, formatBytes } from '../../dist/i18n/index.js';
import { MountedTable, elementVariant, recyclerVariant } from './mounted-table.js';
import { BareRecycler } from './recycler.js';
import { ComputedFiles } from './world.js';

let files;

const variants = {
  ours: elementVariant((host) => {
    const table = document.createElement('ac-job-files');
    table.source = files;
    table.jobId = 'big';
    host.append(table);
    return table;
  }),
  bare: recyclerVariant(
    (host) =>
      new BareRecycler(host, {
        count: files.total,
        rowHeight: 36,
        columns: 4,
        cells: (i) => {
          const f = files.file(i);
          return [f.path, fileStatusLabel(f.status, 'en'), formatBytes(f.size, 'en'), f.reason ?? ''];
        },
      }),
  ),
};

const table = new MountedTable(variants, 'file');

/**
 * `<ac-job-files>` is not an entry of dist/cdn/: `<ac-job-detail>` loads it beside a job's
 * information, once connected. A detail connected for a moment defines it, untimed.
 */
async function defineFileTable() {
  if (customElements.get('ac-job-files')) return;
  const detail = document.createElement('ac-job-detail');
  detail.hidden = true;
  document.body.append(detail);
  await customElements.whenDefined('ac-job-files');
  detail.remove();
}

export async function mountFiles(variant, count) {
  if (files?.total !== count) files = new ComputedFiles(count);
  await defineFileTable();
  const firstRowsMs = await table.mount(variant, (v, host) => v.mount(host), files.file(0).path);
  return { firstRowsMs, total: files.total };
}

export const unmountFiles = () => table.unmount();
export const filesCentre = () => table.centre();
export const filesJump = (fraction) => table.jump(fraction);
export const prepareFilesEnd = () => table.prepareEnd();
export const lastFileShown = () => table.lastShown(files.total - 1, files.file(files.total - 1).path);
