import { expect } from '@open-wc/testing';
import type { JobChangeEvent, LiveEvent } from '../../src/model/index.js';
import { EventSequencer, type IncomingEvent } from '../../src/source/event-sequencer.js';
import type { LiveBatch } from '../../src/source/job-source.js';
import { makeJob } from './fixtures.js';

function change(seq: number): JobChangeEvent {
  return { type: 'job.updated', seq, job: makeJob(seq % 5, { version: seq }) };
}

function incoming(...events: LiveEvent[]): IncomingEvent[] {
  return events.map((event) => ({ event }));
}

function sequencer(gapWindowMs = 50): { seq: EventSequencer; batches: LiveBatch[]; seqs: () => number[] } {
  const batches: LiveBatch[] = [];
  const seq = new EventSequencer({ gapWindowMs, deliver: (batch) => batches.push(batch) });
  return { seq, batches, seqs: () => batches.flatMap((b) => b.events.map((e) => e.seq)) };
}

describe('EventSequencer', () => {
  it('delivers in seq order, holding an early event until the missing one arrives', () => {
    const { seq, seqs } = sequencer();
    seq.setBase(10);
    seq.accept(incoming(change(11), change(13)));
    expect(seqs()).to.deep.equal([11]);
    seq.accept(incoming(change(12)));
    expect(seqs()).to.deep.equal([11, 12, 13]);
    expect(seq.lastSeq).to.equal(13);
  });

  it('drops duplicates and events already delivered', () => {
    const { seq, seqs } = sequencer();
    seq.setBase(0);
    seq.accept(incoming(change(1), change(1), change(2)));
    seq.accept(incoming(change(2), change(1), change(3), change(3)));
    expect(seqs()).to.deep.equal([1, 2, 3]);
  });

  it('turns a hole that stays open into a resync, then goes on', async () => {
    const { seq, batches } = sequencer(30);
    seq.setBase(4);
    seq.accept(incoming(change(5), change(8), change(9)));
    expect(batches.length).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(batches.length).to.equal(2);
    expect(batches[1]!.events.map((e) => [e.type, e.seq])).to.deep.equal([
      ['resync', 7],
      ['job.updated', 8],
      ['job.updated', 9],
    ]);
    expect((batches[1]!.events[0] as { reason: string }).reason).to.equal('events 6 to 7 never arrived');
  });

  it('passes a server resync on whatever its seq, and resumes after it', () => {
    const { seq, batches } = sequencer();
    seq.setBase(500);
    seq.accept(incoming({ type: 'resync', seq: 3, reason: 'events-expired' }, change(4)));
    expect(batches[0]!.events.map((e) => e.seq)).to.deep.equal([3, 4]);
    expect(seq.lastSeq).to.equal(4);
  });

  it('reports a rejected event and does not wait for its seq', async () => {
    const { seq, batches } = sequencer(30);
    seq.setBase(0);
    seq.accept([
      { event: change(1) },
      { rejected: 'event 2: event.job.state is missing', field: 'job.state', seq: 2 },
      { event: change(3) },
    ]);
    expect(batches).to.deep.equal([
      { events: [change(1), change(3)], rejected: ['event 2: event.job.state is missing'], rejectedFields: ['job.state'] },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(batches.length, 'no resync').to.equal(1);
  });

  it('forgets held events when a new connection will replay them', async () => {
    const { seq, batches } = sequencer(30);
    seq.setBase(0);
    seq.accept(incoming(change(2)));
    seq.forgetHeld();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(batches).to.deep.equal([]);
    seq.accept(incoming(change(1), change(2)));
    expect(batches[0]!.events.map((e) => e.seq)).to.deep.equal([1, 2]);
  });
});
