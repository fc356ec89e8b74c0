#!/usr/bin/env node
/**
 * Measures what one attacker can make the reference server do (README, Reliability):
 *
 *   node scripts/server-limits.mjs summary   12 concurrent worst-case `/jobs/summary` requests on 64 nodes: time, size, RSS
 *   node scripts/server-limits.mjs throttle  200 wrong passwords for one account, then 1,000 over as many names from one address
 *   node scripts/server-limits.mjs logins    20,000, 20,000 then 40,000 logins (8 at a time): logins a second, RSS
 *   node scripts/server-limits.mjs sessions  the same 80,000 logins on the session store alone, in this process (no HTTP)
 *
 * Each run starts `demo/server/main.js` (after `npm run build`) as a process of its own on
 * a free port and reads its resident memory from /proc (Linux). `--main <path>` measures
 * another checkout's server (the figures before a change); `--since` and `--until` set the
 * summary's period (default: the widest the contract allows).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    main: { type: 'string', default: new URL('../demo/server/main.js', import.meta.url).pathname },
    since: { type: 'string', default: '1970-01-01T00:00:00Z' },
    until: { type: 'string', default: '2200-01-01T00:00:00Z' },
  },
});
const what = positionals[0];

/** Resident memory of a process, MB (`VmRSS`), and its peak so far (`VmHWM`). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function startServer(args) {
  const child = spawn(process.execPath, [values.main, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /Active Job Manager: (\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  return { child, api: `${url}api/v1` };
}

async function login(api, username = 'admin', password = username, headers = {}) {
  const res = await fetch(`${api}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return res;
}

const mb = (n) => `${n.toFixed(0)} MB`;
const load = () => loadavg()[0].toFixed(2);

async function summary() {
  const { child, api } = await startServer(['--nodes', '64']);
  try {
    const cookie = (await login(api)).headers.getSetCookie()[0].split(';')[0];
    const get = async (query) => {
      const start = performance.now();
      const res = await fetch(`${api}/jobs/summary?${query}`, { headers: { cookie, 'accept-encoding': 'identity' } });
      const bytes = (await res.arrayBuffer()).byteLength;
      return { status: res.status, bytes, ms: performance.now() - start };
    };
    // Warm: the selection of every job is cached, as it would be on a server in use.
    await get('');
    const before = memoryOf(child.pid);
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(child.pid).rss)), 10);
    // Twelve periods a second apart: every job each time, and no answer from the cache of another.
    const until = Date.parse(values.until);
    const queries = Array.from(
      { length: 12 },
      (_, i) => `since=${values.since}&until=${new Date(until - i * 1000).toISOString().replace('.000', '')}`,
    );
    const started = performance.now();
    const answers = await Promise.all(queries.map(get));
    const wall = performance.now() - started;
    clearInterval(sampler);
    const after = memoryOf(child.pid);
    console.log(`${queries[0]} and 11 more a second apart, at once (64 nodes, 20,000 jobs); load average ${load()}`);
    const statuses = [...new Set(answers.map((a) => a.status))].join(', ');
    const slowest = Math.max(...answers.map((a) => a.ms)).toFixed(0);
    console.log(
      `statuses ${statuses}; an answer ${(answers[0].bytes / 1e6).toFixed(3)} MB; slowest ${slowest} ms, all 12 in ${wall.toFixed(0)} ms`,
    );
    console.log(`RSS before ${mb(before.rss)}, at most ${mb(peak)} during, ${mb(after.rss)} after`);
  } finally {
    child.kill();
  }
}

async function throttle() {
  const { child, api } = await startServer(['--jobs', '100']);
  try {
    const count = async (n, attempt) => {
      const statuses = {};
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const res = await attempt(i);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
      return { statuses, ms: performance.now() - start };
    };
    const account = await count(200, (i) => login(api, 'admin', `guess ${i}`));
    console.log(
      `200 wrong passwords for admin: ${JSON.stringify(account.statuses)} in ${account.ms.toFixed(0)} ms; load average ${load()}`,
    );
    const locked = await login(api, 'admin', 'admin');
    console.log(`then the right password: ${locked.status}, Retry-After ${locked.headers.get('retry-after')} s`);
    const spray = await count(1000, (i) => login(api, `user-${i}`, 'guess'));
    console.log(`1,000 names from the same address: ${JSON.stringify(spray.statuses)} in ${spray.ms.toFixed(0)} ms`);
    const other = await login(api, 'operator', 'operator');
    console.log(`another account from that address: ${other.status}, Retry-After ${other.headers.get('retry-after')} s`);
  } finally {
    child.kill();
  }
}

async function logins() {
  const { child, api } = await startServer(['--jobs', '100']);
  try {
    for (const n of [20_000, 20_000, 40_000]) {
      let next = 0;
      let failed = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next++ < n) if ((await login(api)).status !== 200) failed++;
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const { rss } = memoryOf(child.pid);
      console.log(`${n} logins: ${(n / seconds).toFixed(0)} a second (${failed} failed), RSS ${mb(rss)}; load average ${load()}`);
    }
  } finally {
    child.kill();
  }
}

/**
 * The session store alone: what a login costs it as sessions pile up, without HTTP around
 * it; also with no cap on the sessions of an account, to see what the order of use alone does.
 */
async function sessions() {
  const { createSessions } = await import(new URL('sessions.js', new URL(values.main, 'file:///')).href);
  for (const [label, options] of [
    ['as configured', {}],
    ['no cap per account', { maxPerAccount: Infinity }],
  ]) {
    const store = createSessions(options);
    for (const n of [20_000, 20_000, 40_000]) {
      const start = performance.now();
      for (let i = 0; i < n; i++) store.login('admin', 'admin');
      const seconds = (performance.now() - start) / 1000;
      console.log(`${label}: ${n} logins, ${(n / seconds).toFixed(0)} a second, ${store.size} sessions held; load average ${load()}`);
    }
  }
}

const runs = { summary, throttle, logins, sessions };
if (!runs[what]) {
  console.error(
    'Usage: node scripts/server-limits.mjs summary|throttle|logins|sessions [--main <path to main.js>] [--since <t>] [--until <t>]',
  );
  process.exitCode = 2;
} else {
  await runs[what]();
}
