import { html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { connectionStatusLabel, localeOf, type Locale } from '../../i18n/index.js';
import type { RejectedKind } from '../../source/job-source.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import type { RejectedTally } from '../../store/store-api.js';
import { StoreReaderElement } from '../shared/store-reader-element.js';
import { themeStyles } from '../shared/theme.js';
import { controlsAsText } from '../shared/visible-controls.js';
import { connectionStatusStyles } from './connection-status.styles.js';
import { t } from './messages.js';

const KINDS: readonly RejectedKind[] = ['job', 'file', 'node', 'event'];

/**
 * The live connection's state, always visible: live, connecting, reconnecting (with the
 * next attempt), offline or error. Announced to screen readers when it changes. When the
 * server sent items that break the contract (and were left out), a discreet button beside
 * it says how many, and opens which kinds and which fields were at fault.
 *
 * @summary Shows whether live updates are flowing.
 * @csspart dot - The coloured status dot.
 * @csspart label - The status text.
 * @csspart rejected - The button that tells how many items were left out.
 * @csspart rejected-details - What it opens: the items left out by kind, and the fields at fault.
 */
@customElement('ac-connection-status')
export class AcConnectionStatus extends StoreReaderElement {
  static override styles = [themeStyles, connectionStatusStyles];

  @state() private now = Date.now();
  @state() private detailsOpen = false;

  private readonly storeController = new JobStoreController(this, { filter: (change) => change.connection || change.rejected });
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
    const rejected = this.storeController.store?.rejected;
    return html`<span class="status ${connection.status}" role="status" aria-label=${t(locale, 'label', { status: label })}>
        <span class="dot" part="dot" aria-hidden="true"></span>
        <span part="label" title=${controlsAsText(connection.error?.message ?? '')}>${label}${detail}</span>
      </span>
      ${rejected?.count ? this.renderRejected(rejected, locale) : nothing}`;
  }

  private renderRejected(rejected: RejectedTally, locale: Locale) {
    return html`<span class="rejected-wrap" @keydown=${this.onRejectedKey}>
      <button
        type="button"
        class="rejected"
        part="rejected"
        aria-expanded=${this.detailsOpen ? 'true' : 'false'}
        aria-controls="rejected-details"
        @click=${() => (this.detailsOpen = !this.detailsOpen)}
      >
        <span class="mark" aria-hidden="true">!</span>${t(locale, 'rejected', { count: rejected.count })}
      </button>
      <div id="rejected-details" class="details" part="rejected-details" ?hidden=${!this.detailsOpen}>
        <p>${t(locale, 'rejectedIntro')}</p>
        <ul>
          ${KINDS.map((kind) => {
            const counted = rejected.kinds[kind];
            if (!counted) return nothing;
            const fields = [...counted.fields].map(([field, count]) => `${field || t(locale, 'wholeItem')} (${count})`).join(', ');
            return html`<li>${t(locale, `rejected.${kind}`, { count: counted.count })} — ${t(locale, 'fields', { fields })}</li>`;
          })}
        </ul>
      </div>
    </span>`;
  }

  /** Escape closes the details and gives the focus back to the button. */
  private readonly onRejectedKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.detailsOpen) return;
    this.detailsOpen = false;
    this.renderRoot.querySelector<HTMLElement>('button.rejected')?.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-connection-status': AcConnectionStatus;
  }
}
