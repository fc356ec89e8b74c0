/**
 * The one way the elements build a store from what a page says: over an HTTP API, over a
 * simulated cluster, or over a source the page built. `<ac-job-source>` and
 * `<ac-job-manager>` both build theirs here, so they take the same options and let go of
 * what they made the same way.
 *
 * The simulator's modules load on first use, so a page on an API never downloads them;
 * once loaded, later stores get them in a microtask.
 */
import type { TokenProvider } from '../source/http-client.js';
import { HttpJobSource } from '../source/http-job-source.js';
import type { JobSource } from '../source/job-source.js';
import { JobStore } from './job-store.js';

export interface StoreOptions {
  /** Base URL of the HTTP API (default `/api/v1`); used unless `source` is given or `simulated` is on. */
  src?: string | undefined;
  /** Whether the API gets the session cookie: `include` for an API on another origin of the same site (default `same-origin`). */
  credentials?: RequestCredentials | undefined;
  /** Gives the bearer token of the API's requests (see `TokenProvider`). */
  token?: TokenProvider | undefined;
  /** Serve a simulated cluster from the page instead of an API. */
  simulated?: boolean | undefined;
  /** Seed of the simulated cluster: the same seed gives the same jobs. */
  seed?: number | undefined;
  /** Number of nodes of the simulated cluster. */
  nodes?: number | undefined;
  /** Number of jobs in the simulated cluster's history. */
  jobs?: number | undefined;
  /** Live updates (default on). */
  live?: boolean | undefined;
  /** A source the page built: used as it is, and left open (closing it is the page's business). */
  source?: JobSource | undefined;
}

/** A store built by `createStore`, and what its maker lets go of with `close()`. */
export interface OwnedStore {
  /** The store; undefined while the simulator loads. */
  readonly store: JobStore | undefined;
  /**
   * Resolves with the store once it is built (at once over an API or a given source), or with
   * undefined when `close()` came first; rejects when the simulator's modules could not load.
   */
  readonly ready: Promise<JobStore | undefined>;
  /** Disposes the store and closes the source built for it (not a given one); a store still loading is not built. */
  close(): void;
}

type Simulation = [typeof import('../simulator/index.js'), typeof import('../source/memory-job-source.js')];
let simulation: Promise<Simulation> | undefined;

function loadSimulation(): Promise<Simulation> {
  simulation ??= Promise.all([import('../simulator/index.js'), import('../source/memory-job-source.js')]).catch((error: unknown) => {
    simulation = undefined; // a later store tries again
    throw error;
  });
  return simulation;
}

/** Builds a store (not started: its owner starts it when it is ready to show it). */
export function createStore(options: StoreOptions): OwnedStore {
  const live = options.live ?? true;
  let store: JobStore | undefined;
  let closed = false;
  const ownsSource = !options.source;
  const build = (source: JobSource) => (store = new JobStore(source, { live }));
  let ready: Promise<JobStore | undefined>;
  if (options.source) {
    ready = Promise.resolve(build(options.source));
  } else if (options.simulated) {
    const { seed, nodes, jobs } = options;
    const simulator = { ...(seed !== undefined && { seed }), ...(nodes !== undefined && { nodes }), ...(jobs !== undefined && { jobs }) };
    ready = loadSimulation().then(([{ ClusterSimulator }, { MemoryJobSource }]) =>
      closed ? undefined : build(new MemoryJobSource({ simulator: new ClusterSimulator(simulator) })),
    );
  } else {
    const { src, credentials, token } = options;
    const http = new HttpJobSource({
      ...(src !== undefined && { baseUrl: src }),
      live,
      ...(credentials && { credentials }),
      ...(token && { token }),
    });
    ready = Promise.resolve(build(http));
  }
  return {
    get store() {
      return store;
    },
    ready,
    close() {
      if (closed) return;
      closed = true;
      store?.dispose();
      if (ownsSource) store?.source.close();
    },
  };
}
