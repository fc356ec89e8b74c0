import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { validateFilePage } from '../../src/model/index.js';
import type { FileListParams, FileStatus, Job, JobFile } from '../../src/model/index.js';
import { ClusterSimulator, DONE_STATUS, MAX_FILE_PAGE } from '../../src/simulator/index.js';
import { filePage } from '../../src/simulator/files.js';
import { Outcome, planJob } from '../../src/simulator/job-plan.js';
import type { ClusterShape, JobPlan } from '../../src/simulator/job-plan.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');

/** Every file of a listing, page after page by cursor; checks each page on the way. */
function listAll(list: (params: FileListParams) => ReturnType<ClusterSimulator['listFiles']>, params: FileListParams = {}) {
  const files: JobFile[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let pages = 0; ; pages++) {
    const page = list({ ...params, cursor, limit: params.limit ?? MAX_FILE_PAGE });
    const validation = validateFilePage(page);
    if (!validation.ok) expect.fail(validation.error);
    if (total < 0) total = page.total;
    expect(page.total).to.equal(total);
    files.push(...page.items);
    if (page.nextCursor === null) break;
    expect(page.items.length, 'a page before the last is full').to.equal(params.limit ?? MAX_FILE_PAGE);
    cursor = page.nextCursor;
    if (pages > 100_000) expect.fail('endless paging');
  }
  expect(files.length).to.equal(total);
  return files;
}

function counts(files: readonly JobFile[]): Record<string, number> {
  const byStatus: Record<string, number> = {};
  for (const file of files) byStatus[file.status] = (byStatus[file.status] ?? 0) + 1;
  return byStatus;
}

/** A listing as one string: comparing tens of thousands of objects deeply is slow. */
const text = (files: readonly JobFile[]): string => files.map((f) => `${f.path} ${f.status} ${f.size} ${f.reason}`).join('\n');

const byPath = (a: JobFile, b: JobFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** A job of the default cluster with tens of thousands of files, some failed, some left. */
function bigFailedJob(sim: ClusterSimulator): Job {
  for (const job of sim.jobs()) {
    const { total, failed, done } = job.progress.files;
    if (total >= 20_000 && total <= 40_000 && failed > 10 && done + failed < total) return job;
  }
  throw new Error('no such job');
}

describe('ClusterSimulator: files of a job', () => {
  const sim = new ClusterSimulator({ now: NOW });

  it('pages through every file exactly once, in path order, agreeing with the progress', () => {
    const job = bigFailedJob(sim);
    const { files: progress, bytes } = job.progress;
    const files = listAll((p) => sim.listFiles(job.id, p));
    expect(files.length).to.equal(progress.total);
    expect(new Set(files.map((f) => f.path)).size, 'no file twice').to.equal(files.length);
    expect(
      [...files]
        .sort(byPath)
        .map((f) => f.path)
        .join('\n'),
    ).to.equal(files.map((f) => f.path).join('\n'));
    const done = DONE_STATUS[job.type];
    expect(counts(files)).to.deep.equal({
      [done]: progress.done,
      FAILED: progress.failed,
      PENDING: progress.total - progress.done - progress.failed,
    });
    expect(sim.fileCounts(job.id)).to.deep.equal({
      [done]: progress.done,
      FAILED: progress.failed,
      PENDING: progress.total - progress.done - progress.failed,
    });
    expect(
      files.reduce((sum, f) => sum + f.size, 0),
      'sizes add up to the job',
    ).to.equal(bytes.total);
    const shape = /^\/(shares|ltfs\/tar_\d-\d\d)\/\w+\/\w+\/\w+\/\w+_\d{6,}\.[\w.]+$/;
    for (const file of files) {
      const fits = shape.test(file.path) && file.size > 0 && (file.status === 'FAILED' ? !!file.reason : file.reason === null);
      if (!fits) expect.fail(JSON.stringify(file));
    }
  });

  it('pages by offset exactly as by cursor', () => {
    const job = bigFailedJob(sim);
    for (const params of [{}, { failedFirst: true }, { status: ['FAILED', 'PENDING'] as FileStatus[] }]) {
      const byCursor = listAll((p) => sim.listFiles(job.id, p), { ...params, limit: 997 });
      const byOffset: JobFile[] = [];
      for (let offset = 0; offset < byCursor.length; offset += 997) {
        byOffset.push(...sim.listFiles(job.id, { ...params, offset, limit: 997 }).items);
      }
      expect(text(byOffset)).to.equal(text(byCursor));
    }
  });

  it('lists the failed files first on request, then the others in path order', () => {
    const job = bigFailedJob(sim);
    const all = listAll((p) => sim.listFiles(job.id, p));
    const failedFirst = listAll((p) => sim.listFiles(job.id, p), { failedFirst: true });
    expect(text(failedFirst)).to.equal(text([...all.filter((f) => f.status === 'FAILED'), ...all.filter((f) => f.status !== 'FAILED')]));
  });

  it('filters by status, with byStatus still counting the whole job', () => {
    const job = bigFailedJob(sim);
    const all = listAll((p) => sim.listFiles(job.id, p));
    const statuses: FileStatus[] = [DONE_STATUS[job.type], 'FAILED', 'PENDING'];
    for (const status of [[statuses[0]!], ['FAILED'], ['PENDING'], [statuses[0]!, 'PENDING'], ['PENDING', 'FAILED']] as FileStatus[][]) {
      const page = sim.listFiles(job.id, { status, limit: 10 });
      expect(page.byStatus).to.deep.equal(sim.fileCounts(job.id));
      const wanted = all.filter((f) => status.includes(f.status));
      expect(page.total).to.equal(wanted.length);
      expect(text(listAll((p) => sim.listFiles(job.id, p), { status }))).to.equal(text(wanted));
      if (status.includes('FAILED')) {
        const first = listAll((p) => sim.listFiles(job.id, p), { status, failedFirst: true });
        expect(text(first)).to.equal(
          text([...wanted.filter((f) => f.status === 'FAILED'), ...wanted.filter((f) => f.status !== 'FAILED')]),
        );
      }
    }
    const other: FileStatus = job.type === 'COPY' ? 'ARCHIVED' : 'COPIED';
    expect(sim.listFiles(job.id, { status: [other] })).to.include({ total: 0, nextCursor: null });
  });

  it('serves a page deep in a job of millions of files at once', () => {
    const job = [...sim.jobs()].find((j) => j.progress.files.total > 1_000_000)!;
    const total = job.progress.files.total;
    const started = performance.now();
    const last = sim.listFiles(job.id, { offset: total - 40, limit: 100 });
    const middle = sim.listFiles(job.id, { offset: Math.floor(total / 2), limit: 1000, failedFirst: true });
    const done = sim.listFiles(job.id, { offset: Math.floor(total / 3), limit: 1000, status: [DONE_STATUS[job.type]] });
    expect(performance.now() - started).to.be.below(250);
    expect(last.items).to.have.length(40);
    expect(last.nextCursor).to.equal(null);
    expect(last.items[39]!.path).to.contain(`_${String(total).padStart(6, '0')}.`);
    expect(middle.items).to.have.length(1000);
    expect(done.items.every((f) => f.status === DONE_STATUS[job.type])).to.equal(true);
    const next = sim.listFiles(job.id, { cursor: middle.nextCursor!, limit: 1000, failedFirst: true });
    expect(next.items[0]).to.deep.equal(
      sim.listFiles(job.id, { offset: Math.floor(total / 2) + 1000, limit: 1, failedFirst: true }).items[0],
    );
  });

  it('keeps a cursor valid while the job moves on', () => {
    const live = new ClusterSimulator({ seed: 3, jobs: 0, now: NOW });
    let job: Job | undefined;
    for (let i = 0; i < 600 && !job; i++) {
      live.advance(5000);
      job = [...live.jobs()].find((j) => j.state === 'RUNNING' && j.progress.files.done > 300 && j.progress.files.total > 5000);
    }
    if (!job) expect.fail('no running job');
    const first = live.listFiles(job.id, { limit: 200 });
    for (let i = 0; i < 5; i++) live.advance(5000);
    const second = live.listFiles(job.id, { limit: 200, cursor: first.nextCursor! });
    const paths = [...first.items, ...second.items].map((f) => f.path);
    expect([...paths].sort()).to.deep.equal(paths);
    expect(new Set(paths).size).to.equal(400);
  });

  it('answers the same pages for the same seed', () => {
    const twin = new ClusterSimulator({ now: NOW });
    const job = bigFailedJob(sim);
    const params = { offset: 12_345, limit: 50, failedFirst: true };
    expect(twin.listFiles(job.id, params)).to.deep.equal(sim.listFiles(job.id, params));
  });

  it('refuses an unknown job and bad parameters', () => {
    const job = bigFailedJob(sim);
    expect(() => sim.listFiles('j999999')).to.throw(RangeError);
    expect(() => sim.fileCounts('nope')).to.throw(RangeError);
    expect(() => sim.listFiles(job.id, { limit: 0 })).to.throw(RangeError, 'limit');
    expect(() => sim.listFiles(job.id, { offset: -1 })).to.throw(RangeError, 'offset');
    expect(() => sim.listFiles(job.id, { cursor: 'x!' })).to.throw(RangeError, 'cursor');
    expect(() => sim.listFiles(job.id, { status: ['LOST' as FileStatus] })).to.throw(RangeError, 'status');
    expect(sim.listFiles(job.id, { limit: 5000 }).items).to.have.length(MAX_FILE_PAGE);
  });

  it('has nothing to list for a job without files', () => {
    const empty = [...sim.jobs()].find((j) => j.progress.files.total === 0)!;
    expect(sim.listFiles(empty.id)).to.deep.equal({ items: [], nextCursor: null, total: 0, byStatus: sim.fileCounts(empty.id) });
  });
});

describe('file pages, against a plain model of the files', () => {
  const shape: ClusterShape = { seed: 99, nodeIds: ['node-1'], nodeWeights: [1], nodeWeightSum: 1 };

  /** A plan with chosen files and failures (the rest as drawn for job 0). */
  const planArb = fc
    .record({
      files: fc.integer({ min: 0, max: 3000 }),
      start: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      period: fc.integer({ min: 1, max: 50 }),
      span: fc.double({ min: 0, max: 1, noNaN: true }),
      handled: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ files, start, period, span, handled }): [JobPlan, number] => {
      const failStart = Math.floor(start * files);
      const plan: JobPlan = {
        ...planJob(shape, 0),
        files,
        handled: files,
        failStart,
        failPeriod: period,
        failEnd: failStart + Math.round(span * (files - failStart)),
        outcome: Outcome.Error,
      };
      return [plan, Math.round(handled * files)];
    });

  function model(plan: JobPlan, handled: number): FileStatus[] {
    return Array.from({ length: plan.files }, (_, i) =>
      i >= handled
        ? 'PENDING'
        : i >= plan.failStart && i < plan.failEnd && (i - plan.failStart) % plan.failPeriod === 0
          ? 'FAILED'
          : DONE_STATUS[plan.type],
    );
  }

  const statusesArb = fc.option(fc.subarray<'FAILED' | 'PENDING' | 'DONE'>(['FAILED', 'PENDING', 'DONE']), { nil: undefined });

  it('lists the files the model says, in the order asked, by cursor and by offset', () => {
    fc.assert(
      fc.property(planArb, statusesArb, fc.boolean(), fc.integer({ min: 1, max: 400 }), ([plan, handled], picked, failedFirst, limit) => {
        const status = picked?.map((s): FileStatus => (s === 'DONE' ? DONE_STATUS[plan.type] : s));
        const statuses = model(plan, handled);
        const all = filePage(shape.seed, plan, handled, { limit: MAX_FILE_PAGE, offset: 0 });
        const indices = statuses.map((_, i) => i).filter((i) => !status?.length || status.includes(statuses[i]!));
        if (failedFirst) indices.sort((a, b) => Number(statuses[b] === 'FAILED') - Number(statuses[a] === 'FAILED') || a - b);
        const params = { status, failedFirst, limit };
        const listed = listAll((p) => filePage(shape.seed, plan, handled, p), params);
        expect(listed.map((f) => f.status).join()).to.equal(indices.map((i) => statuses[i]).join());
        expect(listed.map((f) => Number(/_(\d+)\./.exec(f.path)![1]) - 1).join()).to.equal(indices.join());
        const offset = Math.floor(indices.length / 2);
        expect(text(filePage(shape.seed, plan, handled, { ...params, offset }).items)).to.equal(text(listed.slice(offset, offset + limit)));
        expect(all.byStatus).to.deep.equal({
          [DONE_STATUS[plan.type]]: statuses.filter((s) => s === DONE_STATUS[plan.type]).length,
          FAILED: statuses.filter((s) => s === 'FAILED').length,
          PENDING: statuses.filter((s) => s === 'PENDING').length,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('finds pages deep in a hundred trillion files, filtered and failed first, where no scan could', () => {
    const files = 1e14;
    const handled = 5e13;
    const failStart = 1e13 + 3;
    const failPeriod = 7;
    const plan: JobPlan = { ...planJob(shape, 0), files, handled: files, failStart, failPeriod, failEnd: 6e13, outcome: Outcome.Error };
    const numberOf = (file: JobFile): number => Number(/_(\d+)\./.exec(file.path)![1]) - 1;
    const failedBefore = (i: number): number => (i <= failStart ? 0 : Math.ceil((Math.min(i, handled) - failStart) / failPeriod));
    const failedCount = failedBefore(handled);
    const done = DONE_STATUS[plan.type];

    const failed = filePage(shape.seed, plan, handled, { status: ['FAILED'], offset: 1e12, limit: 1000 });
    expect(failed.total).to.equal(failedCount);
    expect(failed.items.map(numberOf)).to.deep.equal(Array.from({ length: 1000 }, (_, k) => failStart + failPeriod * (1e12 + k)));
    expect(failed.items.every((f) => f.status === 'FAILED' && f.reason)).to.equal(true);

    // Failed first, then the pending ones, which start at file number `handled`.
    const pending = filePage(shape.seed, plan, handled, {
      status: ['PENDING', 'FAILED'],
      failedFirst: true,
      offset: failedCount + 123,
      limit: 10,
    });
    expect(pending.items.map(numberOf)).to.deep.equal(Array.from({ length: 10 }, (_, k) => handled + 123 + k));
    expect(pending.items.every((f) => f.status === 'PENDING')).to.equal(true);
    const next = filePage(shape.seed, plan, handled, {
      status: ['PENDING', 'FAILED'],
      failedFirst: true,
      cursor: pending.nextCursor!,
      limit: 1,
    });
    expect(numberOf(next.items[0]!)).to.equal(handled + 133);

    const doneOnly = filePage(shape.seed, plan, handled, { status: [done], offset: 3e13, limit: 1000 });
    expect(doneOnly.total).to.equal(handled - failedCount);
    doneOnly.items.forEach((file, k) => {
      const i = numberOf(file);
      expect(file.status).to.equal(done);
      expect(i - failedBefore(i), 'done files before it').to.equal(3e13 + k);
    });

    const last = filePage(shape.seed, plan, handled, { offset: files - 5, limit: 10 });
    expect(last.items.map(numberOf)).to.deep.equal([5, 4, 3, 2, 1].map((back) => files - back));
    expect(last.nextCursor).to.equal(null);
  });
});
