/**
 * `<ac-job-list-rows>`: @lit-labs/virtualizer's `<lit-virtualizer>` under a tag of ours
 * (a page may load another version of the virtualizer under its own tag), created once
 * connected, so that it finds its scrolling ancestors (the `virtualize` directive, when
 * first rendered into a detached fragment, finds none and follows the window instead).
 * The job list itself no longer uses it (see ac-job-list.ts); the detail's file list does.
 *
 * Known limits, measured with lit 3.3.3 in Chromium 156:
 * - every row scrolled past leaves one empty comment node in this element: lit-html's
 *   `removePart()` forgets the end marker of the parts `repeat` removes (lit/lit#5298,
 *   fix lit/lit#5299 open), so the DOM grows without bound while scrolling;
 * - the virtualizer observes every row it renders with a ResizeObserver and never
 *   unobserves it (upstream PR lit/lit#5363, open). Chromium does not keep the removed
 *   rows alive for it (a heap snapshot shows none, with or without the release below);
 *   engines that hold observation targets strongly would, so rows that leave the DOM are
 *   unobserved here. This reaches into one private field of the pinned version (2.1.1):
 *   if a later version renames it, nothing is done and the upstream fix is expected.
 */
import { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';

interface WithChildrenObserver {
  _childrenRO?: ResizeObserver | null;
}

export class VirtualRows extends LitVirtualizer {
  private releaser: MutationObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.releaser ??= new MutationObserver((records) => {
      const virtualizer = (this as unknown as Record<symbol, WithChildrenObserver | undefined>)[virtualizerRef];
      const children = virtualizer?._childrenRO;
      if (!children) return;
      for (const record of records) {
        for (const node of record.removedNodes) {
          if (node instanceof Element && !node.isConnected) children.unobserve(node);
        }
      }
    });
    this.releaser.observe(this, { childList: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.releaser?.disconnect();
  }
}

if (!customElements.get('ac-job-list-rows')) customElements.define('ac-job-list-rows', VirtualRows);

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-list-rows': VirtualRows;
  }
}
