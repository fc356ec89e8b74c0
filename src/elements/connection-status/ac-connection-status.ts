import { html, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { connectionStatusLabel, localeOf } from '../../i18n/index.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import { StoreReaderElement } from '../shared/store-reader-element.js';
import { themeStyles } from '../shared/theme.js';
import { connectionStatusStyles } from './connection-status.styles.js';
import { t } from './messages.js';

/**
 * The live connection's state, always visible: live, connecting, reconnecting (with the
 * next attempt), offline or error. Announced to screen readers when it changes.
 *
 * @summary Shows whether live updates are flowing.
 * @csspart dot - The coloured status dot.
 * @csspart label - The status text.
 */
@customElement('ac-connection-status')
export class AcConnectionStatus extends StoreReaderElement {
  static override styles = [themeStyles, connectionStatusStyles];

  @state() private now = Date.now();

  private readonly storeController = new JobStoreController(this, { filter: (change) => change.connection });
  private ticker?: ReturnType<typeof setInterval>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Count down to the next attempt once a second, only while one is due.
    const due = this.storeController.store?.connection.nextAttemptAt;
    if (due !== undefined && due > Date.now()) {
      this.ticker ??= setInterval(() => (this.now = Date.now()), 1000);
    } else {
      this.stopTicker();
    }
  }

  private stopTicker() {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  protected override render() {
    const connection = this.storeController.store?.connection ?? { status: 'idle' as const };
    const locale = localeOf(this);
    const label = connectionStatusLabel(connection.status, locale);
    const seconds =
      connection.status === 'reconnecting' && connection.nextAttemptAt !== undefined
        ? Math.max(0, Math.ceil((connection.nextAttemptAt - this.now) / 1000))
        : undefined;
    const detail = seconds !== undefined ? ` (${t(locale, 'nextAttempt', { seconds })})` : '';
    return html`<span class="status ${connection.status}" role="status" aria-label=${t(locale, 'label', { status: label })}>
      <span class="dot" part="dot" aria-hidden="true"></span>
      <span part="label" title=${connection.error?.message ?? ''}>${label}${detail}</span>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-connection-status': AcConnectionStatus;
  }
}
