import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Delay between the last keystroke in the search bar and the search. */
export const SEARCH_DEBOUNCE_MS = 150;

/**
 * The typing in a search box: the search runs `SEARCH_DEBOUNCE_MS` after the last
 * keystroke, or at once on Enter. While one waits, the box keeps what was typed (a render
 * must not put the query's older text back).
 */
export class SearchBox implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly search: (text: string) => void,
  ) {
    host.addController(this);
  }

  /** Whether a search waits for the typing to pause. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Drops the search that waits, if any. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  readonly onInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(value), SEARCH_DEBOUNCE_MS);
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') this.run((event.target as HTMLInputElement).value);
  };

  private run(text: string): void {
    this.cancel();
    this.search(text);
  }
}
