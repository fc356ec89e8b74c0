/**
 * A request to another origin that failed without an answer: either the server is out of
 * reach, or it answered and the browser hid the answer from the page for want of CORS
 * headers (fetch says the same "Failed to fetch" for both). A `no-cors` request, whose
 * answer the page may not read but which succeeds when the server answers at all, tells
 * them apart. Loaded only when such a failure happens.
 */
import { JobSourceError } from './job-source.js';

/**
 * `failure` (a `network` error of a request to `url`) as it is, or as a `blocked` error
 * when the server at `url` answers but not to this page.
 */
export async function blockedOr(
  failure: JobSourceError,
  url: string,
  probeUrl: string,
  fetchFn: typeof fetch,
  signal: AbortSignal,
): Promise<JobSourceError> {
  const page = globalThis.location?.origin;
  let api: string;
  try {
    api = new URL(url, globalThis.location?.href).origin;
  } catch {
    return failure;
  }
  if (!page || page === 'null' || api === page) return failure;
  try {
    await fetchFn.call(globalThis, probeUrl, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal });
  } catch {
    return failure; // out of reach (or the page's own policy forbids it): the plain outage
  }
  return new JobSourceError(
    'blocked',
    `The browser blocked the answer of the API at ${api}: it does not allow pages from ${page}. ` +
      `The API must answer CORS for ${page} (see "Embedding on another origin" in the README).`,
    { origin: api },
  );
}
