// Event-stream clients for the stream scenario, in a process of their own so that reading
// them does not compete with the bench's own loop: `--origin`, `--cookie`, `--clients`.
// Each reads the `id:` of every event (a byte search, not a parse of the JSON), checks
// that each follows the one before, and reconnects as a browser does. Prints `{"open": n}` once every stream has started,
// then, when told `stop <lastSeq>` on stdin, waits until each client read up to that event
// (or gave up) and prints `{"clients": [{first, last, count, inOrder, error}]}`.
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { origin: { type: 'string' }, cookie: { type: 'string' }, clients: { type: 'string' } } });
const ID = Buffer.from('\nid: ');

/**
 * One client: like a browser's EventSource, it reconnects with `Last-Event-ID` when its
 * stream ends (the server cuts a reader that falls 8 MB behind), and the server replays
 * what it missed, or sends a resync when that is gone (a gap: not in order).
 */
function client() {
  const state = { first: undefined, last: undefined, count: 0, inOrder: true, reconnects: 0, error: undefined };
  let stopped = false;
  let req;
  const connect = () => {
    let carry = Buffer.alloc(0);
    const headers = { cookie: values.cookie, accept: 'text/event-stream' };
    if (state.last !== undefined) headers['last-event-id'] = String(state.last);
    req = request(`${values.origin}/api/v1/events`, { headers }, (res) => {
      if (res.statusCode !== 200) state.error = `status ${res.statusCode}`;
      res.on('data', (chunk) => {
        const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        let at = 0;
        let found;
        while ((found = data.indexOf(ID, at)) >= 0) {
          const end = data.indexOf(10, found + ID.length);
          if (end < 0) break;
          // `<epoch>:<seq>`: the server's epoch, then the event's number.
          const id = data.toString('latin1', found + ID.length, end);
          const seq = Number(id.slice(id.lastIndexOf(':') + 1));
          // The first id says where the stream starts (no event); then each event's.
          if (state.first === undefined) state.first = seq;
          else {
            if (seq !== state.last + 1) state.inOrder = false;
            state.count++;
          }
          state.last = seq;
          at = end;
        }
        carry = data.subarray(Math.max(at, data.length - 64));
      });
      res.on('close', () => {
        if (stopped || state.error) return;
        state.reconnects++;
        setTimeout(connect, 100);
      });
    });
    req.on('error', (error) => {
      if (!stopped) state.error ??= error.message;
    });
    req.end();
  };
  connect();
  return {
    state,
    close: () => {
      stopped = true;
      req.destroy();
    },
  };
}

const clients = Array.from({ length: Number(values.clients) }, client);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
while (clients.some((c) => c.state.first === undefined && !c.state.error)) await wait(50);
console.log(JSON.stringify({ open: clients.length }));

for await (const line of createInterface({ input: process.stdin })) {
  const [command, seq] = line.split(' ');
  if (command !== 'stop') continue;
  const lastSeq = Number(seq);
  const deadline = Date.now() + 60_000;
  while (clients.some((c) => c.state.last < lastSeq && !c.state.error) && Date.now() < deadline) await wait(50);
  for (const c of clients) c.close();
  console.log(JSON.stringify({ clients: clients.map((c) => c.state) }));
  process.exit(0);
}
