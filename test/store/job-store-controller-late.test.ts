import { expect, fixtureSync, html } from '@open-wc/testing';
import { FakeSource } from './fake-source.js';
import { waitFor } from './helpers.js';
import { NODES, NOW, sampleJobs } from './jobs.js';
import './reader-element.js';
import type { TestStoreReader } from './reader-element.js';

// This file alone loads <ac-job-source> late: the page first has it as an unknown element.
describe('JobStoreController with <ac-job-source> defined after the page is built', () => {
  it('finds the store once the element is defined', async () => {
    expect(customElements.get('ac-job-source')).to.equal(undefined);
    const root = fixtureSync<HTMLDivElement>(
      html`<div><ac-job-source id="late"></ac-job-source><test-store-reader source="late"></test-store-reader></div>`,
    );
    const reader = root.querySelector<TestStoreReader>('test-store-reader')!;
    const element = root.querySelector('ac-job-source')!;
    (element as unknown as { source: FakeSource }).source = new FakeSource(sampleJobs(20, 1), NODES, { now: NOW });
    expect(reader.binding.store).to.equal(undefined);
    await import('../../src/elements/job-source/ac-job-source.js');
    await waitFor(() => reader.binding.store !== undefined, 'the store of the upgraded element');
    expect(reader.binding.store).to.equal(element.store);
    await waitFor(() => reader.shadowRoot!.textContent === '20', 'the total shown');
  });
});
