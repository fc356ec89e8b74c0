// @ts-check
/**
 * Compression of the page's files: brotli for a client that takes it, else gzip, each
 * made once per version of a file (its ETag) and kept, a bounded amount. JSON answers are
 * gzipped as they are sent (respond.js); the event stream never is.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {'br' | 'gzip'} Encoding */

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Files smaller than this are sent as they are. */
const MIN_BYTES = 1024;
/** Files larger than this are sent as they are (read into memory to compress, then kept). */
const MAX_BYTES = 16 * 1024 * 1024;
/** Compressed bytes kept, oldest dropped first. */
const KEPT_BYTES = 32 * 1024 * 1024;

/** Types worth compressing (images and fonts are compressed already). */
const TEXT = /^(?:text\/|application\/json|image\/svg\+xml)/;

/**
 * The coding a client prefers among those offered, from `Accept-Encoding` (`q=0` refuses
 * one, `*` stands for any not named); undefined for none. On equal weights, the first offered.
 * @param {Request} req
 * @param {readonly Encoding[]} offered
 * @returns {Encoding | undefined}
 */
export function acceptedEncoding(req, offered) {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') return undefined;
  /** @type {Map<string, number>} */
  const weights = new Map();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (coding.trim()) weights.set(coding.trim(), Number.isFinite(weight) ? weight : 0);
  }
  let best;
  let bestWeight = 0;
  for (const coding of offered) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Whether a file of this type and size is sent compressed to a client that takes it. */
export function compressible(/** @type {string} */ type, /** @type {number} */ size) {
  return TEXT.test(type) && size >= MIN_BYTES && size <= MAX_BYTES;
}

/** Compressed versions of files, by coding, path and ETag. */
export function createCompressedFiles() {
  /** @type {Map<string, Promise<Buffer>>} */
  const kept = new Map();
  /** @type {Map<string, number>} */
  const sizes = new Map();
  let keptBytes = 0;

  /**
   * The file compressed with `encoding` (brotli at quality 9: a tenth of the time of 11 for
   * a few percent more bytes; gzip at 9), made on first asking and kept for this version.
   * @param {string} file
   * @param {string} etag
   * @param {Encoding} encoding
   * @returns {Promise<Buffer>}
   */
  function get(file, etag, encoding) {
    const key = `${encoding} ${etag} ${file}`;
    const hit = kept.get(key);
    if (hit) {
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const made = readFile(file).then((raw) =>
      encoding === 'br'
        ? brotli(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          })
        : gzipped(raw, { level: 9 }),
    );
    kept.set(key, made);
    made.then(
      (body) => {
        if (kept.get(key) !== made) return;
        sizes.set(key, body.length);
        keptBytes += body.length;
        for (const [oldest] of kept) {
          if (keptBytes <= KEPT_BYTES || oldest === key) break;
          drop(oldest);
        }
      },
      () => drop(key),
    );
    return made;
  }

  function drop(/** @type {string} */ key) {
    kept.delete(key);
    keptBytes -= sizes.get(key) ?? 0;
    sizes.delete(key);
  }

  return { get };
}
