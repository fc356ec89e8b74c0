/**
 * A web-test-runner plugin for the tests of the reference server's command line
 * (`demo/server/main.js`): the command `reference-server-requests` starts it as a process
 * of its own with the flags a test gives, sends it requests from Node (whose `fetch`
 * shows what a browser hides, such as `Set-Cookie`), then stops it.
 *
 * Payload: `{args: string[], requests: {method?, path, headers?, body?}[]}`; answer: one
 * `{status, headers, setCookie, body}` per request.
 */
import { spawn } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../demo/server/main.js', import.meta.url));
/** A hang guard for the process to start listening (it builds a small simulated cluster first). */
const START_TIMEOUT_MS = 30_000;

/** Starts the server with `args`; resolves with its page's URL once it listens. */
function start(args) {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--host', '127.0.0.1', '--jobs', '20', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main.js did not start in time: ${output}`)), START_TIMEOUT_MS);
    const read = (chunk) => {
      output += chunk;
      const found = /Active Job Manager: (\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`main.js exited with ${code}: ${output}`));
    });
  });
  return { child, url };
}

async function send(base, { method = 'GET', path, headers = {}, body }) {
  const response = await fetch(new URL(path.replace(/^\//, ''), base), {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    setCookie: response.headers.getSetCookie(),
    body: await response.text(),
  };
}

export function referenceProcessPlugin() {
  return {
    name: 'reference-server-process',
    async executeCommand({ command, payload }) {
      if (command !== 'reference-server-requests') return undefined;
      const { child, url } = start(payload.args ?? []);
      try {
        const base = await url;
        const answers = [];
        for (const request of payload.requests ?? []) answers.push(await send(base, request));
        return answers;
      } finally {
        child.kill('SIGTERM');
      }
    },
  };
}
