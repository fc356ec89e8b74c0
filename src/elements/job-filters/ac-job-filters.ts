import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { common, jobStateLabel, jobTypeLabel, localeOf, stageLabel, type Locale } from '../../i18n/index.js';
import { JOB_STATES, JOB_TYPES, KNOWN_STAGES, type JobPeriod, type JobQuery } from '../../model/index.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { nodeColor } from '../shared/colors.js';
import { showControls } from '../shared/visible-controls.js';
import { StoreReaderElement } from '../shared/store-reader-element.js';
import { themeStyles } from '../shared/theme.js';
import { filtersStyles } from './job-filters.styles.js';
import { t } from './messages.js';
import { addressWith, hasFilters, paramsToFilters, readAddress, sameFilters, type UrlMode } from './url-state.js';
import { dayOf, dayStart, isDay, nextDay } from './zoned-day.js';

/** The "last N days" choices of the user guide's "by duration" filter. */
const DAY_CHOICES = [1, 3, 7, 30] as const;
const DAY_MS = 86_400_000;

type RangeProblem = 'rangeMissing' | 'rangeOrder' | undefined;

/**
 * The search filters of the jobs dashboard (the user guide's 'Jobs Dashboard' section, 'Search Filters'): the period (the last
 * N days, a range of days, or all time), and any of the states, nodes, types and stages.
 * Writes the shared store's query and follows it when another element changes it.
 * With `sync-url`, the filters also live in the page's address (bookmarkable, shareable,
 * back and forward restore them).
 *
 * @summary Period, state, node, type and stage filters of the shared job query.
 * @csspart panel - The box of every filter (folded behind a "Filters (n)" button on a narrow screen).
 * @csspart reset - The button that resets the filters.
 * @csspart chip - Each toggle of a state, node, type or stage.
 * @cssprop --ac-color-accent - Colour of selected choices.
 */
@customElement('ac-job-filters')
export class AcJobFilters extends StoreReaderElement {
  static override styles = [themeStyles, filtersStyles];

  /**
   * Keeps the filters in the page's address: `search` (the query string) or `hash` (the
   * query part of the hash, for hash-routed pages: `#/jobs?state=RUNNING`). An empty
   * value means `search`. Parameters: `period` (`7d`), `from`/`to` (ISO instants),
   * `state`, `node`, `type`, `stage` (repeatable) and `q`; the others are left alone.
   */
  @property({ attribute: 'sync-url' }) syncUrl?: string | null;

  /** The filters are unfolded on a narrow screen. */
  @state() private expanded = false;
  /** The days typed in the custom range (kept while they are not a valid range). */
  @state() private draftFrom = '';
  @state() private draftTo = '';
  @state() private rangeProblem: RangeProblem;

  private readonly storeController = new JobStoreController(this, {
    filter: (change) => change.query || change.nodes,
  });
  /** The store and query last seen, to notice a new store and a query changed by anyone. */
  private seenStore: JobStoreApi | undefined;
  private seenQuery: Readonly<JobQuery> | undefined;
  /** The last range this element wrote, whose days are the ones typed. */
  private ownRange: JobPeriod | undefined;
  /** The next address write replaces the entry instead of adding one (typing-speed changes). */
  private replaceNext = false;
  private readonly onAddressChange = () => this.applyAddress();

  private get urlMode(): UrlMode | undefined {
    if (this.syncUrl === undefined || this.syncUrl === null) return undefined;
    return this.syncUrl === 'hash' ? 'hash' : 'search';
  }

  private get locale(): Locale {
    return localeOf(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onAddressChange);
    window.addEventListener('hashchange', this.onAddressChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onAddressChange);
    window.removeEventListener('hashchange', this.onAddressChange);
    this.seenStore = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const store = this.storeController.store;
    if (!store) return;
    const newStore = store !== this.seenStore;
    this.seenStore = store;
    if ((newStore || changed.has('syncUrl')) && this.urlMode) {
      // The address wins when it names filters (a bookmark); else it learns the store's.
      if (hasFilters(readAddress(this.urlMode))) this.applyAddress();
      else this.replaceNext = true;
    }
    const query = store.query;
    if (query !== this.seenQuery || changed.has('timeZone')) {
      const previous = this.seenQuery;
      this.seenQuery = query;
      // A range from elsewhere (or seen in another zone) replaces the typed days; our own does not.
      const fromElsewhere = previous?.period !== query.period && query.period !== this.ownRange;
      if (query.period.kind === 'range' && (fromElsewhere || changed.has('timeZone'))) {
        this.draftFrom = dayOf(Date.parse(query.period.from), this.zone);
        this.draftTo = dayOf(Date.parse(query.period.to) - 1, this.zone);
        this.rangeProblem = undefined;
      }
      if (this.urlMode) this.writeAddress(query, previous);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Node swatches take their colour through CSSOM (no inline style attribute, for strict CSP).
    const nodes = this.storeController.store?.nodes ?? [];
    for (const swatch of this.renderRoot.querySelectorAll<HTMLElement>('[data-node]')) {
      swatch.style.setProperty('--swatch', nodeColor(swatch.dataset['node'] ?? '', nodes));
    }
  }

  // --- The address ------------------------------------------------------------------------

  private applyAddress(): void {
    const mode = this.urlMode;
    const store = this.storeController.store;
    if (!mode || !store) return;
    const wanted = paramsToFilters(readAddress(mode));
    // Node ids the cluster does not have are dropped once the nodes are known.
    if (store.nodes.length) wanted.nodes = wanted.nodes.filter((id) => store.nodes.some((n) => n.id === id));
    if (sameFilters(wanted, store.query)) return;
    // What the address could not hold (an unknown node) is dropped from it without a new entry.
    this.replaceNext = true;
    store.setQuery(wanted);
  }

  private writeAddress(query: Readonly<JobQuery>, previous: Readonly<JobQuery> | undefined): void {
    const mode = this.urlMode!;
    const replace = this.replaceNext || !previous || typingChange(previous, query);
    this.replaceNext = false;
    // An address that already says the same (in another order, after back or forward) stays as it is.
    if (sameFilters(paramsToFilters(readAddress(mode)), query)) return;
    const next = addressWith(mode, query);
    if (next === undefined) return;
    if (replace) history.replaceState(history.state, '', next);
    else history.pushState(null, '', next);
  }

  // --- Changes from the controls -------------------------------------------------------------

  private setQuery(patch: Partial<JobQuery>): void {
    this.storeController.store?.setQuery(patch);
  }

  private choosePeriod(value: string): void {
    const store = this.storeController.store;
    if (!store) return;
    if (value === 'all') return this.setQuery({ period: { kind: 'all' } });
    if (value !== 'range') return this.setQuery({ period: { kind: 'last-days', days: Number(value) } });
    // A custom range starts as the period shown so far (the last week when it was "all time").
    const now = Date.now();
    const current = store.query.period;
    const days = current.kind === 'last-days' ? current.days : 7;
    this.draftFrom = dayOf(now - days * DAY_MS, this.zone);
    this.draftTo = dayOf(now, this.zone);
    this.applyRange(false);
  }

  private onRangeInput(edge: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (edge === 'from') this.draftFrom = value;
    else this.draftTo = value;
    this.applyRange(true);
  }

  /** Writes the typed range when it is one (from ≤ to); otherwise says what is wrong. */
  private applyRange(typing: boolean): void {
    const from = this.draftFrom;
    const to = this.draftTo;
    if (!isDay(from) || !isDay(to)) {
      this.rangeProblem = 'rangeMissing';
      return;
    }
    if (from > to) {
      this.rangeProblem = 'rangeOrder';
      return;
    }
    this.rangeProblem = undefined;
    const period: JobPeriod = {
      kind: 'range',
      from: new Date(dayStart(from, this.zone)).toISOString(),
      // The end day is included: the range ends when the next day starts.
      to: new Date(dayStart(nextDay(to), this.zone)).toISOString(),
    };
    const current = this.storeController.store?.query.period;
    if (current?.kind === 'range' && current.from === period.from && current.to === period.to) return;
    if (typing) this.replaceNext = true;
    this.ownRange = period;
    this.setQuery({ period });
  }

  private toggle<K extends 'states' | 'nodes' | 'types' | 'stages'>(key: K, value: JobQuery[K][number]): void {
    const store = this.storeController.store;
    if (!store) return;
    const current = store.query[key] as readonly string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    store.setQuery({ [key]: next } as Partial<JobQuery>);
  }

  private reset(): void {
    this.storeController.store?.resetFilters();
    this.rangeProblem = undefined;
  }

  // --- Rendering ------------------------------------------------------------------------------

  protected override render() {
    const locale = this.locale;
    const store = this.storeController.store;
    const query = store?.query;
    const active = query ? activeFilterCount(query) : 0;
    return html`
      <div class="filters">
        <div class="bar">
          <button
            class="disclosure"
            aria-expanded=${this.expanded ? 'true' : 'false'}
            aria-controls="panel"
            @click=${() => (this.expanded = !this.expanded)}
          >
            <span class="chevron" aria-hidden="true"></span>
            ${active ? t(locale, 'filtersCount', { count: active }) : t(locale, 'filters')}
          </button>
          <h2 class="title">${t(locale, 'filters')}</h2>
          <p class="count" role="status">${active ? t(locale, 'active', { count: active }) : t(locale, 'none')}</p>
          <button class="reset" part="reset" ?disabled=${!store || active === 0} @click=${this.reset}>
            ${common(locale, 'resetFilters')}
          </button>
        </div>
        <div id="panel" class="panel ${this.expanded ? 'open' : ''}" part="panel">
          ${this.renderPeriod(query)}
          ${this.renderChips(
            'states',
            t(locale, 'state'),
            JOB_STATES.map((s) => ({ value: s, label: jobStateLabel(s, locale), mark: `state ${s.toLowerCase()}` })),
            query,
          )}
          ${this.renderChips(
            'nodes',
            t(locale, 'node'),
            (store?.nodes ?? []).map((n) => ({
              value: n.id,
              label: n.name,
              node: n.id,
              note: n.online ? undefined : t(locale, 'offline'),
            })),
            query,
            t(locale, 'noNodes'),
          )}
          ${this.renderChips(
            'types',
            t(locale, 'type'),
            JOB_TYPES.map((type) => ({ value: type, label: jobTypeLabel(type, locale) })),
            query,
          )}
          ${this.renderChips(
            'stages',
            t(locale, 'stage'),
            stageChoices(query).map((stage) => ({ value: stage, label: stageLabel(stage, locale) })),
            query,
          )}
        </div>
      </div>
    `;
  }

  private renderPeriod(query: Readonly<JobQuery> | undefined) {
    const locale = this.locale;
    const period = query?.period ?? { kind: 'all' };
    const selected = period.kind === 'last-days' ? String(period.days) : period.kind;
    const days: number[] = [...DAY_CHOICES];
    // A number of days from elsewhere (an address, a host page) is shown as its own choice.
    if (period.kind === 'last-days' && !days.includes(period.days)) days.push(period.days);
    const choices = [
      ...days.map((n) => ({ value: String(n), label: t(locale, 'lastDays', { count: n }) })),
      { value: 'all', label: t(locale, 'allTime') },
      { value: 'range', label: t(locale, 'custom') },
    ];
    const problem = this.rangeProblem;
    return html`<fieldset class="row period" ?disabled=${!query}>
      <legend class="row-label">${t(locale, 'period')}</legend>
      <div class="segmented">
        ${choices.map(
          (choice) => html`<label class="segment">
            <input
              type="radio"
              name="period"
              .value=${choice.value}
              .checked=${choice.value === selected}
              @change=${() => this.choosePeriod(choice.value)}
            />
            <span>${choice.label}</span>
          </label>`,
        )}
      </div>
      ${
        period.kind === 'range'
          ? html`<div class="range">
            <label
              >${t(locale, 'from')}
              <input
                type="date"
                name="from"
                .value=${this.draftFrom}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${problem ? 'range-problem' : nothing}
                @input=${(e: Event) => this.onRangeInput('from', e)}
            /></label>
            <label
              >${t(locale, 'to')}
              <input
                type="date"
                name="to"
                .value=${this.draftTo}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${problem ? 'range-problem' : nothing}
                @input=${(e: Event) => this.onRangeInput('to', e)}
            /></label>
            <p id="range-problem" class="problem" role="alert">${problem ? t(locale, problem) : ''}</p>
          </div>`
          : nothing
      }
    </fieldset>`;
  }

  private renderChips<K extends 'states' | 'nodes' | 'types' | 'stages'>(
    key: K,
    label: string,
    choices: { value: JobQuery[K][number]; label: string; mark?: string; node?: string; note?: string | undefined }[],
    query: Readonly<JobQuery> | undefined,
    emptyText?: string,
  ) {
    const selected = new Set<string>(query?.[key] ?? []);
    return html`<div class="row" role="group" aria-labelledby="label-${key}">
      <span class="row-label" id="label-${key}">${label}</span>
      <div class="chips">
        ${choices.length === 0 && emptyText ? html`<span class="empty">${emptyText}</span>` : nothing}
        ${choices.map(
          (choice) => html`<button
            class="chip"
            part="chip"
            aria-pressed=${selected.has(choice.value) ? 'true' : 'false'}
            ?disabled=${!query}
            @click=${() => this.toggle(key, choice.value)}
          >
            ${choice.mark ? html`<span class="mark ${choice.mark}" aria-hidden="true"></span>` : nothing}
            ${choice.node !== undefined ? html`<span class="swatch" data-node=${choice.node} aria-hidden="true"></span>` : nothing}
            ${showControls(choice.label, this.locale)}${choice.note ? html` <span class="note">(${choice.note})</span>` : nothing}
          </button>`,
        )}
      </div>
    </div>`;
  }
}

/** How many kinds of filter narrow the query (period, states, nodes, types, stages). */
export function activeFilterCount(query: Readonly<JobQuery>): number {
  return (
    Number(query.period.kind !== 'all') +
    Number(query.states.length > 0) +
    Number(query.nodes.length > 0) +
    Number(query.types.length > 0) +
    Number(query.stages.length > 0)
  );
}

/** The stages to offer: those this version knows, then any other the query names. */
function stageChoices(query: Readonly<JobQuery> | undefined): string[] {
  const stages: string[] = [...KNOWN_STAGES];
  for (const stage of query?.stages ?? []) if (!stages.includes(stage)) stages.push(stage);
  return stages;
}

/**
 * A change made at typing speed, which replaces the address entry instead of adding one:
 * only the search text or the days of a range changed.
 */
function typingChange(previous: Readonly<JobQuery>, next: Readonly<JobQuery>): boolean {
  const sameLists = (['states', 'nodes', 'types', 'stages'] as const).every(
    (key) => previous[key].join('\u0000') === next[key].join('\u0000'),
  );
  const samePeriod = JSON.stringify(previous.period) === JSON.stringify(next.period);
  const rangeEdit = previous.period.kind === 'range' && next.period.kind === 'range';
  return sameLists && (samePeriod || rangeEdit);
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-filters': AcJobFilters;
  }
}
