// Filter and search changes, and aggregates from scratch, over every job in memory: the
// store's indexed engine against `Array.prototype.filter` over the plain objects and a
// raw typed-array scan (the floor: the same predicate, no order, no counts).
import { defaultQuery, JOB_STATES, JOB_TYPES } from '../../dist/model/index.js';
import { jobMatcher, normalizeSearch, toListParams } from '../../dist/source/job-query.js';
import { smallStore, world } from './world.js';

const query = (patch) => ({ ...defaultQuery(), ...patch });

/** From one query to the next: filters, searches from none and refined, a sort. */
const CASES = [
  ['filter: state', query({ states: ['RUNNING', 'SCHEDULED'] }), query({ states: ['SUCCESSFUL'] })],
  [
    'filter: node + type, search on',
    query({ q: 'tape', nodes: ['node-1', 'node-2'] }),
    query({ q: 'tape', nodes: ['node-3'], types: ['DUPLICATION', 'ARCHIVING'] }),
  ],
  ['filter: last 7 days, unsuccessful', query({}), query({ period: { kind: 'last-days', days: 7 }, states: ['UNSUCCESSFUL'] })],
  ['search "media" from none', query({}), query({ q: 'media' })],
  ['search "d" from none', query({}), query({ q: 'd' })],
  ['search "d" -> "du"', query({ q: 'd' }), query({ q: 'du' })],
  ['search "dup" -> "dupl"', query({ q: 'dup' }), query({ q: 'dupl' })],
  ['sort: name -> created', query({ sort: 'name' }), query({ sort: 'createdAt' })],
];

/** Rows a list shows on a first screen. */
const FIRST_ROWS = 50;

function ours(store, q) {
  const started = performance.now();
  store.setQuery(q);
  const total = store.total;
  for (let i = 0; i < Math.min(FIRST_ROWS, total); i++) store.jobAt(i);
  return { ms: performance.now() - started, selected: total };
}

function plainFilter(q) {
  const started = performance.now();
  const selected = world.jobs.filter(jobMatcher(toListParams(q, world.firehose.now))).length;
  return { ms: performance.now() - started, selected };
}

/** The history as typed-array columns with string dictionaries, built once (untimed). */
let raw;
function rawColumns() {
  if (raw && raw.size === world.jobs.length) return raw;
  const jobs = world.jobs;
  const n = jobs.length;
  const dict = () => ({ ids: new Map(), values: [] });
  const encode = (d, v) => {
    let id = d.ids.get(v);
    if (id === undefined) d.ids.set(v, (id = d.values.push(v) - 1));
    return id;
  };
  const names = dict();
  const descriptions = dict();
  const nodes = dict();
  raw = {
    size: n,
    state: new Uint8Array(n),
    type: new Uint8Array(n),
    node: new Uint16Array(n),
    name: new Uint32Array(n),
    description: new Uint32Array(n),
    createdAt: new Float64Array(n),
    finishedAt: new Float64Array(n),
    names: names.values,
    descriptions: descriptions.values,
    nodes,
    out: new Uint32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const job = jobs[i];
    raw.state[i] = JOB_STATES.indexOf(job.state);
    raw.type[i] = JOB_TYPES.indexOf(job.type);
    raw.node[i] = encode(nodes, job.node);
    raw.name[i] = encode(names, job.name);
    raw.description[i] = encode(descriptions, job.description);
    raw.createdAt[i] = Date.parse(job.createdAt);
    raw.finishedAt[i] = job.finishedAt === null ? NaN : Date.parse(job.finishedAt);
  }
  raw.names = names.values.map((s) => s.toLowerCase());
  raw.descriptions = descriptions.values.map((s) => s.toLowerCase());
  return raw;
}

function mask(size, on) {
  const m = new Uint8Array(size);
  for (const i of on) if (i >= 0) m[i] = 1;
  return m;
}

function rawScan(q) {
  const c = rawColumns();
  const started = performance.now();
  const p = toListParams(q, world.firehose.now);
  const states = p.state?.length
    ? mask(
        4,
        p.state.map((s) => JOB_STATES.indexOf(s)),
      )
    : undefined;
  const types = p.type?.length
    ? mask(
        6,
        p.type.map((t) => JOB_TYPES.indexOf(t)),
      )
    : undefined;
  const nodes = p.node?.length
    ? mask(
        c.nodes.values.length,
        p.node.map((id) => c.nodes.ids.get(id) ?? -1),
      )
    : undefined;
  const since = p.since ? Date.parse(p.since) : -Infinity;
  const until = p.until ? Date.parse(p.until) : Infinity;
  const needle = normalizeSearch(p.q);
  let nameHits;
  let descriptionHits;
  let typeHits;
  if (needle) {
    nameHits = Uint8Array.from(c.names, (s) => (s.includes(needle) ? 1 : 0));
    descriptionHits = Uint8Array.from(c.descriptions, (s) => (s.includes(needle) ? 1 : 0));
    typeHits = Uint8Array.from(JOB_TYPES, (t) => (t.toLowerCase().includes(needle) ? 1 : 0));
  }
  const out = c.out;
  let k = 0;
  for (let i = 0; i < c.size; i++) {
    if (states && !states[c.state[i]]) continue;
    if (types && !types[c.type[i]]) continue;
    if (nodes && !nodes[c.node[i]]) continue;
    if (!(c.createdAt[i] < until) || c.finishedAt[i] < since) continue;
    if (needle && !typeHits[c.type[i]] && !nameHits[c.name[i]] && !descriptionHits[c.description[i]]) continue;
    out[k++] = i;
  }
  return { ms: performance.now() - started, selected: k };
}

/**
 * One run of every case with one variant: `ours` (the store: the change, the count and
 * the first rows in order), `filter` (Array.filter), `raw` (typed-array scan).
 * The store is left on the default query.
 */
export function filterRun(variant) {
  const store = world.store;
  if (variant === 'raw') rawColumns();
  const cases = [];
  for (const [label, from, to] of CASES) {
    let result;
    if (variant === 'ours') {
      ours(store, from);
      result = ours(store, to);
    } else if (variant === 'filter') {
      result = plainFilter(to);
    } else {
      result = rawScan(to);
    }
    cases.push({ label, ...result });
  }
  if (variant === 'ours') ours(store, defaultQuery());
  const times = cases.map((c) => c.ms);
  return {
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    maxMs: Math.max(...times),
    cases,
  };
}

/** Sort keys other than the default whose orders the store keeps once asked for. */
const OTHER_SORTS = ['updatedAt', 'description', 'state'];

/** The first sort by each key builds its permutation of every row; once a page. */
export function firstSorts() {
  const store = world.store;
  const times = {};
  for (const key of OTHER_SORTS) {
    ours(store, defaultQuery());
    times[key] = ours(store, query({ sort: key })).ms;
  }
  ours(store, defaultQuery());
  return times;
}

/** Gives a store the sort orders the filter scenario built on the store of every job, so both keep as many up to date. */
const sorted = new WeakSet();
function sameOrders(store) {
  if (sorted.has(store)) return;
  for (const key of OTHER_SORTS) ours(store, query({ sort: key }));
  ours(store, defaultQuery());
  sorted.add(store);
}

/**
 * Aggregates of every job from scratch: ours, a query change back to every job until the
 * store's summary (by state, type, node, and the timeline per node) is read; against a
 * plain loop over the job objects.
 */
export function aggregatesRun(variant) {
  const store = world.store;
  if (variant === 'ours') {
    // From a narrow query, so nothing of every job's summary is at hand.
    store.setQuery(query({ states: ['RUNNING'] }));
    void store.total;
    void store.summary;
  }
  const started = performance.now();
  let total;
  if (variant === 'ours') {
    store.setQuery(defaultQuery());
    total = store.summary.total;
  } else {
    total = plainAggregates(world.jobs, world.firehose.now);
  }
  return { ms: performance.now() - started, total };
}

/** The obvious way: one pass for the counts and the dates, one for the timeline. */
function plainAggregates(jobs, now) {
  const byState = {};
  const byType = {};
  const byNode = {};
  const created = new Float64Array(jobs.length);
  let oldest = Infinity;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i];
    byState[job.state] = (byState[job.state] ?? 0) + 1;
    byType[job.type] = (byType[job.type] ?? 0) + 1;
    byNode[job.node] = (byNode[job.node] ?? 0) + 1;
    const t = Date.parse(job.createdAt);
    created[i] = t;
    if (t < oldest) oldest = t;
  }
  const bucketMs = 86_400_000;
  const from = Math.floor(oldest / bucketMs) * bucketMs;
  const buckets = Math.ceil((now - from) / bucketMs);
  const timeline = {};
  for (let i = 0; i < jobs.length; i++) {
    const node = jobs[i].node;
    (timeline[node] ??= new Array(buckets).fill(0))[Math.floor((created[i] - from) / bucketMs)]++;
  }
  return Object.values(byState).reduce((a, b) => a + b, 0);
}

/**
 * Live updates into the aggregates: `batch` changed jobs delivered to the store as its
 * source does (one live batch), then the summary read once (as one frame does), repeated
 * `batches` times. The cost per update should not depend on how many jobs the store
 * holds: compare the store of every job with one of `smallSize`. Runs after the live
 * scenario (it changes jobs behind the firehose's back).
 */
export async function liveAggregatesRun(variant, { batch, batches, smallSize }) {
  const store = variant === 'ours' ? world.store : (await smallStore(smallSize)).store;
  sameOrders(store);
  const jobs = world.jobs;
  const limit = variant === 'ours' ? jobs.length : Math.min(smallSize, jobs.length);
  // Every event made before any is timed: reading the held jobs makes objects (and garbage) that are no part of a merge.
  const versions = new Map();
  const all = [];
  let seed = 7;
  for (let b = 0; b < batches; b++) {
    const events = [];
    for (let k = 0; k < batch; k++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const held = store.getJob(jobs[seed % limit].id);
      const version = (versions.get(held.id) ?? held.version) + 1;
      versions.set(held.id, version);
      const finishing = k % 3 === 0;
      const job = {
        ...held,
        version,
        state: finishing ? 'SUCCESSFUL' : 'RUNNING',
        stage: finishing ? 'NORMALLY' : 'IN_PROGRESS',
        finishedAt: finishing ? held.updatedAt : null,
      };
      events.push({ type: 'job.updated', seq: ++liveSeq, job });
    }
    all.push(events);
  }
  let elapsed = 0;
  let applying = 0;
  let updates = 0;
  for (const events of all) {
    const started = performance.now();
    store.source.push({ events });
    const applied = performance.now();
    void store.summary;
    elapsed += performance.now() - started;
    applying += applied - started;
    updates += events.length;
  }
  return { usPerUpdate: (elapsed * 1000) / updates, usPerApply: (applying * 1000) / updates };
}

let liveSeq = 1e9;
