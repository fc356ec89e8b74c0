// @ts-check
/**
 * Accounts and login sessions. Session ids are 256 random bits sent only in an HttpOnly,
 * SameSite=Strict cookie; passwords are compared in constant time; a session ends after
 * `idleMs` without a request and without an open event stream.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * @typedef {{username: string, password: string, roles: string[]}} Account
 * @typedef {{id: string, user: {name: string, roles: string[]}, lastSeen: number, streams: number}} Session
 */

export const SESSION_COOKIE = 'ac_session';
export const DEFAULT_IDLE_MS = 30 * 60_000;

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
 * @param {{accounts?: Account[], idleMs?: number, clock?: () => number}} [options]
 */
export function createSessions({ accounts = defaultAccounts(), idleMs = DEFAULT_IDLE_MS, clock = Date.now } = {}) {
  const hashed = accounts.map((account) => ({
    account,
    username: digest(account.username),
    password: digest(account.password),
  }));
  /** @type {Map<string, Session>} */
  const sessions = new Map();

  /** A session watching events is in use, however long since its last request. */
  function expired(/** @type {Session} */ session, /** @type {number} */ now) {
    return session.streams === 0 && now - session.lastSeen > idleMs;
  }

  function sweep(/** @type {number} */ now) {
    for (const [id, session] of sessions) if (expired(session, now)) sessions.delete(id);
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
      return session;
    },

    /** The live session with this id, its idle time restarted; undefined when unknown or expired. */
    get(/** @type {string | undefined} */ id) {
      if (!id) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      const now = clock();
      if (expired(session, now)) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeen = now;
      return session;
    },

    /** Keeps a session alive while one of its event streams is open; `release` when it closes. */
    hold(/** @type {Session} */ session) {
      session.streams++;
    },

    release(/** @type {Session} */ session) {
      session.streams--;
      session.lastSeen = clock();
    },

    delete(/** @type {string | undefined} */ id) {
      if (id) sessions.delete(id);
    },

    clear() {
      sessions.clear();
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
