// Export of one job with a million files (CSV), as the export button runs it: files
// fetched page by page, chunks collected into a Blob.
import { collectExport, exportJob } from '../../dist/export/index.js';
import { ComputedFiles } from './world.js';

function bigJob(total) {
  const at = '2025-10-23T10:00:00Z';
  return {
    id: 'big',
    name: 'Archiving:projects_media-1',
    type: 'ARCHIVING',
    description: 'Archiving of share projects_media to tape tar_2-39',
    createdAt: at,
    updatedAt: at,
    startedAt: at,
    finishedAt: at,
    node: 'node-1',
    state: 'SUCCESSFUL',
    stage: 'NORMALLY',
    version: 3,
    progress: {
      files: { total, done: total - Math.floor((total + 96) / 97), failed: Math.floor((total + 96) / 97) },
      bytes: { total: total * 1_000_000, done: total * 1_000_000 },
      share: 'projects_media',
      target: { medium: 'TAPE', name: 'tar_2-39' },
    },
  };
}

/** Heap samples taken while exporting (no collection forced: what the page really holds). */
function sampleHeap() {
  const heap = () => performance.memory?.usedJSHeapSize ?? 0;
  const samples = [heap()];
  const timer = setInterval(() => samples.push(heap()), 50);
  return {
    stop() {
      clearInterval(timer);
      samples.push(heap());
      return samples;
    },
  };
}

export async function exportRun(count, format = 'csv') {
  const files = new ComputedFiles(count);
  const job = bigJob(count);
  const sampler = sampleHeap();
  const started = performance.now();
  let rows = 0;
  const blob = await collectExport(
    exportJob(files, job, format, { nodeName: 'node 1', onProgress: (p) => (rows = p.done), at: new Date('2025-10-23T12:00:00Z') }),
    format,
  );
  const ms = performance.now() - started;
  const samples = sampler.stop();
  const tail = await blob.slice(Math.max(0, blob.size - 300)).text();
  return {
    ms,
    bytes: blob.size,
    rows,
    peakGrowthBytes: Math.max(...samples) - samples[0],
    complete: rows === count && tail.includes(files.file(count - 1).path),
  };
}
