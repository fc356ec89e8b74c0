// The previous design of the reference server's `/jobs` and `/jobs/summary`, kept as the
// remote scenarios' baseline: the cluster's jobs as objects, filtered with `jobMatcher`
// and sorted with `jobComparator` into arrays, cached per query for one version of the
// data (which every live change moves on), summaries by `summarize()` over the selection.
import { indexAfterCursor, jobComparator, jobMatcher, summarize } from '../../dist/source/job-query.js';
import { analyze } from '../../dist/source/job-analysis.js';

const CACHED_QUERIES = 32;

/** A small least-recently-used map whose entries hold for one version of the data. */
class VersionedCache {
  entries = new Map();
  get(version, key, make) {
    const hit = this.entries.get(key);
    this.entries.delete(key);
    const entry = hit && hit.version === version ? hit : { version, value: make() };
    this.entries.set(key, entry);
    if (this.entries.size > CACHED_QUERIES) this.entries.delete(this.entries.keys().next().value);
    return entry.value;
  }
}

function filterKey(p) {
  const sorted = (values) => (values ? [...new Set(values)].sort() : []);
  return JSON.stringify([
    p.since ?? null,
    p.until ?? null,
    sorted(p.state),
    sorted(p.node),
    sorted(p.type),
    sorted(p.stage),
    (p.q ?? '').trim().toLowerCase(),
  ]);
}

/** The previous design over `cluster` (its `jobs()` are its objects). */
export function plainQueries(cluster) {
  const filtered = new VersionedCache();
  const sorted = new VersionedCache();
  const summaries = new VersionedCache();
  const nodeIds = cluster.nodes.map((node) => node.id);
  const version = () => `${cluster.lastSeq}:${cluster.size}`;
  const select = (params) => {
    const all = filtered.get(version(), '*', () => [...cluster.jobs()]);
    return filtered.get(version(), filterKey(params), () => all.filter(jobMatcher(params)));
  };
  const selectSorted = (params) => {
    const sort = params.sort ?? 'createdAt';
    const order = params.order ?? 'desc';
    return sorted.get(version(), `${filterKey(params)}|${sort}|${order}`, () => [...select(params)].sort(jobComparator(sort, order)));
  };
  return {
    page(params, start, limit) {
      const rows = selectSorted(params);
      const first =
        'offset' in start
          ? Math.min(start.offset, rows.length)
          : indexAfterCursor(rows, { ...start, sort: params.sort ?? 'createdAt', order: params.order ?? 'desc' });
      const items = rows.slice(first, first + limit);
      return { items, total: rows.length, more: first + items.length < rows.length };
    },
    summary(params) {
      const now = cluster.now;
      const key = params.until === undefined ? `${version()}:${now}` : version();
      return summaries.get(key, filterKey(params), () => summarize(select(params), params, nodeIds, now));
    },
    analysis(params, now = cluster.now) {
      return analyze(select(params), params, now);
    },
    clear() {},
  };
}
