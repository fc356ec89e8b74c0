import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { localeOf } from '../../i18n/index.js';
import type { Session } from '../../model/index.js';
import { JobSourceError, type JobSource } from '../../source/job-source.js';
import { LocalizedElement } from '../shared/localized-element.js';
import { themeStyles } from '../shared/theme.js';
import { showControls } from '../shared/visible-controls.js';
import { loginFormStyles } from './login-form.styles.js';
import { t } from './messages.js';

/**
 * Logs in with the user's usual Active Circle credentials. The password goes to the
 * source's `login` and nowhere else: nothing is stored by the page.
 *
 * @summary The log-in form shown when the API answers 401.
 * @fires ac-login - After a successful log-in; `detail.session` is who logged in.
 * @csspart form - The form.
 */
@customElement('ac-login-form')
export class AcLoginForm extends LocalizedElement {
  static override styles = [themeStyles, loginFormStyles];

  /** The source to log in to. */
  @property({ attribute: false }) jobSource?: JobSource;

  /** Forces `light` or `dark`; otherwise the user's preference. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Language of the form (`en`, `fr`); else the nearest `lang` of the page. */
  @property({ reflect: true }) override lang!: string;

  @state() private busy = false;
  @state() private error = '';
  /** Until when the server refuses logins (too many failed attempts), epoch ms; 0 when it does not. */
  @state() private retryAt = 0;
  /** How long the server said to wait, in whole seconds: what a screen reader hears, once. */
  @state() private waitSeconds = 0;
  @state() private now = Date.now();
  private ticker: ReturnType<typeof setInterval> | undefined;

  @query('input[name=username]') private usernameInput!: HTMLInputElement;
  @query('input[name=password]') private passwordInput!: HTMLInputElement;

  /** Focuses the first field. */
  override focus(): void {
    this.usernameInput?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  /** Seconds left before the server takes another attempt (0: it takes one now). */
  private get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.retryAt - this.now) / 1000));
  }

  /** Counts down, once a second, until the server takes logins again. */
  private waitUntil(retryAt: number): void {
    this.retryAt = retryAt;
    this.now = Date.now();
    this.waitSeconds = this.secondsLeft;
    this.stopTicker();
    this.ticker = setInterval(() => {
      this.now = Date.now();
      if (this.secondsLeft === 0) this.stopTicker();
    }, 1000);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const locale = localeOf(this);
    const username = this.usernameInput.value.trim();
    const password = this.passwordInput.value;
    if (!username || !password) {
      this.error = t(locale, 'missing');
      return;
    }
    if (!this.jobSource || this.secondsLeft > 0) return;
    this.busy = true;
    this.error = '';
    try {
      const session: Session = await this.jobSource.login(username, password);
      this.passwordInput.value = '';
      this.dispatchEvent(new CustomEvent('ac-login', { detail: { session }, bubbles: true, composed: true }));
    } catch (error) {
      this.passwordInput.value = '';
      // Too many failed attempts: the server says when it takes the next one.
      if (error instanceof JobSourceError && error.details.status === 429)
        this.waitUntil(Date.now() + (error.details.retryAfterMs ?? 1000));
      this.error = this.describe(error, locale);
      void this.updateComplete.then(() => this.passwordInput.focus());
    } finally {
      this.busy = false;
    }
  }

  private describe(error: unknown, locale: ReturnType<typeof localeOf>): string {
    if (error instanceof JobSourceError) {
      if (error.details.status === 429) return '';
      if (error.kind === 'unauthenticated') return t(locale, 'wrongCredentials');
      if (error.kind === 'network') return t(locale, 'network');
      if (error.kind === 'blocked') return t(locale, 'blocked');
      return t(locale, 'failed', { message: error.message });
    }
    return t(locale, 'failed', { message: String(error) });
  }

  protected override render() {
    const locale = localeOf(this);
    return html`<form part="form" @submit=${this.submit} aria-labelledby="title" novalidate>
      <h2 id="title">${t(locale, 'title')}</h2>
      <p>${t(locale, 'intro')}</p>
      <label>${t(locale, 'username')}
        <input name="username" autocomplete="username" required autocapitalize="none" spellcheck="false" />
      </label>
      <label>${t(locale, 'password')}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      ${this.error ? html`<p class="error" role="alert">${showControls(this.error, locale)}</p>` : nothing}
      ${this.renderWait(locale)}
      <button type="submit" ?disabled=${this.busy || this.secondsLeft > 0}>${this.busy ? t(locale, 'submitting') : t(locale, 'submit')}</button>
    </form>`;
  }

  /** The countdown is seen; a screen reader hears the wait once, as the server gave it, not every second. */
  private renderWait(locale: ReturnType<typeof localeOf>) {
    const seconds = this.secondsLeft;
    if (seconds === 0) return nothing;
    return html`<p class="error throttled" role="alert">
      <span aria-hidden="true">${t(locale, 'throttled', { seconds })}</span>
      <span class="visually-hidden">${t(locale, 'throttled', { seconds: this.waitSeconds })}</span>
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-login-form': AcLoginForm;
  }
  interface HTMLElementEventMap {
    'ac-login': CustomEvent<{ session: Session }>;
  }
}
