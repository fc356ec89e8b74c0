// The file table (<ac-job-files>, the table of <ac-job-detail>) over a job with
// 10,000,000 computed files: the scroll procedure of the job list, against a bare recycler.
import { n } from '../lib/report.mjs';
import { scrollRows, scrollRun } from '../lib/scroll.mjs';

export const id = 'files';
export const needs = 'files';

export async function run(context) {
  const { size, rounds } = context;
  const r = await rounds(['ours', 'bare'], (v, round) =>
    scrollRun(context, v, round, size.files, {
      mount: (variant, count) => window.bench.mountFiles(variant, count),
      centre: () => window.bench.filesCentre(),
      jump: (fraction) => window.bench.filesJump(fraction),
      end: () => window.bench.prepareFilesEnd(),
      last: () => window.bench.lastFileShown(),
      unmount: () => window.bench.unmountFiles(),
    }),
  );
  scrollRows(context, `File table, a job with ${n(size.files)} files`, r, 'first rows painted (element added to first files shown)');
}
