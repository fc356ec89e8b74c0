import { LitElement } from 'lit';
import { localeOf, messagesReady } from '../../i18n/index.js';

/**
 * The base of the elements that show text: an update waits for the messages of the
 * element's language when they have not loaded yet (English is always there; French loads
 * the first time an element speaks it, beside the page's first requests), so that no text
 * shows in English first.
 */
export class LocalizedElement extends LitElement {
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = messagesReady(localeOf(this));
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }
}
