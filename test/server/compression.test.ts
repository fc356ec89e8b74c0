import { expect } from '@open-wc/testing';
import type { JobPage } from '../../src/model/index.js';
import { EventStreamReader, advance, closeServer, createServer, getJson, login, type TestServer } from './helpers.js';

/** The page's files as `npm start` serves them (the test control mounts the same handler). */
const PAGE = '/__test__/page';
/** One of the page's larger files with a name without a hash: the dashboard (about 30 KB; its charts and uPlot are a chunk of their own). */
const SCRIPT = '/dist/cdn/ac-job-dashboard.js';

/** A request the browser sends to the server, past its HTTP cache. */
function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path, { headers, cache: 'no-store' });
}

describe('server: compression and caching', () => {
  let server: TestServer | undefined;
  afterEach(() => closeServer(server));

  it('sends a script compressed, with an ETag, to be revalidated before each use; unchanged, a 304 without a body', async () => {
    const res = await get(`${PAGE}${SCRIPT}`);
    expect(res.status).to.equal(200);
    // Chromium takes brotli from a secure context (localhost is one), gzip otherwise.
    expect(['br', 'gzip']).to.include(res.headers.get('content-encoding'));
    expect(res.headers.get('vary')).to.equal('Accept-Encoding');
    expect(res.headers.get('cache-control')).to.equal('no-cache');
    expect(res.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    // The weak ETag is the file's size and time, in hex.
    const etag = res.headers.get('etag') ?? '';
    const size = parseInt(/^W\/"([0-9a-f]+)-[0-9a-f]+"$/.exec(etag)?.[1] ?? '', 16);
    expect(size, etag).to.be.above(10_000);
    expect(Number(res.headers.get('content-length')), 'bytes sent').to.be.below(size / 2);
    const decoded = new Uint8Array(await res.arrayBuffer());
    expect(decoded.length, 'the script, decoded').to.equal(size);
    expect(new TextDecoder().decode(decoded)).to.contain('ac-job-dashboard');

    for (const ifNoneMatch of [etag, `W/"other", ${etag}`, etag.slice(2), '*']) {
      const again = await get(`${PAGE}${SCRIPT}`, { 'If-None-Match': ifNoneMatch });
      expect(again.status, ifNoneMatch).to.equal(304);
      expect(again.headers.get('etag')).to.equal(etag);
      expect(await again.text()).to.equal('');
    }
    expect((await get(`${PAGE}${SCRIPT}`, { 'If-None-Match': 'W/"other"' })).status).to.equal(200);
  });

  it('sends a file too small to gain as it is, with its ETag', async () => {
    const res = await get(`${PAGE}/favicon.svg`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-encoding')).to.equal(null);
    expect(res.headers.get('etag')).to.match(/^W\/".+"$/);
    expect(res.headers.get('cache-control')).to.equal('no-cache');
    expect(await res.text()).to.contain('<svg');
  });

  it('gzips JSON answers but never the event stream', async () => {
    server = await createServer({ jobs: 300, seed: 3 });
    await login(server);
    const { headers, body } = await getJson<JobPage>(server, '/jobs?limit=300');
    expect(body.items).to.have.length(300);
    expect(headers.get('content-encoding')).to.equal('gzip');
    const stream = await EventStreamReader.open(`${server.base}/events`);
    try {
      await advance(server, 3_600_000);
      await stream.until(() => stream.events.length > 0, 'an event');
      expect(stream.response.headers.get('content-type')).to.match(/^text\/event-stream/);
      expect(stream.response.headers.get('content-encoding')).to.equal(null);
    } finally {
      stream.close();
    }
  });

  it('sends every answer uncompressed when compression is off (a server behind a compressing proxy)', async () => {
    server = await createServer({ jobs: 300, seed: 3, compression: false });
    await login(server);
    const { headers, body } = await getJson<JobPage>(server, '/jobs?limit=300');
    expect(body.items).to.have.length(300);
    expect(headers.get('content-encoding')).to.equal(null);
    expect(Number(headers.get('content-length'))).to.equal(new TextEncoder().encode(JSON.stringify(body)).length);
  });
});
