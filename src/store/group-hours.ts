/**
 * Every row, selected or not, counted per group (state, type, node, stage) and per group
 * and hour created. The aggregates of a query that filters on those four fields only are
 * these counts for the groups it keeps, folded, without reading a row; a live update
 * patches them in constant time.
 */
import type { JobColumns } from './job-columns.js';
import { capacityFor, grow } from './string-dictionary.js';

export class GroupHours {
  /** Rows per group code. */
  totals = new Int32Array(64);
  /** Rows per group and hour: `cells[group * hourSpan + hour - hourBase]` (the columns' hours); empty when off. */
  cells = new Int32Array(0);
  /** Rows per node and hour, by the columns' `timeCell`; empty when off. */
  nodeCells = new Int32Array(0);
  /**
   * False when groups × hours would be more than `maxCells`, or than two cells a row (the
   * cells must not cost more than the rows they spare reading): such queries count their rows instead.
   */
  on = false;
  /** The columns' layout of hours the cells follow. */
  private layout = -1;
  private groupSlots = 0;

  constructor(
    private readonly columns: JobColumns,
    private readonly maxCells = 1 << 22,
  ) {
    this.rebuild();
  }

  /** Counts every row again (after a load, or when the columns lay out their hours again). */
  rebuild(): void {
    const c = this.columns;
    const n = c.size;
    this.layout = c.timeLayout;
    this.totals = new Int32Array(capacityFor(c.groupCount));
    this.groupSlots = slotsFor(c.groupCount);
    this.on = c.timeCellsOn && this.groupSlots * c.hourSpan <= this.cellLimit();
    this.cells = new Int32Array(this.on ? this.groupSlots * c.hourSpan : 0);
    this.nodeCells = new Int32Array(this.on ? capacityFor(Math.max(c.nodes.size, 1)) * c.hourSpan : 0);
    const { group, timeCell, hourSpan } = c;
    const { totals, cells, nodeCells } = this;
    for (let row = 0; row < n; row++) {
      const g = group[row]!;
      totals[g]!++;
      if (!this.on) continue;
      // `timeCell` is `node * hourSpan + hour - hourBase`.
      const cell = timeCell[row]!;
      cells[g * hourSpan + (cell % hourSpan)]!++;
      nodeCells[cell]!++;
    }
  }

  private cellLimit(): number {
    return Math.min(this.maxCells, Math.max(1 << 16, 2 * this.columns.size));
  }

  /** Follows the columns' layout of hours; true when it counted every row again. */
  sync(): boolean {
    if (this.layout === this.columns.timeLayout) return false;
    this.rebuild();
    return true;
  }

  /** Counts a row added or changed (after its columns were written). */
  add(row: number): void {
    // A new layout counts every row as it is now, this one included.
    if (!this.sync()) this.patch(row, 1);
  }

  /** Uncounts a row about to change (before its columns are written). */
  remove(row: number): void {
    this.sync();
    this.patch(row, -1);
  }

  private patch(row: number, delta: 1 | -1): void {
    const c = this.columns;
    const g = c.group[row]!;
    if (g >= this.totals.length) this.totals = grow(this.totals, g + 1);
    this.totals[g]! += delta;
    if (!this.on) return;
    if (g >= this.groupSlots) {
      const slots = slotsFor(g + 1);
      if (slots * c.hourSpan > this.cellLimit()) {
        this.on = false;
        this.cells = new Int32Array(0);
        this.nodeCells = new Int32Array(0);
        return;
      }
      // Group-major: more groups are more cells at the end.
      const cells = new Int32Array(slots * c.hourSpan);
      cells.set(this.cells);
      this.cells = cells;
      this.groupSlots = slots;
    }
    const cell = c.timeCell[row]!;
    // Node-major: more nodes are more cells at the end.
    if (cell >= this.nodeCells.length) this.nodeCells = grow(this.nodeCells, cell + 1);
    this.cells[g * c.hourSpan + (cell % c.hourSpan)]! += delta;
    this.nodeCells[cell]! += delta;
  }
}

/** Room for a quarter more groups than there are. */
function slotsFor(groups: number): number {
  return groups + (groups >> 2) + 8;
}
