/** A minimal element bound to a store through `JobStoreController`, for tests. */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { JobStoreController } from '../../src/store/job-store-controller.js';
import type { JobStoreApi, StoreChange } from '../../src/store/store-api.js';

@customElement('test-store-reader')
export class TestStoreReader extends LitElement {
  @property({ attribute: false }) store?: JobStoreApi;
  @property({ reflect: true }) source?: string;
  /** Which changes re-render (all by default). */
  accept: (change: StoreChange) => boolean = () => true;
  renders = 0;

  readonly binding = new JobStoreController(this, { filter: (change) => this.accept(change) });

  protected override render() {
    this.renders++;
    return html`${this.binding.store?.total ?? '-'}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'test-store-reader': TestStoreReader;
  }
}
