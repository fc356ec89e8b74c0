import { expect } from '@open-wc/testing';
import { validateApiError, validateFilePage, type ApiError, type FilePage, type Job, type JobFile } from '../../src/model/index.js';
import { closeServer, createServer, getJson, login, qs, serverState, type TestServer } from './helpers.js';

type Params = Record<string, string | number | boolean | readonly string[] | undefined>;

/** Every file of a listing, following `nextCursor`, each page checked against the schema. */
async function fetchAllFiles(
  server: TestServer,
  jobId: string,
  params: Params,
  limit = 1000,
): Promise<{ files: JobFile[]; pages: FilePage[] }> {
  const files: JobFile[] = [];
  const pages: FilePage[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) {
    const { status, body } = await getJson<FilePage>(server, `/jobs/${jobId}/files${qs({ ...params, limit, cursor })}`);
    expect(status, JSON.stringify(body)).to.equal(200);
    const checked = validateFilePage(body);
    expect(checked.ok, JSON.stringify(checked)).to.equal(true);
    files.push(...body.items);
    pages.push(body);
    if (!body.nextCursor) return { files, pages };
    cursor = body.nextCursor;
  }
  throw new Error('more than 200 pages');
}

function inPathOrder(files: readonly JobFile[]): boolean {
  return files.every((file, i) => i === 0 || files[i - 1]!.path < file.path);
}

describe('server: files of a job', () => {
  let server: TestServer;
  let job: Job;

  before(async () => {
    server = await createServer({ jobs: 600, seed: 11, now: Date.parse('2025-10-23T12:00:00Z') });
    await login(server);
    const { jobs } = await serverState(server);
    const candidates = jobs.filter(
      (j) => j.progress.files.total >= 2000 && j.progress.files.total <= 30_000 && j.progress.files.failed > 0,
    );
    expect(candidates.length, 'the simulation has a job with thousands of files, some failed').to.be.greaterThan(0);
    job = candidates.sort((a, b) => a.progress.files.total - b.progress.files.total)[0]!;
  });
  after(() => closeServer(server));

  it('pages through all the files of a job exactly once, in path order', async () => {
    const { files, pages } = await fetchAllFiles(server, job.id, {});
    const total = job.progress.files.total;
    expect(files).to.have.length(total);
    expect(new Set(files.map((f) => f.path)).size).to.equal(total);
    expect(inPathOrder(files)).to.equal(true);
    for (const page of pages) expect(page.total).to.equal(total);
    const byStatus = pages[0]!.byStatus;
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).to.equal(total);
    expect(byStatus.FAILED).to.equal(job.progress.files.failed);
    const counted: Record<string, number> = {};
    for (const file of files) counted[file.status] = (counted[file.status] ?? 0) + 1;
    expect(counted).to.deep.equal(byStatus);
    expect(files.filter((f) => f.status === 'FAILED').every((f) => typeof f.reason === 'string' && f.reason.length > 0)).to.equal(true);
    expect(files.filter((f) => f.status !== 'FAILED').every((f) => f.reason === null)).to.equal(true);
  });

  it('filters by status, keeping byStatus for the whole job', async () => {
    const all = (await getJson<FilePage>(server, `/jobs/${job.id}/files?limit=1`)).body.byStatus;
    const failed = await fetchAllFiles(server, job.id, { status: ['FAILED'] });
    expect(failed.files.length).to.equal(all.FAILED);
    expect(failed.files.every((f) => f.status === 'FAILED')).to.equal(true);
    expect(failed.pages[0]!.total).to.equal(all.FAILED);
    expect(failed.pages[0]!.byStatus).to.deep.equal(all);

    const done = Object.keys(all).find((s) => s !== 'FAILED' && s !== 'PENDING')!;
    const two = await fetchAllFiles(server, job.id, { status: ['FAILED', done] });
    expect(two.files.length).to.equal(all.FAILED! + all[done as 'FAILED']!);
    expect(two.files.every((f) => f.status === 'FAILED' || f.status === done)).to.equal(true);
    expect(inPathOrder(two.files)).to.equal(true);
  });

  it('lists failed files first, then the others in path order, across pages', async () => {
    const failedCount = job.progress.files.failed;
    // A page size that makes one page hold the last failed files and the first others.
    const limit = Math.max(1, Math.min(1000, failedCount + 7));
    const { files } = await fetchAllFiles(server, job.id, { failedFirst: true }, limit);
    expect(files).to.have.length(job.progress.files.total);
    const head = files.slice(0, failedCount);
    const tail = files.slice(failedCount);
    expect(head.every((f) => f.status === 'FAILED')).to.equal(true);
    expect(tail.every((f) => f.status !== 'FAILED')).to.equal(true);
    expect(inPathOrder(head) && inPathOrder(tail)).to.equal(true);
    expect(new Set(files.map((f) => f.path)).size).to.equal(files.length);
  });

  it('gives random access with offset', async () => {
    const { files } = await fetchAllFiles(server, job.id, {});
    const { body } = await getJson<FilePage>(server, `/jobs/${job.id}/files?offset=1234&limit=20`);
    expect(body.items).to.deep.equal(files.slice(1234, 1254));
  });

  it('refuses each bad parameter with a 400 that names it, and an unknown job with 404', async () => {
    const cases: [string, string][] = [
      ['status=LOST', 'status'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['failedFirst=yes', 'failedFirst'],
      ['offset=-3', 'offset'],
      ['cursor=%25%25', 'cursor'],
    ];
    for (const [query, parameter] of cases) {
      const { status, body } = await getJson<ApiError>(server, `/jobs/${job.id}/files?${query}`);
      expect(status, query).to.equal(400);
      expect(validateApiError(body).ok, query).to.equal(true);
      expect(body.error.parameter, query).to.equal(parameter);
    }
    const failedFirstCursor = (await getJson<FilePage>(server, `/jobs/${job.id}/files?failedFirst=true&limit=1`)).body.nextCursor!;
    const mixed = await getJson<ApiError>(server, `/jobs/${job.id}/files?cursor=${encodeURIComponent(failedFirstCursor)}`);
    expect(mixed.status).to.equal(400);
    expect(mixed.body.error.parameter).to.equal('cursor');
    const both = await getJson<ApiError>(server, `/jobs/${job.id}/files?offset=5&cursor=${encodeURIComponent(failedFirstCursor)}`);
    expect(both.status, 'a cursor and an offset together are refused, not one ignored').to.equal(400);
    expect(both.body.error.parameter).to.equal('offset');

    const unknown = await getJson<ApiError>(server, '/jobs/j999999/files');
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('not_found');
  });
});
