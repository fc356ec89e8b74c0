import { expect } from '@open-wc/testing';
import { contractChecks, loadOnce } from '../../src/source/contract-checks.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { makeJob } from './fixtures.js';

describe('contract checks, loaded on first use', () => {
  it('are the contract validators: a job passes, a broken one is named', async () => {
    const { validateJob } = await contractChecks();
    expect(validateJob(makeJob(1)).ok).to.equal(true);
    const broken = validateJob({ ...makeJob(1), state: 'DONE' });
    expect(broken.ok).to.equal(false);
    expect(broken.ok ? '' : broken.error).to.contain('job.state must be one of');
  });

  it('load once, and after a failed load try again at the next call', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { loaded: calls };
    }, 'the code of a test');
    const failure = await load().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(JobSourceError);
    expect((failure as JobSourceError).kind).to.equal('network');
    expect((failure as JobSourceError).message).to.contain('Failed to fetch dynamically imported module');
    expect((failure as JobSourceError).message).to.contain('could not load the code of a test');
    expect(await load()).to.deep.equal({ loaded: 2 });
    expect(await load()).to.deep.equal({ loaded: 2 });
    expect(calls).to.equal(2);
  });
});
