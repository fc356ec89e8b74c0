// @ts-check
/**
 * Accounts and login sessions. Session ids are 256 random bits sent only in an HttpOnly,
 * SameSite=Strict cookie; passwords are compared in constant time; a session ends after
 * `idleMs` without a request and without an open event stream, and an account holds at
 * most `maxPerAccount` sessions (a new login ends its least recently used one).
 *
 * Sessions are kept in the order of their last use, overall and per account, so that
 * ending the idle ones reads only those, whatever the number of sessions held.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * @typedef {{username: string, password: string, roles: string[]}} Account
 * @typedef {{id: string, user: {name: string, roles: string[]}, lastSeen: number, streams: number}} Session
 */

export const SESSION_COOKIE = 'ac_session';
export const DEFAULT_IDLE_MS = 30 * 60_000;
/** Sessions an account may hold at once: browsers, tabs logged in one by one, scripts. */
export const DEFAULT_MAX_PER_ACCOUNT = 100;

/** The demo accounts: a Data Administrator and an operator without that role. */
export function defaultAccounts() {
  /** @type {Account[]} */
  const accounts = [
    { username: 'admin', password: 'admin', roles: ['DATA_ADMINISTRATOR'] },
    { username: 'operator', password: 'operator', roles: ['OPERATOR'] },
  ];
  return accounts;
}

/**
 * The demo accounts with `AC_ADMIN=user:password` and `AC_OPERATOR=user:password` applied.
 * @param {Record<string, string | undefined>} env
 * @returns {Account[]}
 */
export function accountsFromEnv(env) {
  return defaultAccounts().map((account) => {
    const name = account.roles.includes('DATA_ADMINISTRATOR') ? 'AC_ADMIN' : 'AC_OPERATOR';
    const value = env[name];
    if (value === undefined) return account;
    const colon = value.indexOf(':');
    if (colon < 1 || colon === value.length - 1) {
      throw new Error(`${name} must be user:password with both parts non-empty.`);
    }
    return { ...account, username: value.slice(0, colon), password: value.slice(colon + 1) };
  });
}

/** Equal-length digests, so the comparison takes the same time whatever the input. */
function digest(/** @type {string} */ text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * @param {{accounts?: Account[], idleMs?: number, maxPerAccount?: number, clock?: () => number, onEnd?: (id: string) => void}} [options]
 *   `onEnd` is told of every session that ends but by expiry (logged out, or its account's oldest).
 */
export function createSessions({
  accounts = defaultAccounts(),
  idleMs = DEFAULT_IDLE_MS,
  maxPerAccount = DEFAULT_MAX_PER_ACCOUNT,
  clock = Date.now,
  onEnd = () => {},
} = {}) {
  const hashed = accounts.map((account) => ({
    account,
    username: digest(account.username),
    password: digest(account.password),
  }));
  /** @type {Map<string, Session>} Least recently used first. */
  const sessions = new Map();
  /** @type {Map<string, Map<string, Session>>} Per account name, least recently used first. */
  const byAccount = new Map();

  /** A session watching events is in use, however long since its last request. */
  function expired(/** @type {Session} */ session, /** @type {number} */ now) {
    return session.streams === 0 && now - session.lastSeen > idleMs;
  }

  /** Moves a session to the end of both orders: it is the most recently used. */
  function touch(/** @type {Session} */ session, /** @type {number} */ now) {
    session.lastSeen = now;
    sessions.delete(session.id);
    sessions.set(session.id, session);
    const own = byAccount.get(session.user.name);
    own?.delete(session.id);
    own?.set(session.id, session);
  }

  function forget(/** @type {Session} */ session) {
    sessions.delete(session.id);
    const own = byAccount.get(session.user.name);
    own?.delete(session.id);
    if (own?.size === 0) byAccount.delete(session.user.name);
  }

  /**
   * Ends the expired sessions, reading from the least recently used: it stops at the first
   * that is neither expired nor watching events (every later one was used more recently).
   */
  function sweep(/** @type {number} */ now) {
    for (const session of sessions.values()) {
      if (expired(session, now)) forget(session);
      else if (session.streams === 0) break;
    }
  }

  /**
   * The account these credentials open, if any. Every account is compared, in constant
   * time, so the answer's timing tells nothing about which part was wrong.
   * @returns {Account | undefined}
   */
  function verify(/** @type {string} */ username, /** @type {string} */ password) {
    const user = digest(username);
    const pass = digest(password);
    /** @type {Account | undefined} */
    let found;
    for (const entry of hashed) {
      const userOk = timingSafeEqual(user, entry.username);
      const passOk = timingSafeEqual(pass, entry.password);
      if (userOk && passOk) found ??= entry.account;
    }
    return found;
  }

  return {
    verify,

    /**
     * A new session when the credentials are right (see `verify`).
     * @param {string} username
     * @param {string} password
     * @returns {Session | undefined}
     */
    login(username, password) {
      const found = verify(username, password);
      if (!found) return undefined;
      const now = clock();
      sweep(now);
      /** @type {Session} */
      const session = {
        id: randomBytes(32).toString('base64url'),
        user: { name: found.username, roles: [...found.roles] },
        lastSeen: now,
        streams: 0,
      };
      sessions.set(session.id, session);
      const own = byAccount.get(session.user.name) ?? new Map();
      byAccount.set(session.user.name, own.set(session.id, session));
      if (own.size > maxPerAccount) {
        // The least recently used, unless it is watching events (a page left open) and another is not.
        let oldest = /** @type {Session} */ (own.values().next().value);
        for (const other of own.values()) {
          if (other.streams === 0) {
            oldest = other;
            break;
          }
        }
        forget(oldest);
        onEnd(oldest.id);
      }
      return session;
    },

    /** The live session with this id, its idle time restarted; undefined when unknown or expired. */
    get(/** @type {string | undefined} */ id) {
      if (!id) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      const now = clock();
      if (expired(session, now)) {
        forget(session);
        return undefined;
      }
      touch(session, now);
      return session;
    },

    /** Keeps a session alive while one of its event streams is open; `release` when it closes. */
    hold(/** @type {Session} */ session) {
      session.streams++;
    },

    release(/** @type {Session} */ session) {
      session.streams--;
      if (sessions.has(session.id)) touch(session, clock());
    },

    /** Ends a session (a logout): its streams end too. */
    delete(/** @type {string | undefined} */ id) {
      const session = id ? sessions.get(id) : undefined;
      if (!session) return;
      forget(session);
      onEnd(session.id);
    },

    clear() {
      sessions.clear();
      byAccount.clear();
    },

    /** Sessions not yet expired. */
    get size() {
      sweep(clock());
      return sessions.size;
    },
  };
}

/** The session id in a `Cookie` header, if any. */
export function sessionIdFrom(/** @type {string | undefined} */ cookieHeader) {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The `Set-Cookie` value that stores a session id (or, with `undefined`, removes it).
 * @param {string | undefined} id
 * @param {{path: string, secure: boolean}} options
 */
export function sessionCookie(id, { path, secure }) {
  const attributes = [`Path=${path}`, 'HttpOnly', 'SameSite=Strict'];
  if (secure) attributes.push('Secure');
  if (id === undefined) attributes.push('Max-Age=0');
  return [`${SESSION_COOKIE}=${id ?? ''}`, ...attributes].join('; ');
}
