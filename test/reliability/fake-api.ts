/**
 * The HTTP contract over an array of jobs, behind a fake `fetch` (see
 * `../source/fake-fetch.ts`), with the query semantics of `job-query.ts`. A test swaps the
 * answer of any path for a body no honest server sends, and writes live events itself.
 */
import {
  DATA_ADMINISTRATOR,
  type ClusterNode,
  type FileListParams,
  type Job,
  type JobListParams,
  type JobState,
  type JobType,
  type LiveEvent,
  type SortKey,
  type SortOrder,
} from '../../src/model/index.js';
import { jobComparator, jobMatcher, summarize } from '../../src/source/job-query.js';
import { FakeFetch, eventStream, json, reply, type FakeBody, type FakeRequest } from '../source/fake-fetch.js';
import { hostileFilePages } from './payloads.js';

/** A replacement answer: a status, a raw body and its type. */
export interface RawAnswer {
  status?: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export class FakeApi {
  readonly jobs = new Map<string, Job>();
  nodes: ClusterNode[];
  now: number;
  session = { user: { name: 'admin', roles: [DATA_ADMINISTRATOR] } };
  /** Path (after the base) → what to answer instead; `undefined` from the function means "answer normally". */
  readonly overrides = new Map<string, (request: FakeRequest) => RawAnswer | undefined>();
  /** Runs before a request is answered normally: a test holds an answer back until it resolves. */
  before: (request: FakeRequest) => Promise<void> | void = () => {};
  /** Open event streams, newest last. */
  readonly streams: FakeBody[] = [];
  readonly fake: FakeFetch;
  private seq = 0;

  constructor(jobs: Iterable<Job>, nodes: ClusterNode[], now: number) {
    for (const job of jobs) this.jobs.set(job.id, job);
    this.nodes = nodes;
    this.now = now;
    this.fake = new FakeFetch((request) => this.answer(request));
  }

  get fetch(): typeof fetch {
    return this.fake.fetch;
  }

  /** Requests made to a path (after the base). */
  requestsTo(path: string): FakeRequest[] {
    return this.fake.requests.filter((r) => r.path === `/api/v1${path}`);
  }

  /** Changes a job on the server and tells every open stream. */
  change(job: Job, type: 'job.created' | 'job.updated' = this.jobs.has(job.id) ? 'job.updated' : 'job.created'): number {
    this.jobs.set(job.id, job);
    return this.sendEvent({ type, seq: ++this.seq, job });
  }

  /** Writes one event (any data, even broken) to every open stream; returns its seq. */
  sendEvent(data: LiveEvent | { seq: number; [key: string]: unknown }, seq = (data as { seq: number }).seq): number {
    const text = `id: ${seq}\nevent: ${'type' in data && data.type === 'resync' ? 'resync' : 'job'}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.streams) stream.send(text);
    return seq;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  private async answer(request: FakeRequest): Promise<Response> {
    await this.before(request);
    const path = request.path.replace(/^\/api\/v1/, '');
    const override = this.overrides.get(path)?.(request);
    if (override) {
      return reply(request, override.status ?? 200, override.body, {
        'Content-Type': override.contentType ?? 'application/json',
        ...override.headers,
      });
    }
    const search = request.url.searchParams;
    if (path === '/session') return json(request, this.session);
    if (path === '/nodes') return json(request, { items: this.nodes });
    if (path === '/events') {
      const { response, body } = eventStream(request);
      this.streams.push(body);
      body.send(`: hello\nid: ${this.seq}\n\n`);
      return response;
    }
    if (path === '/jobs' || path === '/jobs/summary') {
      const params = paramsOf(search);
      const rows = [...this.jobs.values()].filter(jobMatcher(params));
      if (path === '/jobs/summary')
        return json(
          request,
          summarize(
            rows,
            params,
            this.nodes.map((n) => n.id),
            this.now,
          ),
        );
      rows.sort(jobComparator(params.sort, params.order));
      const offset = Number(search.get('offset') ?? 0);
      const limit = Number(search.get('limit') ?? 100);
      return json(request, { items: rows.slice(offset, offset + limit), nextCursor: null, total: rows.length });
    }
    const files = /^\/jobs\/([^/]+)\/files$/.exec(path);
    if (files) {
      const params: FileListParams = { offset: Number(search.get('offset') ?? 0), limit: Number(search.get('limit') ?? 100) };
      if (search.get('failedFirst')) params.failedFirst = true;
      return json(request, hostileFilePages()(decodeURIComponent(files[1]!), params));
    }
    const one = /^\/jobs\/([^/]+)$/.exec(path);
    if (one) {
      const job = this.jobs.get(decodeURIComponent(one[1]!));
      return job ? json(request, job) : json(request, { error: { code: 'not_found', message: 'No such job.' } }, 404);
    }
    return json(request, { error: { code: 'not_found', message: `No route ${path}.` } }, 404);
  }
}

function paramsOf(search: URLSearchParams): JobListParams {
  const params: JobListParams = {};
  const since = search.get('since');
  const until = search.get('until');
  if (since) params.since = since;
  if (until) params.until = until;
  if (search.getAll('state').length) params.state = search.getAll('state') as JobState[];
  if (search.getAll('node').length) params.node = search.getAll('node');
  if (search.getAll('type').length) params.type = search.getAll('type') as JobType[];
  if (search.getAll('stage').length) params.stage = search.getAll('stage');
  if (search.get('q')) params.q = search.get('q')!;
  if (search.get('sort')) params.sort = search.get('sort') as SortKey;
  if (search.get('order')) params.order = search.get('order') as SortOrder;
  return params;
}
