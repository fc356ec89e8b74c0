// @ts-check
/**
 * Failed logins, counted per account and per address: past a few free failures, each
 * further one locks that account (or address) for twice as long as the one before, up to
 * a ceiling. A locked login is refused with 429 and `Retry-After` before its password is
 * even compared, so guessing goes no faster than the locks allow. A success clears its
 * account's count; failures are forgotten after a quiet `forgetMs`.
 *
 * Every user name is counted, known or not, so that the answers tell nothing about which
 * accounts exist. Memory stays bounded: at most `maxEntries` names and as many addresses
 * are remembered (the least recently failing forgotten first), each under a fixed-size key.
 */
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';

/**
 * @typedef {object} ThrottleRule
 * @property {number} free Failures allowed before the first lock.
 * @property {number} baseMs The first lock; each further failure doubles it.
 * @property {number} maxMs The longest lock.
 */

/** An account: five tries, then 1 s, 2 s, 4 s… up to 15 minutes. */
export const ACCOUNT_RULE = Object.freeze({ free: 5, baseMs: 1000, maxMs: 15 * 60_000 });
/** An address (an office behind one NAT tries many accounts): twenty tries, then the same doubling. */
export const ADDRESS_RULE = Object.freeze({ free: 20, baseMs: 1000, maxMs: 15 * 60_000 });

/** @typedef {{failures: number, lockedUntil: number, lastFailure: number}} Entry */

/** The failures of one kind of key (accounts, or addresses). */
class FailureCounts {
  /**
   * @param {ThrottleRule} rule
   * @param {number} forgetMs
   * @param {number} maxEntries
   */
  constructor(rule, forgetMs, maxEntries) {
    this.rule = rule;
    this.forgetMs = forgetMs;
    this.maxEntries = maxEntries;
    /** @type {Map<string, Entry>} Least recently failing first. */
    this.entries = new Map();
  }

  /** How long `key` is still locked, in ms (0: not locked). */
  lockedFor(/** @type {string} */ key, /** @type {number} */ now) {
    const entry = this.live(key, now);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  failed(/** @type {string} */ key, /** @type {number} */ now) {
    const entry = this.live(key, now) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
    entry.failures++;
    entry.lastFailure = now;
    const over = entry.failures - this.rule.free;
    if (over > 0) entry.lockedUntil = now + Math.min(this.rule.maxMs, this.rule.baseMs * 2 ** Math.min(over - 1, 40));
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.sweep(now);
  }

  clear(/** @type {string} */ key) {
    this.entries.delete(key);
  }

  /** The entry of `key` unless it has been quiet long enough to forget. */
  live(/** @type {string} */ key, /** @type {number} */ now) {
    const entry = this.entries.get(key);
    if (entry && this.stale(entry, now)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  stale(/** @type {Entry} */ entry, /** @type {number} */ now) {
    return now - entry.lastFailure > this.forgetMs && now >= entry.lockedUntil;
  }

  /** Forgets the quiet entries at the front, and the oldest beyond `maxEntries`. */
  sweep(/** @type {number} */ now) {
    for (const [key, entry] of this.entries) {
      if (this.entries.size > this.maxEntries || this.stale(entry, now)) this.entries.delete(key);
      else break;
    }
  }
}

/** A fixed-size key for a user name of any length. */
function accountKey(/** @type {string} */ username) {
  return createHash('sha256').update(username, 'utf8').digest('base64url');
}

/** An address as counted: an IPv6 address by its /64 (one host holds a whole /64), an IPv4 one whole. */
export function addressKey(/** @type {string} */ address) {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!isIPv6(plain)) return plain;
  const [head = '', tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * @param {{account?: ThrottleRule, address?: ThrottleRule, forgetMs?: number, maxEntries?: number, clock?: () => number}} [options]
 */
export function createLoginThrottle(options = {}) {
  const clock = options.clock ?? Date.now;
  const forgetMs = options.forgetMs ?? 60 * 60_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const accounts = new FailureCounts(options.account ?? ACCOUNT_RULE, forgetMs, maxEntries);
  const addresses = new FailureCounts(options.address ?? ADDRESS_RULE, forgetMs, maxEntries);

  return {
    /**
     * How long a login for `username` from `address` must wait, in ms; 0 when it may be tried.
     * @param {string} username
     * @param {string} address
     */
    wait(username, address) {
      const now = clock();
      return Math.max(accounts.lockedFor(accountKey(username), now), addresses.lockedFor(addressKey(address), now));
    },

    /** A wrong user name or password. */
    failed(/** @type {string} */ username, /** @type {string} */ address) {
      const now = clock();
      accounts.failed(accountKey(username), now);
      addresses.failed(addressKey(address), now);
    },

    /** A right one: the account's failures are forgotten (the address's are not: it may be trying many accounts). */
    succeeded(/** @type {string} */ username) {
      accounts.clear(accountKey(username));
    },

    /** Names and addresses remembered. */
    get size() {
      return { accounts: accounts.entries.size, addresses: addresses.entries.size };
    },
  };
}
