// A job source over jobs already in memory, with nothing live: what the store benches
// (in the page and in Node) load a memory-mode store from.

/** A source holding `jobs`, with no live events of its own. */
export function staticSource(jobs, nodes) {
  return {
    allJobs: () => jobs,
    connection: { status: 'idle' },
    onConnectionChange: () => () => {},
    subscribe: () => () => {},
    getSession: async () => ({ user: { name: 'bench', roles: ['DATA_ADMINISTRATOR'] } }),
    listNodes: async () => [...nodes],
    close() {},
  };
}
