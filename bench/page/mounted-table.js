// What the list and the file-table scenarios share: one variant of a scrolling table
// mounted in the stage at a time, the time to its first rows, its scroller wheeled and
// jumped, and whether its last row comes into view. `variants[name]` gives `mount`,
// `remove`, `scroller`, `shown` (the rows in view: `{index, text}`) and `end`.
import { afterPaint, until } from './perf.js';
import { centreOf, gridOf, jumpTo, rowsInView } from './rows.js';
import { stage } from './world.js';

/** Ours: an element of the package, its grid scrolled, the End key pressed by the caller. */
export function elementVariant(mount) {
  return {
    mount,
    scroller: gridOf,
    shown: rowsInView,
    end(element) {
      gridOf(element).focus();
      return 'key';
    },
    remove: (element) => element.remove(),
  };
}

/** The baseline: a `BareRecycler` (recycler.js), sent to its end by script. */
export function recyclerVariant(mount) {
  return {
    mount,
    scroller: (r) => r.scroller,
    shown: (r) => r.shownFirstCells(),
    end(r) {
      r.scroller.scrollTop = r.scroller.scrollHeight;
      return 'script';
    },
    remove: (r) => r.remove(),
  };
}

export class MountedTable {
  /** The variant on the stage: `{variant, element, host, ...}`, or undefined. */
  current;

  constructor(variants, noun) {
    this.variants = variants;
    this.noun = noun;
  }

  /**
   * Mounts `variant` (made by `make(variant, host)`) and waits until its first row shows
   * `firstText`: the time from the data being there to the first rows painted, ms.
   */
  async mount(variant, make, firstText, extra = {}) {
    await this.unmount();
    const host = document.createElement('div');
    host.className = 'list-host';
    stage().append(host);
    const v = this.variants[variant];
    const started = performance.now();
    const element = make(v, host);
    this.current = { variant, element, host, ...extra };
    await until(() => v.shown(element)[0]?.text === firstText, `the first ${this.noun} of ${variant}`);
    await afterPaint();
    return performance.now() - started;
  }

  async unmount() {
    if (!this.current) return;
    this.variants[this.current.variant].remove(this.current.element);
    this.current.host.remove();
    this.current = undefined;
    await afterPaint();
  }

  #scroller() {
    return this.variants[this.current.variant].scroller(this.current.element);
  }

  /** Centre of the scrolling area, for the mouse wheel. */
  centre() {
    return centreOf(this.#scroller());
  }

  /** One scrollbar-like jump to `fraction` of the table, painted. */
  jump(fraction) {
    return jumpTo(this.#scroller(), fraction);
  }

  /** Goes to the end (the End key for ours, which the caller presses; script for the others). */
  prepareEnd() {
    return this.variants[this.current.variant].end(this.current.element);
  }

  /** Whether row `last`, showing `expected`, comes into view once the table settles. */
  async lastShown(last, expected) {
    const v = this.variants[this.current.variant];
    const { element } = this.current;
    try {
      await until(() => v.shown(element).some((r) => r.index === last && r.text === expected), `the last ${this.noun}`, 10_000);
      return { ok: true, index: last };
    } catch {
      return { ok: false, index: last, lastShown: v.shown(element).at(-1) };
    }
  }
}
