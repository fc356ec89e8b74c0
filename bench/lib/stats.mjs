// Summaries of repeated measurements.

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function summary(values) {
  const finite = values.filter((v) => typeof v === 'number' && !Number.isNaN(v));
  return {
    median: quantile(finite, 0.5),
    min: Math.min(...finite),
    max: Math.max(...finite),
    n: finite.length,
    values: finite,
  };
}

export const median = (values) => quantile(values, 0.5);
export const sum = (values) => values.reduce((a, b) => a + b, 0);
/** The `key` of each run's result: `pick(r.ours, 'ms')`, the samples of a row. */
export const pick = (results, key) => results.map((r) => r[key]);
