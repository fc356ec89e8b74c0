/**
 * The hostile corpus: what a compromised or broken server could put in every string it
 * sends, and answers that break the contract. Each XSS payload, if it ever ran, would set
 * `window.__pwned` (see `trap.ts`), so a test knows for sure that nothing executed.
 */
import type { ClusterNode, FileListParams, FilePage, FileStatus, Job, JobFile, JobType } from '../../src/model/index.js';

/** Markup, script and template injections. Each one sets `window.__pwned` if it runs. */
export const XSS = [
  `<img src=x onerror="window.__pwned='img'">`,
  `"><img src=x onerror=window.__pwned='attr'>`,
  `'><svg onload="window.__pwned='svg'"></svg>`,
  `</script><script>window.__pwned='script'</script>`,
  `</title><script>window.__pwned='title'</script>`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `<a href="javascript:window.__pwned='link'">click</a>`,
  `javascript:window.__pwned='url'`,
  `data:text/html,<script>window.__pwned='data'</script>`,
  `<style>*{display:none!important}</style>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'">`,
  `<details open ontoggle="window.__pwned='toggle'">`,
  `<input autofocus onfocus="window.__pwned='focus'">`,
  `{{constructor.constructor('window.__pwned="angular"')()}}`,
  '${window.__pwned="template"}',
  '#{window.__pwned}',
  '<%= window.__pwned %>',
  '{message} {name} {count}',
  "$& $' $` $1",
  '&lt;b&gt;not bold&lt;/b&gt; &amp;amp;',
  '<!-- comment --><!',
  `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;`,
  "' OR 1=1 --",
  '=HYPERLINK("http://evil","x")',
] as const;

/** Text that is not markup but is easy to get wrong: direction, controls, widths, surrogates. */
export const ODD = [
  'bidi \u202Egnp.exe \u202C done',
  'invoice\u202Efdp.exe',
  'every hidden control: \u200B\u200C\u200D\u200E\u200F \u202A\u202B\u202C\u202D\u202E \u2066\u2067\u2068\u2069 end',
  '\u2066isolate\u2069 \u200F rtl mark',
  'NUL \u0000 in the middle',
  Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('') + '\u007F\u0085\u2028\u2029',
  '\u001B[31mANSI red\u001B[0m',
  'zero\u200Bwidth\uFEFF',
  '𝕳𝖔𝖘𝖙𝖎𝖑𝖊 👩‍💻🏳️‍🌈',
  'lone \uD800 surrogate',
  'RTL עברית العربية',
  'İstanbul ß ǅ Σσς K',
  'e\u0301 combining',
  '   ',
  '__proto__',
  'constructor',
  '../../../etc/passwd',
  'C:\\Windows\\System32\\cmd.exe',
  '%00%3Cscript%3E',
] as const;

export const HOSTILE_STRINGS: readonly string[] = [...XSS, ...ODD];

/** Payloads that must not run: the marker they would set. */
export const PWN_MARKER = '__pwned';

/** A string of about `bytes` UTF-8 bytes, starting with a payload so its head is recognisable. */
export function hugeString(bytes = 1 << 20, head: string = XSS[0]): string {
  // 'Ω<x>&' is six UTF-8 bytes.
  return `${head} ${'Ω<x>&'.repeat(Math.ceil(bytes / 6))}`;
}

const TYPES: readonly JobType[] = ['DESTAGING', 'VERSIONING', 'ARCHIVING', 'STORAGE', 'COPY', 'DUPLICATION'];

/** A string the contract requires to be non-empty. */
function nonEmpty(text: string): string {
  return text === '' ? '?' : text;
}

/** The progress of a job of `type` with `text` in each of its strings. */
function progressOf(type: JobType, text: string): Job['progress'] {
  const files = { total: 5000, done: 1200, failed: 34 };
  const bytes = { total: 4_000_000_000, done: 1_234_000_000 };
  switch (type) {
    case 'DESTAGING':
      return { files, bytes, share: text };
    case 'VERSIONING':
      return { files, bytes, share: text, policy: text, versionsHandled: 3 };
    case 'ARCHIVING':
      return { files, bytes, share: text, target: { medium: 'TAPE', name: text } };
    case 'STORAGE':
      return { files, bytes, share: text, copiesMade: 2 };
    case 'COPY':
      return { files, bytes, client: text, origin: 'ACCOPY' };
    case 'DUPLICATION':
      return { files, bytes, sourceTape: text, targetTape: text, mode: text };
  }
}

export const HOSTILE_NOW = Date.parse('2025-10-23T12:00:00Z');

/**
 * Nodes whose ids and names are payloads. Names are what users read; ids are what the
 * elements use as keys, attribute values and filter values.
 */
export const HOSTILE_NODES: ClusterNode[] = [
  { id: XSS[0], name: XSS[3], online: true },
  { id: '__proto__', name: XSS[1], online: true },
  { id: 'constructor', name: ODD[0], online: false },
  { id: `node"]; [data-x="`, name: XSS[13], online: true },
];

/** A lone surrogate made U+FFFD, as `String.prototype.toWellFormed` does. */
export function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

/**
 * Job number `i`: every server string holds payload number `i` of `strings` (name,
 * description, stage, progress texts; the id too, made well-formed: see `LONE_SURROGATE_ID`),
 * on one of the hostile nodes.
 */
export function hostileJob(i: number, strings: readonly string[] = HOSTILE_STRINGS, now = HOSTILE_NOW): Job {
  const text = strings[i % strings.length]!;
  const type = TYPES[i % TYPES.length]!;
  const created = now - (i + 1) * 60_000;
  const state = (['SCHEDULED', 'RUNNING', 'SUCCESSFUL', 'UNSUCCESSFUL'] as const)[i % 4]!;
  return {
    id: `${i}:${wellFormed(text)}`,
    name: nonEmpty(text),
    type,
    description: text,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created + 30_000).toISOString(),
    startedAt: state === 'SCHEDULED' ? null : new Date(created).toISOString(),
    finishedAt: state === 'SUCCESSFUL' || state === 'UNSUCCESSFUL' ? new Date(created + 30_000).toISOString() : null,
    node: HOSTILE_NODES[i % HOSTILE_NODES.length]!.id,
    state,
    stage: nonEmpty(text),
    version: 1,
    progress: progressOf(type, text),
  } as Job;
}

/** A job id JSON can carry (`"\ud800"`) that `encodeURIComponent` throws on. */
export const LONE_SURROGATE_ID = 'job-\uD800-lone';

/** One job per hostile string. */
export function hostileJobs(strings: readonly string[] = HOSTILE_STRINGS): Job[] {
  return strings.map((_, i) => hostileJob(i, strings));
}

const FILE_STATUSES: readonly FileStatus[] = ['FAILED', 'DESTAGED', 'PENDING', 'SKIPPED'];

/** The files of any job: paths and failure reasons are payloads. */
export function hostileFiles(count = HOSTILE_STRINGS.length): JobFile[] {
  return Array.from({ length: count }, (_, i) => {
    const status = FILE_STATUSES[i % FILE_STATUSES.length]!;
    return {
      path: nonEmpty(HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!),
      status,
      size: i * 1_000_003,
      reason: status === 'FAILED' ? HOSTILE_STRINGS[(i + 5) % HOSTILE_STRINGS.length]! : null,
    };
  });
}

/** A `files` option for `MemoryJobSource`: the hostile files, filtered and paged as asked. */
export function hostileFilePages(files: JobFile[] = hostileFiles()) {
  return (_jobId: string, params: FileListParams): FilePage => {
    const byStatus: Partial<Record<FileStatus, number>> = {};
    for (const file of files) byStatus[file.status] = (byStatus[file.status] ?? 0) + 1;
    let selected = params.status?.length ? files.filter((f) => params.status!.includes(f.status)) : [...files];
    if (params.failedFirst) selected = [...selected.filter((f) => f.status === 'FAILED'), ...selected.filter((f) => f.status !== 'FAILED')];
    const start = params.cursor ? Number(params.cursor) : (params.offset ?? 0);
    const limit = params.limit ?? 100;
    const end = Math.min(selected.length, start + limit);
    return { items: selected.slice(start, end), nextCursor: end < selected.length ? String(end) : null, total: selected.length, byStatus };
  };
}

/** The Data Administrator's name a hostile server reports. */
export const HOSTILE_USER = `${XSS[0]} ${ODD[0]}`;

// ---- answers that break the contract ----------------------------------------------------

/** A valid job to start from (what a sane server sends). */
export function saneJob(i: number, now = HOSTILE_NOW): Job {
  return {
    id: `job-${i}`,
    name: `Copy:ws-${i}`,
    type: 'COPY',
    description: `Copy of files to ws-${i}`,
    createdAt: new Date(now - i * 60_000).toISOString(),
    updatedAt: new Date(now - i * 60_000 + 1000).toISOString(),
    startedAt: new Date(now - i * 60_000).toISOString(),
    finishedAt: null,
    node: 'node-1',
    state: 'RUNNING',
    stage: 'IN_PROGRESS',
    version: 1,
    progress: { files: { total: 10, done: 3, failed: 0 }, bytes: { total: 100, done: 30 }, client: 'ws', origin: 'ACCOPY' },
  };
}

/** One broken job: what is wrong, and the job as a server sent it. */
export interface BrokenJob {
  label: string;
  job: unknown;
}

function without(job: Job, field: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...job };
  delete copy[field];
  return copy;
}

/** Jobs that break the contract, each in one way; a source must skip each with a message naming the field. */
export function brokenJobs(now = HOSTILE_NOW): BrokenJob[] {
  const j = (i: number) => saneJob(100 + i, now);
  return [
    { label: 'missing id', job: without(j(0), 'id') },
    { label: 'empty id', job: { ...j(1), id: '' } },
    { label: 'numeric id', job: { ...j(2), id: 42 } },
    { label: 'missing state', job: without(j(3), 'state') },
    { label: 'unknown state', job: { ...j(4), state: 'EXPLODED' } },
    { label: 'unknown type', job: { ...j(5), type: 'TELEPORT' } },
    { label: 'impossible date', job: { ...j(6), createdAt: '2025-02-30T10:00:00Z' } },
    { label: 'date without zone', job: { ...j(7), updatedAt: '2025-10-23T10:00:00' } },
    { label: 'date as a number', job: { ...j(8), createdAt: 1761214988000 } },
    { label: 'negative count', job: { ...j(9), progress: { ...j(9).progress, files: { total: -1, done: 0, failed: 0 } } } },
    { label: 'fractional count', job: { ...j(10), progress: { ...j(10).progress, files: { total: 1.5, done: 0, failed: 0 } } } },
    { label: 'NaN-like count', job: { ...j(11), progress: { ...j(11).progress, bytes: { total: 'NaN', done: 0 } } } },
    { label: 'null version', job: { ...j(12), version: null } },
    { label: 'negative version', job: { ...j(13), version: -3 } },
    { label: 'progress of another type', job: { ...j(14), type: 'DUPLICATION' } },
    { label: 'null job', job: null },
    { label: 'array job', job: [j(15)] },
    { label: 'string job', job: JSON.stringify(j(16)) },
    { label: 'empty stage', job: { ...j(17), stage: '' } },
    { label: 'name as object', job: { ...j(18), name: { toString: 'x' } } },
  ];
}

/**
 * Jobs a newer server may send, as JSON text: unknown extra fields (one named `__proto__`)
 * and an unknown stage. These must be kept, the stage shown as it comes.
 */
export function acceptableOddJobs(now = HOSTILE_NOW): { id: string; stage: string; json: string }[] {
  const unknownStage = { ...saneJob(200, now), stage: 'QUANTUM_FLUX_INTERRUPTED', extra: { nested: true } };
  const futureField = { ...saneJob(201, now), progress: { ...saneJob(201, now).progress, future: 'field' } };
  return [
    {
      id: unknownStage.id,
      stage: unknownStage.stage,
      json: JSON.stringify(unknownStage).replace(/^\{/, '{"__proto__":{"polluted":true},'),
    },
    { id: futureField.id, stage: futureField.stage, json: JSON.stringify(futureField) },
  ];
}

/** Whole bodies of `GET /jobs` that break the contract: the page is refused, nothing applied. */
export const BROKEN_JOB_PAGES: { label: string; body: string; contentType?: string }[] = [
  { label: 'non-JSON', body: '{"items": [{"id": "j1", "na' },
  { label: 'HTML error page with 200', body: '<!doctype html><h1>Proxy error</h1>', contentType: 'text/html' },
  { label: 'items not an array', body: JSON.stringify({ items: {}, nextCursor: null, total: 1 }) },
  { label: 'negative total', body: JSON.stringify({ items: [], nextCursor: null, total: -5 }) },
  { label: 'fractional total', body: JSON.stringify({ items: [], nextCursor: null, total: 2.5 }) },
  { label: 'total as a string', body: JSON.stringify({ items: [], nextCursor: null, total: '3' }) },
  { label: 'missing nextCursor', body: JSON.stringify({ items: [], total: 0 }) },
  { label: 'null body', body: 'null' },
  { label: 'array body', body: '[]' },
  { label: 'empty body', body: '' },
];

/** Summaries that break the contract in their counts (what the generated schema must refuse). */
export function brokenSummaries(): { label: string; patch: (summary: Record<string, unknown>) => void }[] {
  return [
    { label: 'negative byState count', patch: (s) => void ((s['byState'] as Record<string, number>)['RUNNING'] = -1) },
    { label: 'fractional byType count', patch: (s) => void ((s['byType'] as Record<string, number>)['COPY'] = 0.5) },
    { label: 'string byNode count', patch: (s) => void ((s['byNode'] as Record<string, unknown>)['node-1'] = 'many') },
    { label: 'negative byNode count', patch: (s) => void ((s['byNode'] as Record<string, unknown>)['node-1'] = -7) },
    {
      label: 'negative byNodeState count',
      patch: (s) => void ((s['byNodeState'] as Record<string, Record<string, number>>)['node-1']!['SCHEDULED'] = -2),
    },
    {
      label: 'byNodeState missing a state',
      patch: (s) => void delete (s['byNodeState'] as Record<string, Record<string, number>>)['node-1']!['RUNNING'],
    },
    {
      label: 'negative timeline count',
      patch: (s) => void ((s['timeline'] as { counts: Record<string, number[]> }).counts['node-1']![0] = -1),
    },
    {
      label: 'timeline counts not a list',
      patch: (s) => void ((s['timeline'] as { counts: Record<string, unknown> }).counts['node-1'] = 3),
    },
  ];
}
