/**
 * A memory-mode store's analysis, counted a slice of rows at a time (a few milliseconds
 * each, yielding in between), so that a page holding a million jobs never has a long
 * task for it: the last analysis is shown while the next one is counted. A store small
 * enough to be analysed in one slice gets the new analysis when it reads it.
 */
import type { JobAnalysis, JobListParams, JobSummary } from '../model/index.js';
import type { AnalysisPass, AnalysisScratch } from './analysis-pass.js';
import type { MemoryEngine } from './memory-engine.js';

/** Runs `callback` in a task of its own soon, without the 4 ms clamp nested timeouts get. */
function nextTask(callback: () => void): () => void {
  if (typeof MessageChannel === 'undefined') {
    const timer = setTimeout(callback, 0);
    return () => clearTimeout(timer);
  }
  const channel = new MessageChannel();
  let cancelled = false;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) callback();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

interface Counted {
  /** The summary of the selection the analysis was begun for: a new one means the selection changed. */
  summary: JobSummary;
  params: JobListParams;
}

export class MemoryAnalysis {
  private shown: (Counted & { value: JobAnalysis }) | undefined;
  private running: (Counted & { pass: AnalysisPass }) | undefined;
  private cancelTask: (() => void) | undefined;
  /** The histograms each pass fills, kept for the next. */
  private readonly scratch: AnalysisScratch = {};

  constructor(
    private readonly engine: MemoryEngine,
    private readonly clock: () => number,
    /** A new analysis is ready; `live` when only live changes made it new (the query is the same). */
    private readonly changed: (live: boolean) => void,
    /** The longest slice of counting, in ms. */
    private readonly sliceMs = 8,
  ) {}

  /** Whether the analysis of a new query is being counted (one that live changes made new is not said). */
  get counting(): boolean {
    return this.running !== undefined && this.shown?.params !== this.running.params;
  }

  /**
   * The analysis of the selection whose summary is `summary`: the new one when one slice
   * counts it, else the last one while the new one is counted (a pass already under way
   * for the same query finishes first: live changes do not start it again).
   */
  read(summary: JobSummary, params: JobListParams): JobAnalysis | undefined {
    if (this.shown?.summary === summary) return this.shown.value;
    if (this.running?.params !== params) {
      this.cancel();
      this.running = { summary, params, pass: this.engine.startAnalysis(this.clock(), this.scratch) };
      this.slice(false);
    }
    return this.shown?.value;
  }

  /** Forgets the pass under way (the query changed, or the jobs were loaded again). */
  cancel(): void {
    this.cancelTask?.();
    this.cancelTask = undefined;
    this.running = undefined;
  }

  private slice(later: boolean): void {
    this.cancelTask = undefined;
    const run = this.running;
    if (!run) return;
    const done = this.engine.continueAnalysis(run.pass, performance.now() + this.sliceMs);
    if (done === undefined) {
      // The jobs were loaded again: begin anew over them.
      run.pass = this.engine.startAnalysis(this.clock(), this.scratch);
    }
    if (!done) {
      this.cancelTask = nextTask(() => this.slice(true));
      return;
    }
    const live = this.shown?.params === run.params;
    this.shown = { summary: run.summary, params: run.params, value: run.pass.result() };
    this.running = undefined;
    if (later) this.changed(live);
  }
}
