/**
 * The HTTP contract (docs/http-contract.md) as a `JobSource`: typed calls over `fetch`, every answer
 * checked against the contract's schema, idempotent reads retried, and live events from
 * an event stream this code reads and reconnects itself (`live-connection.ts`, loaded
 * beside the first requests: a page needs it only once its first answers have come).
 */
import type {
  ClusterNode,
  FileListParams,
  Job,
  JobAnalysis,
  JobListParams,
  JobSummary,
  PageEnvelope,
  Session,
  Validator,
} from '../model/index.js';
import { DEFAULT_RETRY, type RetryOptions } from './backoff.js';
import { contractChecks, fileChecks, loadOnce } from './contract-checks.js';
import { HttpClient, type TokenProvider } from './http-client.js';
import {
  JobSourceError,
  type ConnectionState,
  type FilePageResult,
  type JobPageResult,
  type JobSource,
  type LiveBatch,
  type RejectedItems,
  type RejectedKind,
} from './job-source.js';
import { ListenerSet } from './listener-set.js';
import type { LiveConnection, LiveConnectionOptions } from './live-connection.js';
import { browserNetwork, documentVisibility, type NetworkStatus, type PageVisibility } from './page-lifecycle.js';

export interface HttpJobSourceOptions {
  /** Where the contract is served; relative to the page unless absolute. Default `/api/v1`. */
  baseUrl?: string;
  /** The `fetch` to use (a wrapper adding headers, a test double). Default: the page's. */
  fetch?: typeof fetch;
  /**
   * Whether the session cookie goes with every request and the live stream: `same-origin`
   * (default), or `include` for an API on another origin of the same site (which must
   * answer CORS with credentials for this page's origin).
   */
  credentials?: RequestCredentials;
  /**
   * A bearer token for every request and the live stream, from the portal's sign-in (see
   * `TokenProvider`): for an API on another site, where cookies are not sent.
   */
  token?: TokenProvider;
  /** Whether `subscribe` opens the live connection. Default true. */
  live?: boolean;
  /** Polling fallback: the least time between two polls that brought nothing. Default 5000 ms. */
  pollIntervalMs?: number;
  /** Polling fallback: how long the server may hold a poll open (it caps it at 25 s). Default 25000 ms. */
  pollWaitMs?: number;
  /** The server's heartbeat period; 2.5 times this without a byte means the stream is dead. Default 15000 ms. */
  heartbeatMs?: number;
  /** Retries of reads (and the pace of reconnections). Default 4 attempts, 500 ms base, 15 s max. */
  retry?: Partial<RetryOptions>;
  /** How long one request may wait for its answer. Default 30000 ms. */
  requestTimeoutMs?: number;
  /** How long a missing event is waited for before a `resync` is delivered instead. Default 2000 ms. */
  gapWindowMs?: number;
  /** Failed streams in a row (with no byte received) before the polling fallback is tried. Default 3. */
  streamFailuresBeforePolling?: number;
  /** On the polling fallback, how long before the event stream is tried again (doubled after each failed try). Default 60000 ms. */
  streamRetryMs?: number;
  /** Whether the page is seen. Default: the document's Page Visibility API. */
  visibility?: PageVisibility;
  /** Whether the browser is online. Default: `navigator.onLine` and the `online`/`offline` events. */
  network?: NetworkStatus;
}

/** The filters of a query, without its order and paging (what `/jobs/summary` takes). */
function filtersOf(params: JobListParams): JobListParams {
  const { since, until, state, node, type, stage, q } = params;
  return { since, until, state, node, type, stage, q };
}

/** `items[3] (id "j7")`: where a rejected item was, and which one when it says. */
function itemLabel(item: unknown, index: number, key: 'id' | 'path'): string {
  const name = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
  return typeof name === 'string' ? `items[${index}] (${key} ${JSON.stringify(name).slice(0, 80)})` : `items[${index}]`;
}

/** The items the contract allows, and a message and the field at fault for each of the others. */
function checkItems<T>(items: unknown[], validate: Validator<T>, key: 'id' | 'path'): { items: T[]; rejected: string[]; fields: string[] } {
  const kept: T[] = [];
  const rejected: string[] = [];
  const fields: string[] = [];
  items.forEach((item, index) => {
    const checked = validate(item);
    if (checked.ok) {
      kept.push(checked.value);
    } else {
      rejected.push(`${itemLabel(item, index, key)}: ${checked.error}`);
      fields.push(checked.field);
    }
  });
  return { items: kept, rejected, fields };
}

function checked<T>(validate: Validator<T>, body: unknown, label: string): T {
  const result = validate(body);
  if (!result.ok) throw new JobSourceError('bad-response', `${label} answered something the contract does not allow: ${result.error}.`);
  return result.value;
}

/** The live connection's code (the stream's reader and parser, the event sequencer, the reconnection loop), loaded once. */
const liveConnectionCode = loadOnce(() => import('./live-connection.js'), 'the code of the live connection');

/** The check of an analysis, loaded the first time one is asked for (a page without the analysis view never needs it). */
const analysisCheck = loadOnce(() => import('../model/validate-analysis.js'), "the code that checks the server's analysis");

const IDLE: ConnectionState = { status: 'idle' };

export class HttpJobSource implements JobSource {
  readonly #client: HttpClient;
  readonly #liveEnabled: boolean;
  readonly #liveOptions: LiveConnectionOptions;
  /** Made once its code has loaded, when the first subscriber came. */
  #live: LiveConnection | undefined;
  /** The connection's state before it is made: idle, or an error if its code could not load. */
  #unmade: ConnectionState = IDLE;
  readonly #subscribers = new ListenerSet<LiveBatch>();
  readonly #connectionListeners = new ListenerSet<ConnectionState>();
  readonly #rejectedListeners = new ListenerSet<RejectedItems>();
  /** Aborted by `close()`: every request still in flight then ends. */
  #lifetime = new AbortController();

  constructor(options: HttpJobSourceOptions = {}) {
    // Loaded beside the first requests, so that their answers do not wait for them.
    contractChecks().catch(() => {});
    const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#client = new HttpClient({
      baseUrl: options.baseUrl ?? '/api/v1',
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      credentials: options.credentials ?? 'same-origin',
      token: options.token,
      retry,
      requestTimeoutMs,
    });
    this.#liveEnabled = options.live ?? true;
    if (this.#liveEnabled) liveConnectionCode().catch(() => {});
    this.#liveOptions = {
      client: this.#client,
      path: '/events',
      backoff: retry,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
      pollWaitMs: options.pollWaitMs ?? 25_000,
      gapWindowMs: options.gapWindowMs ?? 2_000,
      streamFailuresBeforePolling: options.streamFailuresBeforePolling ?? 3,
      streamRetryMs: options.streamRetryMs ?? 60_000,
      requestTimeoutMs,
      visibility: options.visibility ?? documentVisibility(),
      network: options.network ?? browserNetwork(),
      deliver: (batch) => {
        if (batch.rejected?.length) this.#reportRejected('event', 'GET /events', batch.rejected, batch.rejectedFields ?? []);
        this.#subscribers.emit(batch);
      },
      setState: (state) => this.#connectionListeners.emit(state),
    };
  }

  /** The nodes; one that breaks the contract is left out (and told), the others kept: its jobs show under its id. */
  async listNodes(signal?: AbortSignal): Promise<ClusterNode[]> {
    const body = await this.#client.getJson('/nodes', { signal: this.#signal(signal) });
    const { validateClusterNode, validateNodeList } = await contractChecks();
    const items = (body as { items?: unknown } | null)?.items;
    // A body that is no list of items at all is refused whole, naming what is wrong.
    if (!Array.isArray(items)) return checked(validateNodeList, body, 'GET /nodes').items;
    const nodes = checkItems(items, validateClusterNode, 'id');
    this.#reportRejected('node', 'GET /nodes', nodes.rejected, nodes.fields);
    return nodes.items;
  }

  async listJobs(params: JobListParams, signal?: AbortSignal): Promise<JobPageResult> {
    const body = await this.#client.getJson('/jobs', { query: params, signal: this.#signal(signal) });
    const { validateJob, validatePageEnvelope } = await contractChecks();
    const envelope = checked(validatePageEnvelope, body, 'GET /jobs');
    const { items, rejected, fields } = checkItems(envelope.items, validateJob, 'id');
    this.#reportRejected('job', 'GET /jobs', rejected, fields);
    return { items, nextCursor: envelope.nextCursor, total: envelope.total, rejected };
  }

  async summarize(params: JobListParams, signal?: AbortSignal): Promise<JobSummary> {
    const body = await this.#client.getJson('/jobs/summary', { query: filtersOf(params), signal: this.#signal(signal) });
    const { validateJobSummary } = await contractChecks();
    return checked(validateJobSummary, body, 'GET /jobs/summary');
  }

  async analyze(params: JobListParams, signal?: AbortSignal): Promise<JobAnalysis> {
    const check = analysisCheck();
    const body = await this.#client.getJson('/jobs/analysis', { query: filtersOf(params), signal: this.#signal(signal) });
    const { validateJobAnalysis } = await check;
    return checked(validateJobAnalysis, body, 'GET /jobs/analysis');
  }

  async getJob(id: string, signal?: AbortSignal): Promise<Job> {
    const path = `/jobs/${encodeURIComponent(id)}`;
    const body = await this.#client.getJson(path, { signal: this.#signal(signal) });
    const { validateJob } = await contractChecks();
    return checked(validateJob, body, `GET ${path}`);
  }

  async listFiles(jobId: string, params: FileListParams, signal?: AbortSignal): Promise<FilePageResult> {
    const path = `/jobs/${encodeURIComponent(jobId)}/files`;
    // Their checks load beside the first page of files (a failed load is told below, once the answer is in).
    const files = fileChecks();
    files.catch(() => {});
    const body = await this.#client.getJson(path, { query: params, signal: this.#signal(signal) });
    const [{ validatePageEnvelope }, { validateFilePage, validateJobFile }] = await Promise.all([contractChecks(), files]);
    const envelope: PageEnvelope = checked(validatePageEnvelope, body, `GET ${path}`);
    // The envelope's own fields (byStatus), with the items checked one by one below.
    const { byStatus } = checked(validateFilePage, { ...(body as object), items: [] }, `GET ${path}`);
    const { items, rejected, fields } = checkItems(envelope.items, validateJobFile, 'path');
    this.#reportRejected('file', `GET ${path}`, rejected, fields);
    return { items, nextCursor: envelope.nextCursor, total: envelope.total, byStatus, rejected };
  }

  /**
   * Every job a query selects, page after page along the cursor (for exports and small
   * sites). Items that break the contract are skipped.
   */
  async *loadAllJobs(params: JobListParams, signal?: AbortSignal): AsyncIterable<Job> {
    const { offset: _offset, ...query } = params;
    let cursor = query.cursor;
    do {
      const page = await this.listJobs({ ...query, limit: params.limit ?? 1000, cursor }, signal);
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }

  async getSession(signal?: AbortSignal): Promise<Session> {
    const body = await this.#client.getJson('/session', { signal: this.#signal(signal) });
    const { validateSession } = await contractChecks();
    return checked(validateSession, body, 'GET /session');
  }

  async login(username: string, password: string, signal?: AbortSignal): Promise<Session> {
    const body = await this.#client.send('POST', '/session', { username, password }, { signal: this.#signal(signal) });
    const session =
      body === undefined ? await this.getSession(signal) : checked((await contractChecks()).validateSession, body, 'POST /session');
    // A stream refused for want of a session may now open.
    if (this.connection.status === 'error') this.reconnect();
    return session;
  }

  async logout(signal?: AbortSignal): Promise<void> {
    await this.#client.send('DELETE', '/session', undefined, { signal: this.#signal(signal) });
    // The open stream belonged to the session that ended: the server decides again.
    this.#live?.restart();
  }

  subscribe(listener: (batch: LiveBatch) => void): () => void {
    const remove = this.#subscribers.add(listener);
    if (this.#liveEnabled && this.#subscribers.size === 1) this.#startLive();
    return () => {
      if (!remove()) return;
      if (this.#subscribers.size === 0) this.#live?.stop();
    };
  }

  get connection(): ConnectionState {
    return this.#live?.state ?? this.#unmade;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    const remove = this.#connectionListeners.add(listener);
    return () => void remove();
  }

  onRejected(listener: (rejected: RejectedItems) => void): () => void {
    const remove = this.#rejectedListeners.add(listener);
    return () => void remove();
  }

  /** Reconnects the live stream now (a "retry" button; after an `error` state). */
  reconnect(): void {
    if (this.#live) this.#live.restart();
    else if (this.#liveEnabled && this.#subscribers.size > 0) this.#startLive();
  }

  /** Closes the live connection, cancels every timer and every request in flight, forgets every listener. */
  close(): void {
    this.#subscribers.clear();
    this.#live?.stop();
    this.#unmade = IDLE;
    this.#connectionListeners.clear();
    this.#rejectedListeners.clear();
    this.#lifetime.abort();
    this.#lifetime = new AbortController();
  }

  /** Starts the live connection, made first once its code has loaded (unless no one listens any more). */
  #startLive(): void {
    if (this.#live) {
      this.#live.start();
      return;
    }
    liveConnectionCode().then(
      ({ LiveConnection }) => {
        if (this.#subscribers.size === 0) return;
        this.#live ??= new LiveConnection(this.#liveOptions);
        this.#live.start();
      },
      (error: JobSourceError) => {
        if (this.#subscribers.size === 0 || this.#live) return;
        this.#unmade = { status: 'error', error };
        this.#connectionListeners.emit(this.#unmade);
      },
    );
  }

  #reportRejected(kind: RejectedKind, from: string, messages: string[], fields: string[]): void {
    if (messages.length) this.#rejectedListeners.emit({ kind, from, count: messages.length, fields, messages });
  }

  #signal(caller: AbortSignal | undefined): AbortSignal {
    return caller ? AbortSignal.any([caller, this.#lifetime.signal]) : this.#lifetime.signal;
  }
}
