import { expect, fixture, html } from '@open-wc/testing';
import { JOB_TYPES, type Job, type JobType } from '../../src/model/index.js';
import { JobSourceError } from '../../src/source/job-source.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import type { AcJobDetail } from '../../src/elements/job-detail/ac-job-detail.js';
import type { AcJobProgress } from '../../src/elements/job-detail/ac-job-progress.js';
import { definitions, jobOf, setup, textOf, until, type Setup } from './job-detail-fixtures.js';

/** What the progress panel must say for each type, beyond the shared file counts. */
const TYPE_DETAILS: Record<JobType, { done: string; details: Record<string, string> }> = {
  DESTAGING: { done: 'Destaged', details: { Share: 'import_ltfs', 'Data destaged': '1.23 GB of 4 GB (30%)' } },
  ARCHIVING: {
    done: 'Archived',
    details: { Share: 'media', Target: 'Cloud s3-scaleway-archive', 'Data archived': '1.23 GB of 4 GB (30%)' },
  },
  STORAGE: { done: 'Checked', details: { Share: 'projects', 'Copies made': '87', 'Data checked': '1.23 GB of 4 GB (30%)' } },
  VERSIONING: {
    done: 'Examined',
    details: { Share: 'part_s3_scaleway', Policy: 'history only', 'Versions handled': '312', 'Data examined': '1.23 GB of 4 GB (30%)' },
  },
  COPY: { done: 'Copied', details: { Client: 'ws-compta-12', 'Started from': 'accopy command', 'Data copied': '1.23 GB of 4 GB (30%)' } },
  DUPLICATION: {
    done: 'Duplicated',
    details: { 'Source tape': 'tar_2-39', 'Target tape': 'tar_3-02', Mode: 'force', 'Data copied': '1.23 GB of 4 GB (30%)' },
  },
};

const TYPE_LABELS: Record<JobType, string> = {
  DESTAGING: 'Destaging',
  ARCHIVING: 'Archiving',
  STORAGE: 'Storage',
  VERSIONING: 'Versioning',
  COPY: 'Copy',
  DUPLICATION: 'Duplication',
};

let current: Setup | undefined;

/** The fixture jobs' last update: a running job's elapsed time counts from the server's own timestamps. */
const UPDATED = Date.parse('2025-10-23T08:24:21Z');

async function show(job: Job, attributes: { timeZone?: string } = {}): Promise<AcJobDetail> {
  current = await setup([job]);
  const el = await fixture<AcJobDetail>(
    html`<ac-job-detail lang="en" .store=${current.store} job-id=${job.id} time-zone=${attributes.timeZone ?? 'Europe/Paris'}></ac-job-detail>`,
  );
  await until(() => el.shadowRoot!.querySelector('ac-job-progress'), 'the job to show');
  return el;
}

function progressOf(el: AcJobDetail): AcJobProgress {
  return el.shadowRoot!.querySelector('ac-job-progress')!;
}

function bar(el: AcJobDetail): HTMLElement {
  return progressOf(el).shadowRoot!.querySelector('[role="progressbar"]')!;
}

function legend(el: AcJobDetail): string[] {
  return Array.from(progressOf(el).shadowRoot!.querySelectorAll('.legend li'), (li) => textOf(li));
}

afterEach(() => {
  current?.store.dispose();
  current?.source.close();
  current = undefined;
});

/** The text of each line `element` is laid out on, by the top of each character's box. */
function linesOf(element: HTMLElement): string[] {
  const lines = new Map<number, string>();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      lines.set(top, (lines.get(top) ?? '') + text[i]);
    }
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}

describe('<ac-job-detail>: general information and progress', () => {
  for (const type of JOB_TYPES) {
    it(`shows every field and the ${type} progress details of the job`, async () => {
      // Started an hour before its last update.
      const job = jobOf(type, UPDATED);
      const el = await show(job);

      const general = definitions(el.shadowRoot!.querySelector('.general dl')!);
      expect(general).to.deep.equal({
        Type: TYPE_LABELS[type],
        State: 'Running',
        Stage: 'In progress',
        Node: 'node 2',
        // 08:23:08Z in Paris (summer time): the user guide's example.
        'Creation date': '23 Oct 2025, 10:23:08',
        'Last update': '23 Oct 2025, 10:24:21',
        Name: job.name,
        Id: job.id,
        Description: job.description,
      });
      expect(textOf(el.shadowRoot!.querySelector('h2')!)).to.equal(job.name);

      expect(bar(el).getAttribute('aria-valuenow')).to.equal('1234');
      expect(bar(el).getAttribute('aria-valuemax')).to.equal('5000');
      expect(bar(el).getAttribute('aria-valuetext')).to.equal('1,234 of 5,000 files handled: 1,200 done, 34 failed, 3,766 pending');
      expect(legend(el)).to.deep.equal([`${TYPE_DETAILS[type].done} 1,200`, 'Failed 34', 'Pending 3,766']);

      const facts = definitions(progressOf(el).shadowRoot!.querySelector('dl')!);
      expect(facts).to.include(TYPE_DETAILS[type].details);
      expect(facts['Elapsed']).to.equal('1 h 00 min');
      // 3,766 files left at 1,234 an hour: 3.05 hours.
      expect(facts['Time remaining']).to.equal('about 3 h 03 min (estimate)');
    });
  }

  it('updates the bar and the counts when the job changes', async () => {
    const job = jobOf('DESTAGING');
    const el = await show(job);
    const before = bar(el).style.getPropertyValue('--_progress-done');
    expect(before).to.equal('24%');

    const next = structuredClone(job) as Job;
    next.version = 2;
    next.progress.files.done = 4000;
    current!.source.upsert(next);

    await until(() => bar(el).getAttribute('aria-valuenow') === '4034', 'the bar to move');
    expect(bar(el).style.getPropertyValue('--_progress-done')).to.equal('80%');
    expect(legend(el)[0]).to.equal('Destaged 4,000');
    expect(legend(el)[2]).to.equal('Pending 966');
  });

  it('shows a finished job with its duration, in its state colour, and no estimate', async () => {
    const job = jobOf('ARCHIVING', Date.now(), {
      state: 'SUCCESSFUL',
      stage: 'NORMALLY',
      startedAt: '2025-10-23T08:23:10Z',
      finishedAt: '2025-10-23T09:28:40Z',
    });
    const el = await show(job);
    const facts = definitions(progressOf(el).shadowRoot!.querySelector('dl')!);
    expect(facts['Duration']).to.equal('1 h 05 min');
    expect(facts).not.to.have.property('Time remaining');
    const state = el.shadowRoot!.querySelector<HTMLElement>('.title .state')!;
    expect(textOf(state)).to.equal('Successful');
    const green = getComputedStyle(el).getPropertyValue('--ac-color-successful').trim();
    expect(getComputedStyle(state).color).to.equal(toRgb(green));
  });

  it('shows an unsuccessful job in red, with its failed files called out', async () => {
    const job = jobOf('DESTAGING', Date.now(), {
      state: 'UNSUCCESSFUL',
      stage: 'INTERRUPTED_ON_ERROR',
      finishedAt: new Date().toISOString(),
    });
    const el = await show(job);
    const state = el.shadowRoot!.querySelector<HTMLElement>('.title .state')!;
    expect(textOf(state)).to.equal('Unsuccessful');
    const red = getComputedStyle(el).getPropertyValue('--ac-color-unsuccessful').trim();
    expect(getComputedStyle(state).color).to.equal(toRgb(red));
    const alert = progressOf(el).shadowRoot!.querySelector('.failed-alert')!;
    expect(textOf(alert)).to.equal('! 34 files failed. Show failed files');
    const failedLegend = progressOf(el).shadowRoot!.querySelector<HTMLElement>('.legend .has-failed')!;
    expect(getComputedStyle(failedLegend).color).to.equal(toRgb(red));
  });

  it('shows a scheduled job as not started, and an unknown stage as it comes', async () => {
    const job = jobOf('COPY', Date.now(), {
      state: 'SCHEDULED',
      stage: 'WAITING_FOR_TAPE_DRIVE',
      startedAt: null,
      progress: { files: { total: 12, done: 0, failed: 0 }, bytes: { total: 0, done: 0 }, client: 'ws-1', origin: 'EXPLORER' },
    });
    const el = await show(job);
    const general = definitions(el.shadowRoot!.querySelector('.general dl')!);
    expect(general['State']).to.equal('Scheduled');
    expect(general['Stage']).to.equal('WAITING_FOR_TAPE_DRIVE');
    // In a narrow card the identifier wraps at its underscores, never inside a word.
    const stage = el.shadowRoot!.querySelector<HTMLElement>('.general .stage')!;
    stage.style.display = 'inline-block';
    stage.style.width = '9ch';
    const lines = linesOf(stage);
    expect(lines.length, lines.join('|')).to.be.greaterThan(1);
    expect(lines.join('')).to.equal('WAITING_FOR_TAPE_DRIVE');
    for (const line of lines.slice(0, -1)) expect(line, lines.join('|')).to.match(/_$/);
    const facts = definitions(progressOf(el).shadowRoot!.querySelector('dl')!);
    expect(facts['Elapsed']).to.equal('Not started yet');
    expect(facts['Started from']).to.equal('Active Circle explorer');
    expect(facts).not.to.have.property('Time remaining');
    expect(progressOf(el).shadowRoot!.querySelector('.failed-alert')).to.equal(null);
  });

  it('gives no estimate before the job has run long enough to measure a rate', async () => {
    const now = Date.now();
    const el = await show(jobOf('STORAGE', now, { startedAt: new Date(now - 4000).toISOString(), updatedAt: new Date(now).toISOString() }));
    const facts = definitions(progressOf(el).shadowRoot!.querySelector('dl')!);
    expect(facts['Elapsed']).to.match(/^[45] s$/);
    expect(facts).not.to.have.property('Time remaining');
  });

  it('ticks the elapsed time once a second while running, with one timer cleared on removal', async () => {
    const created: number[] = [];
    const cleared = new Set<number>();
    const realSet = window.setInterval;
    const realClear = window.clearInterval;
    window.setInterval = ((handler: TimerHandler, ms?: number) => {
      const id = realSet(handler, ms);
      created.push(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      if (id !== undefined) cleared.add(id);
      realClear(id);
    }) as typeof window.clearInterval;
    try {
      const now = Date.now();
      const el = await show(
        jobOf('DUPLICATION', now, { startedAt: new Date(now - 20_500).toISOString(), updatedAt: new Date(now).toISOString() }),
      );
      const elapsed = () => definitions(progressOf(el).shadowRoot!.querySelector('dl')!)['Elapsed'];
      const first = elapsed();
      await until(() => elapsed() !== first, 'the elapsed time to tick', 2500);
      expect(created.length).to.equal(1);
      el.remove();
      expect(cleared.has(created[0]!)).to.equal(true);
    } finally {
      window.setInterval = realSet;
      window.clearInterval = realClear;
    }
  });

  it('shows the dates in the time zone asked for', async () => {
    const el = await show(jobOf('VERSIONING'), { timeZone: 'America/New_York' });
    const general = definitions(el.shadowRoot!.querySelector('.general dl')!);
    expect(general['Creation date']).to.equal('23 Oct 2025, 04:23:08');
  });

  it('speaks French when the page does', async () => {
    const job = jobOf('DESTAGING');
    current = await setup([job]);
    const el = await fixture<AcJobDetail>(html`<ac-job-detail lang="fr" .store=${current.store} job-id=${job.id}></ac-job-detail>`);
    await until(() => el.shadowRoot!.querySelector('ac-job-progress'), 'the job to show');
    const general = definitions(el.shadowRoot!.querySelector('.general dl')!);
    expect(general['Type']).to.equal('Déstockage');
    expect(general['État']).to.equal('En cours');
    expect(legend(el)).to.deep.equal(['Déstockés 1 200', 'En échec 34', 'En attente 3 766']);
  });

  it('shows a job given as a property, without a store', async () => {
    const job = jobOf('COPY');
    const el = await fixture<AcJobDetail>(html`<ac-job-detail lang="en" .job=${job}></ac-job-detail>`);
    expect(textOf(el.shadowRoot!.querySelector('h2')!)).to.equal(job.name);
    expect(bar(el).getAttribute('aria-valuenow')).to.equal('1234');
    expect(textOf(el.shadowRoot!.querySelector('.files')!)).to.contain('no job source is connected');
  });
});

describe('<ac-job-detail>: unknown job, errors, back', () => {
  it('says plainly that an unknown job was not found, with a way back', async () => {
    current = await setup([jobOf('DESTAGING')]);
    const el = await fixture<AcJobDetail>(html`<ac-job-detail lang="en" .store=${current.store} job-id="j-gone"></ac-job-detail>`);
    const message = await until(() => el.shadowRoot!.querySelector('.message.not-found'), 'the not-found message');
    expect(textOf(message)).to.equal('Job j-gone was not found. It may have been removed.');
    expect(message.getAttribute('role')).to.equal('alert');

    let backTo: string | undefined;
    el.addEventListener('ac-back', (event) => (backTo = event.detail.id));
    el.shadowRoot!.querySelector<HTMLButtonElement>('.back')!.click();
    expect(backTo).to.equal('j-gone');
    await expect(el).to.be.accessible();
  });

  it('lets the page put its own way back in the back slot', async () => {
    current = await setup([]);
    const el = await fixture<AcJobDetail>(
      html`<ac-job-detail lang="en" .store=${current.store} job-id="j-gone"><a slot="back" href="#/jobs">All jobs</a></ac-job-detail>`,
    );
    await until(() => el.shadowRoot!.querySelector('.message.not-found'), 'the not-found message');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="back"]')!;
    expect(slot.assignedElements().map((a) => a.textContent)).to.deep.equal(['All jobs']);
  });

  it('explains other failures in plain words and retries', async () => {
    const job = jobOf('ARCHIVING');
    // A store not started holds no job: what it shows comes from loadJob alone.
    current = await setup([job], { start: false });
    const source = current.source;
    const realGetJob = source.getJob.bind(source);
    source.getJob = async () => {
      throw new JobSourceError('server', 'HTTP 503');
    };
    const el = await fixture<AcJobDetail>(html`<ac-job-detail lang="en" .store=${current.store} job-id=${job.id}></ac-job-detail>`);
    const message = await until(() => el.shadowRoot!.querySelector('.message.error'), 'the error message');
    expect(textOf(message)).to.equal('The server had a problem answering. Retry in a moment. Retry');

    source.getJob = realGetJob;
    message.querySelector<HTMLButtonElement>('.retry')!.click();
    await until(() => el.shadowRoot!.querySelector('ac-job-progress'), 'the job after retry');
    expect(textOf(el.shadowRoot!.querySelector('h2')!)).to.equal(job.name);
  });

  it('has a Back button on the job view that fires ac-back', async () => {
    const job = jobOf('STORAGE');
    const el = await show(job);
    const events: CustomEvent[] = [];
    document.body.addEventListener('ac-back', (event) => events.push(event), { once: true });
    el.shadowRoot!.querySelector<HTMLButtonElement>('.back')!.click();
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.deep.equal({ id: job.id });
    expect(events[0]!.composed).to.equal(true);
  });
});

describe('<ac-job-detail>: accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violation for a running job with failed files (${theme})`, async () => {
      const job = jobOf('DESTAGING');
      current = await setup([job]);
      const el = await fixture<AcJobDetail>(
        html`<ac-job-detail lang="en" theme=${theme} .store=${current.store} job-id=${job.id}></ac-job-detail>`,
      );
      const files = await until(() => el.shadowRoot!.querySelector('ac-job-files'), 'the file table');
      files.scrollIntoView();
      await until(() => files.shadowRoot!.querySelector('.body [role="row"]:not(.placeholder)'), 'the first rows');
      await until(() => !files.shadowRoot!.querySelector('.placeholder'), 'every visible row');
      await expect(el).to.be.accessible();
    });
  }
});

/** `#1e7d32` → `rgb(30, 125, 50)`, as getComputedStyle answers. */
function toRgb(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255})`;
}
