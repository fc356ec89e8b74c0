import { property } from 'lit/decorators.js';
import { isValidTimeZone } from '../../i18n/index.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { LocalizedElement } from './localized-element.js';

/**
 * The base of the elements that read the shared job store: the properties they all take
 * (which store, the language, the theme, the time zone). An element finds its store with a
 * `JobStoreController`, which reads `store` and `source` from here.
 */
export class StoreReaderElement extends LocalizedElement {
  /** The store to read (else found by `source`, or from an ancestor through context). */
  @property({ attribute: false }) store?: JobStoreApi;

  /** Id of the `<ac-job-source>` to read. */
  @property({ reflect: true }) source?: string;

  /** Language of the element (`en`, `fr`); else the nearest `lang` of the page. */
  @property({ reflect: true }) override lang!: string;

  /** Forces `light` or `dark`; otherwise the user's preference. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** IANA time zone of the dates shown (default: the browser's). */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** `timeZone` when it names a zone this browser knows, else undefined (the browser's own). */
  protected get zone(): string | undefined {
    return this.timeZone && isValidTimeZone(this.timeZone) ? this.timeZone : undefined;
  }
}
