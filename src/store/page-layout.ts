/**
 * Where the rows of a paged selection fall, when a server's pages are taken for what they
 * hold rather than for what they claim: items a source refused (or a page repeated) leave
 * no hole, the rows after them move up; a last page shorter than the total claimed ends
 * the selection there, so that no row waits forever for an item that does not exist. A
 * later, different claim (the selection changed) opens the end again.
 *
 * Pages are numbered from 0, each asked for at `page * pageSize` (an offset) with
 * `pageSize` as its limit. The job list's rows (`RemoteRows`) and a job's file table
 * (`FileWindow`) settle their counts this way.
 */
export class PageLayout {
  /** The total the server claims, as its newest answer said. */
  claimed = 0;
  /**
   * Pages that hold fewer rows than asked for though more rows follow → by how many.
   * Kept while the selection is the same, even for pages no longer held, so that rows do
   * not move back and forth.
   */
  readonly #shortBy = new Map<number, number>();
  /** Where the selection ends, as a last page showed: its page, its rows, and the total it claimed. */
  #lastPage: { page: number; rows: number; claim: number } | undefined;

  constructor(readonly pageSize: number) {}

  /** How many rows the selection has: the claim, less the rows its pages could not give. */
  get total(): number {
    let total = this.claimed;
    for (const missing of this.#shortBy.values()) total -= missing;
    if (this.#lastPageHolds()) total = Math.min(total, this.#afterLastPage());
    return Math.max(0, total);
  }

  /** A new selection: nothing is known of its pages. */
  reset(): void {
    this.#shortBy.clear();
    this.#lastPage = undefined;
  }

  /**
   * A page answered: `served` items (kept and refused), of which `rows` are rows; `more`
   * when the server says items follow (a next cursor); `claim`, the total it claims.
   */
  settle(page: number, rows: number, served: number, more: boolean, claim: number): void {
    this.claimed = claim;
    if (served < this.pageSize && !more) {
      // The server has no more: the selection ends in this page, whatever total it claims.
      this.#shortBy.delete(page);
      const known = this.#lastPage;
      if (!known || page <= known.page || known.claim !== claim) this.#lastPage = { page, rows, claim };
    } else {
      const missing = Math.min(served, this.pageSize) - rows;
      if (missing > 0) this.#shortBy.set(page, missing);
      else this.#shortBy.delete(page);
      if (this.#lastPage?.page === page) this.#lastPage = undefined;
    }
  }

  /** The last page that holds rows, when a last page was seen and no different claim came since. */
  get lastPage(): number | undefined {
    return this.#lastPageHolds() ? this.#lastPage!.page : undefined;
  }

  /**
   * A last page a newer claim made out of date, when rows up to `end` are asked for past
   * it (that page must be fetched again to see where the selection now ends).
   */
  outdatedPage(end: number): number | undefined {
    return this.#lastPage !== undefined && !this.#lastPageHolds() && end > this.#afterLastPage() ? this.#lastPage.page : undefined;
  }

  /** The first row of a page: rows of the short pages before it move up. */
  start(page: number): number {
    let start = page * this.pageSize;
    for (const [other, missing] of this.#shortBy) if (other < page) start -= missing;
    return start;
  }

  /** The page that holds a row, and the row's place in it. */
  locate(index: number): [page: number, offset: number] {
    const size = this.pageSize;
    let page = Math.floor(index / size);
    if (this.#shortBy.size === 0) return [page, index % size];
    // A page starts at or before its nominal row; each step ends since short pages are finitely many.
    while (this.start(page + 1) <= index) page++;
    return [page, index - this.start(page)];
  }

  #lastPageHolds(): boolean {
    return this.#lastPage !== undefined && this.#lastPage.claim === this.claimed;
  }

  /** The row after the last one of the last page seen. */
  #afterLastPage(): number {
    return this.#lastPage ? this.start(this.#lastPage.page) + this.#lastPage.rows : Infinity;
  }
}
