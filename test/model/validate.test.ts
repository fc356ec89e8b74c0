import { expect } from '@open-wc/testing';
import { validateJob } from '../../src/model/index.js';

const job = {
  id: 'j1',
  name: 'Duplication:tar_2-39',
  type: 'DUPLICATION',
  description: 'Tape tar_2-39: duplication process, in force mode, started immediately (free defragmentation)',
  createdAt: '2025-10-23T10:23:08+02:00',
  updatedAt: '2025-10-23T10:24:21+02:00',
  startedAt: '2025-10-23T10:23:10+02:00',
  finishedAt: '2025-10-23T10:24:21+02:00',
  node: 'node-1',
  state: 'UNSUCCESSFUL',
  stage: 'INTERRUPTED_ON_ERROR',
  version: 7,
  progress: {
    sourceTape: 'tar_2-39',
    targetTape: 'tar_3-02',
    mode: 'force',
    files: { total: 10, done: 4, failed: 1 },
    bytes: { total: 1000, done: 400 },
  },
};

describe('validateJob', () => {
  it('accepts a valid job', () => {
    expect(validateJob(job)).to.deep.equal({ ok: true, value: job });
  });
  it('names the missing field', () => {
    const { state: _, ...rest } = job;
    expect(validateJob(rest)).to.deep.equal({ ok: false, error: 'job.state is missing', field: 'state' });
  });
});
