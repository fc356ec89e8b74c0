// @ts-check
/**
 * Bearer tokens (`POST /tokens`, `Authorization: Bearer …`) for pages that cookies cannot
 * serve: a page on another site, where a SameSite cookie is never sent, or a portal that
 * signs users in itself and hands pages a token. A token is 256 random bits, kept here
 * only as its SHA-256 (a memory dump gives no usable token), and ends at a fixed time,
 * however much it is used, or when revoked.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * @typedef {{name: string, roles: string[]}} User
 * @typedef {{key: string, user: User, expiresAt: number}} TokenEntry
 */

export const DEFAULT_TOKEN_TTL_MS = 60 * 60_000;

function keyOf(/** @type {string} */ token) {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/**
 * The token of an `Authorization: Bearer <token>` header; undefined when the header is
 * absent, `''` when it is there but is not a bearer token (which no token matches).
 * @param {string | undefined} header
 */
export function bearerFrom(header) {
  if (header === undefined) return undefined;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match ? /** @type {string} */ (match[1]) : '';
}

/**
 * @param {{ttlMs?: number, clock?: () => number}} [options]
 */
export function createTokens({ ttlMs = DEFAULT_TOKEN_TTL_MS, clock = Date.now } = {}) {
  /** @type {Map<string, TokenEntry>} */
  const tokens = new Map();

  function sweep(/** @type {number} */ now) {
    for (const [key, entry] of tokens) if (entry.expiresAt <= now) tokens.delete(key);
  }

  return {
    /**
     * A new token for `user`.
     * @param {User} user
     * @returns {{token: string, entry: TokenEntry}}
     */
    issue(user) {
      const now = clock();
      sweep(now);
      const token = randomBytes(32).toString('base64url');
      /** @type {TokenEntry} */
      const entry = { key: keyOf(token), user: { name: user.name, roles: [...user.roles] }, expiresAt: now + ttlMs };
      tokens.set(entry.key, entry);
      return { token, entry };
    },

    /** The live token, or undefined when unknown, revoked or expired. */
    get(/** @type {string | undefined} */ token) {
      if (!token) return undefined;
      const key = keyOf(token);
      const entry = tokens.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= clock()) {
        tokens.delete(key);
        return undefined;
      }
      return entry;
    },

    /** Ends a token now. */
    revoke(/** @type {TokenEntry} */ entry) {
      tokens.delete(entry.key);
    },

    clear() {
      tokens.clear();
    },

    /** Tokens not yet expired. */
    get size() {
      sweep(clock());
      return tokens.size;
    },
  };
}

/** @typedef {ReturnType<typeof createTokens>} Tokens */
