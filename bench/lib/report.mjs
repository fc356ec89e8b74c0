// The table: one row per figure, ours and the baseline measured in the same run, their
// ratio, and the budget with pass/fail. Printed as text and written as JSON.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { summary } from './stats.mjs';

const UNITS = {
  ms: (v) => `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ms`,
  us: (v) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} µs`,
  s: (v) => `${v.toFixed(2)} s`,
  MB: (v) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} MB`,
  KB: (v) => `${v.toFixed(1)} KB`,
  B: (v) => `${Math.round(v)} B`,
  count: (v) => `${Math.round(v)}`,
  x: (v) => `${v.toFixed(2)}×`,
  flag: (v) => (v ? 'yes' : 'no'),
};

export function format(value, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  return (UNITS[unit] ?? ((v) => String(v)))(value);
}

/** `1,000,000`: a count as the rows write it. */
export const n = (count) => count.toLocaleString('en');

/** The longest animation frame of the runs (their `longestFrame`), with what took its time. */
export function longestFrameNote(runs) {
  const frame = runs.map((run) => run.longestFrame).reduce((a, b) => ((b?.duration ?? 0) > (a?.duration ?? 0) ? b : a), undefined);
  if (!frame) return 'no animation frame over 50 ms';
  return `longest animation frame ${format(frame.duration, 'ms')} (scripts ${format(frame.scriptMs, 'ms')}, style, layout and paint ${format(frame.renderMs, 'ms')})`;
}

function spread(s, unit) {
  if (s.n <= 1 || unit === 'flag') return format(s.median, unit);
  return `${format(s.median, unit)} (${format(s.min, unit)}–${format(s.max, unit)})`;
}

/**
 * A row: `ours` samples, optional `baseline` {name, samples}, `check(ours, base)` giving
 * true/false against the budget (summaries: median, min, max), or none for a figure
 * without one. A `correctness` row checks a result, not a speed: a smoke run fails on it.
 */
export function row({ scenario, figure, unit, ours, baseline, budget, check, ratio = true, note, correctness = false }) {
  const o = summary(ours);
  const b = baseline ? summary(baseline.samples) : undefined;
  const r = ratio && b && b.median ? o.median / b.median : undefined;
  const pass = check && o.n ? Boolean(check(o, b)) : check ? false : null;
  return {
    scenario,
    figure,
    unit,
    ours: { median: o.median, min: o.min, max: o.max, samples: o.values },
    baseline: b && { name: baseline.name, median: b.median, min: b.min, max: b.max, samples: b.values },
    ratio: r,
    budget: budget ?? '—',
    pass,
    correctness,
    note,
  };
}

/** A row for something that could not be measured, with the reason. */
export function notMeasured(scenario, figure, reason, budget) {
  return {
    scenario,
    figure,
    unit: 'ms',
    ours: undefined,
    baseline: undefined,
    ratio: undefined,
    budget: budget ?? '—',
    pass: null,
    correctness: false,
    note: `not measured: ${reason}`,
  };
}

export function renderTable(rows) {
  const header = ['Scenario', 'Figure', 'Ours: median (min–max)', 'Baseline: median (min–max)', 'Ratio', 'Budget', 'Result', 'Notes'];
  const lines = rows.map((r) => [
    r.scenario,
    r.figure,
    r.ours ? spread({ ...r.ours, n: r.ours.samples.length }, r.unit) : (r.note ?? '—'),
    r.baseline ? `${r.baseline.name}: ${spread({ ...r.baseline, n: r.baseline.samples.length }, r.unit)}` : '—',
    r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}×`,
    r.budget,
    r.pass === null ? (r.ours ? '—' : 'not measured') : r.pass ? 'PASS' : 'FAIL',
    r.ours ? (r.note ?? '') : '',
  ]);
  const md = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...lines.map((cells) => `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`),
  ];
  return md.join('\n');
}

function osName() {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) return `${pretty[1]} (${type()} ${release()})`;
  } catch {
    // Not Linux: the kernel's name will do.
  }
  return `${type()} ${release()}`;
}

function cpuModel() {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  if (model.trim().length > 12) return model.trim();
  try {
    // Some virtual machines report a short model: lscpu may know more.
    const line = execFileSync('lscpu', { encoding: 'utf8' })
      .split('\n')
      .find((l) => l.startsWith('Model name:'));
    if (line) return line.slice('Model name:'.length).trim();
  } catch {
    // No lscpu: keep what Node said.
  }
  return model.trim();
}

export function machine() {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    os: osName(),
    node: process.version,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  };
}
