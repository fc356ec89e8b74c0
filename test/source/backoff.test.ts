import { expect } from '@open-wc/testing';
import { backoffDelay, parseRetryAfter, sleep } from '../../src/source/backoff.js';

describe('backoff', () => {
  it('draws a wait between 0 and base · 2^attempt, capped at max', () => {
    const options = { baseMs: 100, maxMs: 1000 };
    const almostOne = () => 0.999999;
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, options, almostOne))).to.deep.equal([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(5, options, () => 0)).to.equal(0);
  });

  it('spreads waits over the whole range (full jitter)', () => {
    const waits = Array.from({ length: 400 }, () => backoffDelay(3, { baseMs: 100, maxMs: 10_000 }));
    expect(Math.min(...waits))
      .to.be.at.least(0)
      .and.below(100);
    expect(Math.max(...waits))
      .to.be.below(800)
      .and.above(700);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-10-23T10:00:00Z');
    expect(parseRetryAfter('3', now)).to.equal(3000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('Thu, 23 Oct 2025 10:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Thu, 23 Oct 2025 09:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter('-1', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  it('sleep stops at once when its signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const slept = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 20);
    let caught: unknown;
    try {
      await slept;
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).to.equal('stop');
    expect(performance.now() - started).to.be.below(1000);
  });
});
