/**
 * The contract's validators for the HTTP source, loaded on first use: they are a third of
 * a list page's code, and a page needs them only once its first answer arrives. The
 * source starts loading them when it is made, beside its first requests; those of a job's
 * files, with the first page of files.
 */
import { JobSourceError } from './job-source.js';

export type ContractChecks = typeof import('../model/validate.js');
export type FileChecks = typeof import('../model/validate-files.js');

/**
 * `load` called once and its module kept; a failed load rejects with a `network` error
 * naming `what` it loads (the page lost its server, or was updated under it), and the
 * next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>, what: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new JobSourceError('network', `The page could not load ${what} (${error instanceof Error ? error.message : String(error)}).`);
    }));
}

/** The validators, loaded the first time. */
export const contractChecks: () => Promise<ContractChecks> = loadOnce(
  () => import('../model/validate.js'),
  "the code that checks the server's answers",
);

/** The validators of a job's files, loaded the first time. */
export const fileChecks: () => Promise<FileChecks> = loadOnce(
  () => import('../model/validate-files.js'),
  "the code that checks the server's answers",
);
