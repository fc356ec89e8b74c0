// One reference server for the remote scenarios, in a process of its own (run with
// --expose-gc): the standalone page and the API over `--jobs` simulated jobs with live
// changes at `--rate` a second, answering `/jobs` and `/jobs/summary` by `--design`:
// `engine` (the store's engine over the simulator's JobTable, as `npm start` does) or
// `plain` (the previous design: arrays of job objects, filtered and sorted per query and
// data version). Prints one JSON line once it listens: `{origin, readyMs, jobs}`.
// `GET /__bench__/stats` gives its memory (after a full collection with `?gc`), CPU and
// events; `POST /__bench__/rate?value=` sets the live rate.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApi } from '../../demo/server/api.js';
import { sendJson } from '../../demo/server/respond.js';
import { createStaticHandler, securityHeaders } from '../../demo/server/static.js';
import { Firehose, ObjectRows } from './firehose.mjs';
import { plainQueries } from './plain-queries.mjs';

const { values } = parseArgs({
  options: { design: { type: 'string' }, jobs: { type: 'string' }, rate: { type: 'string' } },
});
const design = values.design === 'plain' ? 'plain' : 'engine';
const jobs = Number(values.jobs ?? 1_000_000);
const root = fileURLToPath(new URL('../../', import.meta.url));

const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, arrayBuffers: m.arrayBuffers };
};
const collect = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};
collect();
const empty = memory();
const started = performance.now();
let firehose;
// The real clock at the tick `npm start` uses (500 ms): the live changes come in its batches.
const api = createApi({
  clock: 'real',
  // The history of the page bench: 6 nodes over 90 days; the live changes come from the firehose.
  simulation: { seed: 1, nodes: 6, jobs, days: 90, activity: 1 },
  cluster: (table, simulation) => (firehose = new Firehose(design === 'plain' ? new ObjectRows() : table, simulation, 0)),
  ...(design === 'plain' ? { queries: (cluster) => plainQueries(cluster) } : {}),
});
const readyMs = performance.now() - started;
firehose.rate = Number(values.rate ?? 1000);

// The jobs with the most files and with about a thousand, for the files pages (read from
// the columns, or the objects, without making a million jobs).
let big = { id: '', files: -1 };
let small = { id: '', files: Infinity };
const consider = (id, files) => {
  if (files > big.files) big = { id, files };
  if (Math.abs(files - 1000) < Math.abs(small.files - 1000)) small = { id, files };
};
const rows = firehose.rows;
if (rows instanceof ObjectRows) for (const job of rows.jobs) consider(job.id, job.progress.files.total);
else for (let row = 0; row < rows.size; row++) consider(rows.columns.ids.at(row), rows.columns.filesTotal[row]);

const serveStatic = createStaticHandler({ demoDir: `${root}demo`, distDir: `${root}dist`, apiBase: api.base });
const cpuAtStart = process.cpuUsage();
const server = createServer((req, res) => {
  for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === api.base || url.pathname.startsWith(`${api.base}/`)) void api(req, res);
  else if (url.pathname === '/config.json') sendJson(req, res, 200, { api: api.base });
  else if (url.pathname === '/__bench__/stats') {
    if (url.searchParams.has('gc')) collect();
    const m = memory();
    const cpu = process.cpuUsage(cpuAtStart);
    sendJson(req, res, 200, {
      design,
      jobs: api.simulator.size,
      memory: m,
      held: { heap: m.heap - empty.heap, arrayBuffers: m.arrayBuffers - empty.arrayBuffers },
      cpuMs: (cpu.user + cpu.system) / 1000,
      emitted: firehose.emitted,
      behind: firehose.behind,
      lastSeq: firehose.lastSeq,
      big,
      small,
    });
  } else if (url.pathname === '/__bench__/rate' && req.method === 'POST') {
    firehose.rate = Number(url.searchParams.get('value'));
    sendJson(req, res, 200, { rate: firehose.rate });
  } else void serveStatic(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ origin: `http://127.0.0.1:${address.port}`, readyMs, jobs: api.simulator.size, design }));
});
process.on('SIGTERM', () => {
  api.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
