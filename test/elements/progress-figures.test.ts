/**
 * The progress figures on the server's clock only: a page whose clock is hours from the
 * server's must show the same elapsed and remaining times as one in step with it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { Job } from '../../src/model/index.js';
import { progressFigures } from '../../src/elements/job-detail/progress-figures.js';
import '../../src/elements/job-detail/ac-job-progress.js';
import type { AcJobProgress } from '../../src/elements/job-detail/ac-job-progress.js';
import { definitions, jobOf, until } from './job-detail-fixtures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A running job whose server says it started `ranMs` before its last update, `offsetMs` from the page's now. */
function running(ranMs: number, offsetMs: number, overrides: Partial<Job> = {}): Job {
  const updated = Date.now() + offsetMs;
  return jobOf('DESTAGING', updated, {
    startedAt: new Date(updated - ranMs).toISOString(),
    updatedAt: new Date(updated).toISOString(),
    ...overrides,
  });
}

describe('progress figures never compare the page clock with the server’s', () => {
  for (const offsetMs of [0, 6 * HOUR, -6 * HOUR, 400 * 24 * HOUR]) {
    it(`a server clock ${offsetMs / HOUR} h from the page: elapsed is the server’s updatedAt − startedAt plus the time since received`, () => {
      const job = running(20 * MINUTE, offsetMs);
      expect(progressFigures(job, 0).elapsedMs).to.equal(20 * MINUTE);
      expect(progressFigures(job, 2500).elapsedMs).to.equal(20 * MINUTE + 2500);
      // 3,766 files left at 1,234 in 20 minutes.
      expect(progressFigures(job, 0).remainingMs).to.be.closeTo((3766 * 20 * MINUTE) / 1234, 1);
    });
  }

  it('a finished job lasts finishedAt − startedAt, whatever the time since', () => {
    const started = running(20 * MINUTE, 6 * HOUR);
    // Five minutes after its last update, from the job's own dates (not a second reading of the clock).
    const job = {
      ...started,
      state: 'SUCCESSFUL' as const,
      finishedAt: new Date(Date.parse(started.updatedAt) + 5 * MINUTE).toISOString(),
    };
    expect(progressFigures(job, 0).elapsedMs).to.equal(25 * MINUTE);
    expect(progressFigures(job, HOUR).elapsedMs).to.equal(25 * MINUTE);
    expect(progressFigures(job, 0).remainingMs).to.equal(undefined);
  });

  it('a job not started has no elapsed time; a last update before the start counts as none', () => {
    expect(progressFigures(running(0, 0, { state: 'SCHEDULED', startedAt: null }), 5000).elapsedMs).to.equal(undefined);
    expect(progressFigures(running(-MINUTE, 0), 3000).elapsedMs).to.equal(3000);
  });

  it('<ac-job-progress> shows a job from a server 6 hours ahead as running 2 min, and ticks on from there', async () => {
    const el = await fixture<AcJobProgress>(html`<ac-job-progress .job=${running(2 * MINUTE, 6 * HOUR)}></ac-job-progress>`);
    const elapsed = () => definitions(el.shadowRoot!.querySelector('dl')!)['Elapsed'];
    const first = elapsed();
    expect(first).to.match(/^2 min 0[0-2] s$/);
    await until(() => elapsed() !== first, 'the elapsed time to tick on', 5000);
    expect(elapsed()).to.match(/^2 min 0[1-9] s$/);
    // A new version: the count starts again from its own figures.
    el.job = running(5 * MINUTE, 6 * HOUR, { version: 2 });
    await el.updateComplete;
    expect(elapsed()).to.equal('5 min 00 s');
  });
});
