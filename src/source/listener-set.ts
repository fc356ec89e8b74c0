/**
 * The listeners of one kind of notification (live batches, connection changes) that a
 * source keeps. The same function added twice is two listeners, each removed by its own
 * unsubscribe; one listener that throws does not starve the others.
 */
export class ListenerSet<T> {
  readonly #entries = new Set<{ listener: (value: T) => void }>();

  get size(): number {
    return this.#entries.size;
  }

  /** Adds `listener`; the function returned removes it and tells whether it was still there. */
  add(listener: (value: T) => void): () => boolean {
    const entry = { listener };
    this.#entries.add(entry);
    return () => this.#entries.delete(entry);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Calls every listener present now (one added meanwhile waits for the next value). */
  emit(value: T): void {
    for (const { listener } of [...this.#entries]) {
      try {
        listener(value);
      } catch (error) {
        // Reported as uncaught, as an event listener's error would be.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
