/**
 * Where the files of a job live and how big they are, from the seed and the job's
 * number: a few folders in path order, the job's files split evenly over them, and
 * sizes that vary around each folder's mean in pairs summing to twice it, so the
 * job's byte count is exact without adding up its files.
 */
import { hash32, unitHash } from './random.js';
import { FILE_KINDS, SUBFOLDERS } from './vocabulary.js';

const STREAM_FOLDERS = 0x464f4c44;
export const STREAM_SIZES = 0x53495a45;

const ALL_KINDS = FILE_KINDS.map((_, i) => i);
const SMALL_KINDS = ALL_KINDS.filter((i) => !FILE_KINDS[i]!.large);
/** Strides coprime with every kinds × subfolders count, so a stride visits distinct folders. */
const STRIDES = [5, 11, 13, 17, 19, 23, 29];
/** Above this many files, a job holds no large media files. */
const LARGE_KIND_LIMIT = 2_000;
/** A folder's mean size is its kind's, times 0.4 to 2.5. */
const LOG_SIZE_SPREAD = Math.log(6.25);

/** Most folders a job's files are spread over. */
export const MAX_FOLDERS = 12;

/**
 * Writes the folders of a job's files into `codes`, in path order, each as
 * kind * SUBFOLDERS.length + subfolder; returns how many.
 */
export function folderCodes(seed: number, index: number, files: number, codes: Int32Array): number {
  if (files === 0) return 0;
  const kinds = files > LARGE_KIND_LIMIT ? SMALL_KINDS : ALL_KINDS;
  const combos = kinds.length * SUBFOLDERS.length;
  const h = hash32(seed ^ STREAM_FOLDERS, index);
  const count = Math.min(files, MAX_FOLDERS, 1 + Math.floor(Math.log10(files)) + (h % 3));
  const start = hash32(seed ^ STREAM_FOLDERS, index, 1) % combos;
  const stride = STRIDES[h % STRIDES.length]!;
  for (let d = 0; d < count; d++) {
    const combo = (start + d * stride) % combos;
    const code = kinds[Math.floor(combo / SUBFOLDERS.length)]! * SUBFOLDERS.length + (combo % SUBFOLDERS.length);
    // Insertion sort: a dozen codes at most, and no allocation for a million jobs.
    let at = d;
    while (at > 0 && codes[at - 1]! > code) {
      codes[at] = codes[at - 1]!;
      at--;
    }
    codes[at] = code;
  }
  return count;
}

/** Mean size of the files of one folder of a job. */
export function folderBase(seed: number, index: number, code: number): number {
  const kind = FILE_KINDS[Math.floor(code / SUBFOLDERS.length)]!;
  return Math.round(kind.meanSize * Math.exp(LOG_SIZE_SPREAD * unitHash(seed ^ STREAM_FOLDERS, index, 2, code)) * 0.4);
}

/** First file number of folder d of k, for n files: an even split. */
export function folderStart(d: number, k: number, n: number): number {
  return Math.floor((d * n) / k);
}

/** Bytes of all the files of a job: exactly the sum of their sizes. */
const scratch = new Int32Array(MAX_FOLDERS);

export function layoutBytes(seed: number, index: number, files: number): number {
  const folders = folderCodes(seed, index, files, scratch);
  let bytes = 0;
  for (let d = 0; d < folders; d++) {
    const count = folderStart(d + 1, folders, files) - folderStart(d, folders, files);
    bytes += count * folderBase(seed, index, scratch[d]!);
  }
  return bytes;
}
