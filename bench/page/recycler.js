// The baseline for scrolling: a bare fixed-row recycler, what one writes by hand in an
// afternoon. A fixed pool of rows in a window that stays in view over a spacer; each
// scroll event maps the position to the first row and rewrites the pool's cells.
// Tall lists scale the position onto a spacer the browser can hold, as ours does.

/** Chromium's tallest element is about 33.5 million px: stay well under it. */
const MAX_SPACER = 8_000_000;

export class BareRecycler {
  /**
   * @param {HTMLElement} host
   * @param {{count: number, rowHeight: number, cells: (index: number) => string[], columns: number}} options
   */
  constructor(host, { count, rowHeight, cells, columns }) {
    this.count = count;
    this.rowHeight = rowHeight;
    this.cells = cells;
    this.scroller = document.createElement('div');
    this.scroller.className = 'bare-scroller';
    this.scroller.tabIndex = 0;
    this.spacer = document.createElement('div');
    this.window = document.createElement('div');
    this.window.className = 'bare-window';
    this.inner = this.window.appendChild(document.createElement('div'));
    this.scroller.append(this.window, this.spacer);
    host.append(this.scroller);
    this.viewport = this.scroller.clientHeight;
    this.fullHeight = count * rowHeight;
    const spacerHeight = Math.min(this.fullHeight, MAX_SPACER);
    // The window takes a viewport of the flow; the spacer makes up the rest.
    this.spacer.style.height = `${Math.max(0, spacerHeight - this.viewport)}px`;
    this.window.style.height = `${this.viewport}px`;
    this.rows = [];
    const poolSize = Math.ceil(this.viewport / rowHeight) + 1;
    for (let r = 0; r < poolSize; r++) {
      const row = document.createElement('div');
      row.className = 'bare-row';
      const spans = [];
      for (let c = 0; c < columns; c++) spans.push(row.appendChild(document.createElement('span')));
      this.inner.append(row);
      this.rows.push({ row, spans, index: -1 });
    }
    this.scroller.addEventListener('scroll', () => this.draw(), { passive: true });
    this.draw();
  }

  /** The virtual position: px of the whole list above the viewport. */
  get top() {
    const max = this.scroller.scrollHeight - this.viewport;
    if (max <= 0) return 0;
    return (this.scroller.scrollTop / max) * Math.max(0, this.fullHeight - this.viewport);
  }

  draw() {
    const top = this.top;
    const first = Math.floor(top / this.rowHeight);
    for (let r = 0; r < this.rows.length; r++) {
      const slot = this.rows[r];
      const index = first + r;
      if (index === slot.index) continue;
      slot.index = index;
      if (index >= this.count) {
        slot.row.hidden = true;
        continue;
      }
      slot.row.hidden = false;
      slot.row.dataset.index = String(index);
      const texts = this.cells(index);
      for (let c = 0; c < slot.spans.length; c++) slot.spans[c].textContent = texts[c] ?? '';
    }
    const offset = first * this.rowHeight - top;
    this.inner.style.transform = `translateY(${offset}px)`;
  }

  /** Text of the first cell of each row entirely in view, top to bottom. */
  shownFirstCells() {
    const box = this.scroller.getBoundingClientRect();
    return this.rows
      .filter(({ row }) => {
        const r = row.getBoundingClientRect();
        return !row.hidden && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      })
      .map(({ row, index }) => ({ index, text: row.firstChild.textContent }));
  }

  remove() {
    this.scroller.remove();
  }
}
