import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AcJobList } from '../job-list/ac-job-list.js';
import type { Route } from './route.js';

/** The class of the heading each view of the manager starts with (`tabindex="-1"`). */
export const VIEW_HEADING = 'view-heading';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/** A job opened from the list: its id and its row then. */
interface Opened {
  id: string;
  index: number;
}

/**
 * Where the keyboard focus goes when the manager shows something else, as a new page would
 * put it for keyboard and screen reader users: on the heading of what is shown after a
 * view switch and after logging in; back from a job to the list, on the row that opened
 * the job, which is the grid's active row again (not at the top of a list reached again
 * after dozens of Tabs).
 */
export class ViewFocus implements ReactiveController {
  /** The last job opened from the list. */
  private opened: Opened | undefined;
  /** Where the focus goes once the host shows it. */
  private pending: 'heading' | Opened | undefined;
  /** The route of the last update. */
  private shown: Route | undefined;

  /** `route` tells the host's view (however it changed: a link, the hash, the host page). */
  constructor(
    private readonly host: Host,
    private readonly route: () => Route,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('ac-login', this.onLogin);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('ac-login', this.onLogin);
  }

  /** A job is opened from `list` (its `ac-job-open`). */
  jobOpened(list: AcJobList, id: string): void {
    this.opened = { id, index: list.activeIndex };
  }

  hostUpdated(): void {
    const from = this.shown;
    const to = this.route();
    this.shown = to;
    // Not when the page opens: the focus is the page's until someone moves it.
    if (from && (from.view !== to.view || from.jobId !== to.jobId)) {
      const opened = this.opened;
      this.pending = opened && from.view === 'job' && from.jobId === opened.id && to.view === 'jobs' ? opened : 'heading';
    }
    const pending = this.pending;
    if (pending === 'heading') {
      // Not shown yet while the store starts: at a later update.
      const heading = this.host.renderRoot.querySelector<HTMLElement>(`.${VIEW_HEADING}`);
      if (!heading) return;
      this.pending = undefined;
      heading.focus();
    } else if (pending) {
      const list = this.host.renderRoot.querySelector('ac-job-list');
      if (!list) return;
      this.pending = undefined;
      void this.focusRow(list, pending);
    }
  }

  private readonly onLogin = (): void => {
    this.pending = 'heading';
  };

  /** Makes the job's row the list's active row (where it is now, else where it was) and focuses it. */
  private async focusRow(list: AcJobList, opened: Opened): Promise<void> {
    await customElements.whenDefined('ac-job-list');
    await list.updateComplete;
    if (!list.isConnected) return;
    const index = list.store?.indexOf(opened.id) ?? -1;
    list.revealRow(index >= 0 ? index : opened.index);
    list.focus();
  }
}
