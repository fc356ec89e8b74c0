// Real reference-server processes for the deployment tests (`node --test test/deploy/`):
// each is `node demo/server/main.js` with its own flags, on a port of its own, stopped
// when the test ends and, whatever happens, when this process exits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../demo/server/main.js', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;

/** Every child still running: killed if this process exits first (a failed assertion, Ctrl+C). */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nobody listens on now (for a server whose port another must know before it starts). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `main.js` with `args` and resolves once it listens, with its origin.
 * @param {string[]} args
 * @returns {Promise<{origin: string, port: number, output: () => string, stop: (signal?: NodeJS.Signals) => Promise<void>}>}
 */
export function startServer(args) {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void exited.then(() => running.delete(child));
  const stop = async (/** @type {NodeJS.Signals} */ signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`main.js ${args.join(' ')} did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    const read = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const match = /Active Job Manager: (http:\/\/[^/\s]+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const origin = /** @type {string} */ (match[1]);
      resolve({ origin, port: Number(new URL(origin).port), output: () => output, stop });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`main.js ${args.join(' ')} exited (${String(code)}) before it listened:\n${output}`));
    });
  });
}

/**
 * Runs `main.js` with `args` to its end (a refused flag): its exit code and what it printed.
 * @param {string[]} args
 * @returns {Promise<{code: number | null, output: string}>}
 */
export function runServer(args) {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk.toString()));
  child.stderr.on('data', (chunk) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), STARTUP_TIMEOUT_MS);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, output });
    }),
  );
}
