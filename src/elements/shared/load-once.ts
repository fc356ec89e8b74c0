/**
 * `load` (an `import()` of code an element needs later) run once, resolving when it is
 * done. A load that fails (a network error, a chunk gone after a new deployment) is
 * forgotten, so that asking again tries again.
 */
export function once(load: () => Promise<unknown>): () => Promise<void> {
  let loading: Promise<void> | undefined;
  return () =>
    (loading ??= load().then(
      () => undefined,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
}
