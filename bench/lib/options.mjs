// The command line of `npm run bench` and the sizes of a full and a smoke run.
import { parseArgs } from 'node:util';

const OPTIONS = {
  smoke: { type: 'boolean', default: false },
  'no-build': { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  only: { type: 'string' },
  out: { type: 'string' },
  jobs: { type: 'string' },
  profile: { type: 'string' },
  trace: { type: 'string' },
};

const FULL = {
  jobs: 1_000_000,
  /** Issue 5's second size for the list's first rows; also the store the live-update cost is compared with. */
  smallStore: 100_000,
  files: 10_000_000,
  exportFiles: 1_000_000,
  liveRate: 50_000,
  liveSeconds: 10,
  idleSeconds: 2,
  wheelDistance: 2400,
  wheelSpeed: 2400,
  jumps: 30,
  typed: 'video_rushes',
  redraws: 10,
  warmup: 1,
  pairs: 5,
  liveBatch: 1000,
  liveBatches: 20,
  simulatorSteps: 1000,
  /** The remote scenarios: a reference server holding this many jobs, with live changes at this rate a second. */
  remoteJobs: 1_000_000,
  remoteRate: 1000,
  /** Random queries per round (each a first window and one at a random offset), summaries, files pages. */
  remoteQueries: 20,
  remoteFilesPages: 40,
  remoteJumps: 20,
  /** The heap while scrolling through every row: jumps of this many rows. */
  remoteSweepStep: 2000,
  streamClients: 1000,
  streamSeconds: 60,
  analysisRate: 1000,
  analysisSeconds: 10,
  analysisServerJobs: 1_000_000,
  analysisQueries: 20,
};
/** Every scenario once, small: seconds, for `npm test` (files > 222,000 rows: the scaled scroll path still runs). */
const SMOKE = {
  jobs: 20_000,
  smallStore: 2_000,
  files: 300_000,
  exportFiles: 20_000,
  liveRate: 5_000,
  liveSeconds: 1,
  idleSeconds: 0.5,
  wheelDistance: 600,
  wheelSpeed: 2400,
  jumps: 4,
  typed: 'media',
  redraws: 3,
  warmup: 0,
  pairs: 1,
  liveBatch: 200,
  liveBatches: 3,
  simulatorSteps: 20,
  remoteJobs: 5_000,
  remoteRate: 200,
  remoteQueries: 3,
  remoteFilesPages: 3,
  remoteJumps: 2,
  remoteSweepStep: 2500,
  streamClients: 20,
  streamSeconds: 2,
  analysisRate: 200,
  analysisSeconds: 1,
  analysisServerJobs: 5_000,
  analysisQueries: 4,
};

/**
 * The options (`args`), the sizes (`size`) and the ids of the scenarios to run, in the
 * order of `known` (every scenario id). An unknown id in `--only` or `--profile` throws.
 */
export function readOptions(known) {
  const { values: args } = parseArgs({ options: OPTIONS });
  const size = { ...(args.smoke ? SMOKE : FULL) };
  if (args.jobs) size.jobs = Number(args.jobs);
  const only = new Set(args.only ? args.only.split(',').map((s) => s.trim()) : known);
  for (const id of [...only, ...(args.profile ? [args.profile] : [])]) {
    if (!known.includes(id)) throw new Error(`unknown scenario ${id} (known: ${known.join(', ')})`);
  }
  return { args, size, ids: known.filter((id) => only.has(id)) };
}
