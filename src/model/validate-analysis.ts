/**
 * The check of `GET /jobs/analysis`, loaded with the view that reads it: its compiled
 * schema is a module of its own (`generated/analysis-validators.js`), so that the validators
 * every page loads beside its first request do not carry it.
 */
import * as analysisValidators from './generated/analysis-validators.js';
import { DURATION_BUCKETS_MS, TOP_JOBS, type DurationStats, type JobAnalysis } from './analysis.js';
import { make, type Validator } from './validate.js';

/** `GET /jobs/analysis`; its figures add up as the definitions say (`analysisMistake`). */
export const validateJobAnalysis: Validator<JobAnalysis> = withConsistentAnalysis(make('analysis', analysisValidators.validateJobAnalysis));

function withConsistentAnalysis(validate: Validator<JobAnalysis>): Validator<JobAnalysis> {
  return (data) => {
    const checked = validate(data);
    if (!checked.ok) return checked;
    const mistake = analysisMistake(checked.value);
    // The field at fault is what the sentence starts with.
    return mistake ? { ok: false, error: `analysis.${mistake}`, field: mistake.split(' ')[0]! } : checked;
  };
}

/**
 * What in an analysis the schema lets through but the definitions rule out (counts that
 * do not add up, series of different lengths, other buckets), as `field …`; undefined
 * when it holds together.
 */
function analysisMistake(analysis: JobAnalysis): string | undefined {
  const buckets = analysis.durationBucketsMs;
  if (buckets.length !== DURATION_BUCKETS_MS.length || buckets.some((ms, i) => ms !== DURATION_BUCKETS_MS[i])) {
    return `durationBucketsMs must be ${DURATION_BUCKETS_MS.join(', ')}`;
  }
  const ordered = (stats: DurationStats) =>
    stats.count === 0
      ? stats.median === null && stats.p95 === null && stats.max === null
      : stats.median !== null && stats.p95 !== null && stats.max !== null && stats.median <= stats.p95 && stats.p95 <= stats.max;
  for (const [i, cell] of analysis.cells.entries()) {
    const at = `cells[${i}]`;
    if (cell.finished > cell.jobs || cell.successful > cell.finished) return `${at} has more finished or successful jobs than jobs`;
    if (cell.wait.count > cell.jobs || cell.run.count > cell.finished) return `${at} has more durations than jobs`;
    if (!ordered(cell.wait) || !ordered(cell.run)) return `${at} has percentiles out of order or missing`;
    if (cell.runHistogram.length !== buckets.length) return `${at}.runHistogram must have ${buckets.length} counts`;
    if (cell.runHistogram.reduce((sum, n) => sum + n, 0) !== cell.run.count) return `${at}.runHistogram does not add up to run.count`;
  }
  const length = analysis.trends.nodes[0]?.finished.length;
  for (const [i, trend] of analysis.trends.nodes.entries()) {
    const series = [trend.finished, trend.failures, trend.p95RunMs, trend.bytes, trend.runMs, trend.bytesPerSecond];
    if (series.some((values) => values.length !== length)) return `trends.nodes[${i}] has series of different lengths`;
    if (trend.failures.some((n, b) => n > trend.finished[b]!)) return `trends.nodes[${i}] has more failures than finished jobs`;
  }
  if (analysis.slowest.length > TOP_JOBS || analysis.longestWaiting.length > TOP_JOBS) return `lists hold at most ${TOP_JOBS} jobs`;
  return undefined;
}
