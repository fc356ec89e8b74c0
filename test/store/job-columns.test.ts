import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { JOB_STATES, JOB_TYPES, type Job, type JobType } from '../../src/model/index.js';
import { dateArbitrary, dateIn, formArbitrary } from '../model/iso-dates.js';
import { JobColumns } from '../../src/store/job-columns.js';

const text = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' });
const count = fc.oneof(
  { weight: 20, arbitrary: fc.nat({ max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER) },
);

function progressArbitrary(type: JobType): fc.Arbitrary<Job['progress']> {
  const base = {
    files: fc.record({ total: count, done: count, failed: count }),
    bytes: fc.record({ total: count, done: count }),
  };
  switch (type) {
    case 'DESTAGING':
      return fc.record({ ...base, share: text });
    case 'VERSIONING':
      return fc.record({ ...base, share: text, policy: text, versionsHandled: count });
    case 'ARCHIVING':
      return fc.record({
        ...base,
        share: text,
        target: fc.record({ medium: fc.constantFrom('TAPE' as const, 'CLOUD' as const), name: text }),
      });
    case 'STORAGE':
      return fc.record({ ...base, share: text, copiesMade: count });
    case 'COPY':
      return fc.record({ ...base, client: text, origin: fc.constantFrom('EXPLORER' as const, 'ACCOPY' as const) });
    case 'DUPLICATION':
      return fc.record({ ...base, sourceTape: text, targetTape: text, mode: text });
  }
}

/**
 * Any job the contract allows, its dates in one form or (seldom) in mixed forms; and some
 * beyond the contract: fields it does not define, counts past 2³².
 */
const jobArbitrary = (id: string) =>
  fc.tuple(fc.constantFrom(...JOB_TYPES), formArbitrary, fc.nat({ max: 9 })).chain(([type, form, mix]) => {
    const date = mix === 0 ? dateArbitrary : dateIn(form);
    return fc
      .record({
        name: text,
        description: fc.string({ maxLength: 20 }),
        createdAt: date,
        updatedAt: date,
        startedAt: fc.option(date, { nil: null }),
        finishedAt: fc.option(date, { nil: null }),
        node: fc.constantFrom('node-1', 'node-2', 'nœud 3'),
        state: fc.constantFrom(...JOB_STATES),
        stage: fc.constantFrom('NOT_STARTED', 'NORMALLY', 'SOMETHING_NEW'),
        version: fc.oneof(fc.nat({ max: 50 }), fc.constant(1.7e12)),
        progress: progressArbitrary(type),
        extra: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.string() }),
      })
      .map(({ extra, name, ...fields }) => {
        // In the contract's order of fields.
        const job = { id, name, type, ...fields } as Job;
        // A field beyond the contract, as a newer server may send.
        if (extra !== undefined) Object.assign(job, { comment: extra });
        return job;
      });
  });

describe('JobColumns', () => {
  it('gives back every job exactly as it was written, from columns, across replacements', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(fc.nat({ max: 7 }), fc.nat()), { minLength: 1, maxLength: 30 })
          .chain((slots) => fc.tuple(...slots.map(([slot]) => jobArbitrary(`job-${slot}`)))),
        (jobs) => {
          const columns = new JobColumns();
          const newest = new Map<string, Job>();
          for (const job of jobs) {
            const row = columns.rowOfId(job.id);
            if (row < 0) columns.add(job);
            else columns.replace(row, job);
            newest.set(job.id, job);
          }
          expect(columns.size).to.equal(newest.size);
          for (const job of newest.values()) {
            const back = columns.job(columns.rowOfId(job.id));
            expect(back).to.deep.equal(job);
            expect(Object.keys(back)).to.deep.equal(Object.keys(job));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every job and finds it by id while its columns grow a column at a time', () => {
    // Each read of the clock is 60 ms later: every add near the end of the capacity grows one more column ahead.
    const realNow = performance.now;
    let clock = 0;
    performance.now = () => (clock += 60);
    try {
      const columns = new JobColumns();
      // Ids of every length, some alike but for their start (the id map is split by the last characters).
      const ids = ['', 'x', 'y', ...Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? `${i}-same` : `job-${i}`))];
      const jobs = fc
        .sample(jobArbitrary('placeholder'), { numRuns: ids.length, seed: 7 })
        .map((job, i) => ({ ...job, id: ids[i]! }) as Job);
      for (const job of jobs) {
        expect(columns.rowOfId(job.id), job.id).to.equal(-1);
        columns.add(job);
      }
      // Newer versions of some, after the growth.
      for (const job of jobs.filter((_, i) => i % 7 === 0)) columns.replace(columns.rowOfId(job.id), { ...job, version: 1000 } as Job);
      expect(columns.size).to.equal(jobs.length);
      jobs.forEach((job, i) => {
        const row = columns.rowOfId(job.id);
        expect(row, `row of ${JSON.stringify(job.id)}`).to.equal(i);
        expect(columns.job(row)).to.deep.equal(i % 7 === 0 ? { ...job, version: 1000 } : job);
      });
      expect(columns.rowOfId('job-99999')).to.equal(-1);

      // A load takes no room ahead: 1,010 rows hold columns of 1,024 (within 1/64 of the end).
      const loaded = new JobColumns();
      loaded.load(jobs.slice(0, 1010));
      expect(loaded.size).to.equal(1010);
      expect([loaded.version.length, loaded.startedAt.length, loaded.group.length]).to.deep.equal([1024, 1024, 1024]);
    } finally {
      performance.now = realNow;
    }
  });

  it('holds no job object it could rebuild: a contract job comes back as a new, equal object', () => {
    const columns = new JobColumns();
    const job: Job = {
      id: 'j1',
      name: 'Archiving:media',
      type: 'ARCHIVING',
      description: 'Share media: archiving to tape TAR_7',
      createdAt: '2025-10-23T10:23:08+02:00',
      updatedAt: '2025-10-23T10:25:00+02:00',
      startedAt: '2025-10-23T10:23:09+02:00',
      finishedAt: null,
      node: 'node-1',
      state: 'RUNNING',
      stage: 'IN_PROGRESS',
      version: 2,
      progress: {
        files: { total: 10, done: 3, failed: 1 },
        bytes: { total: 5e12, done: 1.5e12 },
        share: 'media',
        target: { medium: 'TAPE', name: 'TAR_7' },
      },
    };
    const row = columns.add(job);
    const first = columns.job(row);
    expect(first).to.not.equal(job);
    expect(first).to.deep.equal(job);
    // Read again: the same object, so that elements see no change.
    expect(columns.job(row)).to.equal(first);
    const next = { ...job, version: 3, state: 'SUCCESSFUL', stage: 'NORMALLY', finishedAt: '2025-10-23T11:00:00+02:00' } as Job;
    columns.replace(row, next);
    expect(columns.job(row)).to.not.equal(first);
    expect(columns.job(row)).to.deep.equal(next);
  });
});
