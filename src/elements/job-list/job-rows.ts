/**
 * The rows of the job list's grid: a job's cells, a row still loading, the placeholder
 * rows before the first ones arrive. Text from the server is shown as text, clipped to a
 * bounded length, its hidden controls shown as marks.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { FAILURE_STAGES, type ClusterNode, type Job } from '../../model/index.js';
import { formatDateTime, jobStateLabel, jobTypeLabel, stageLabel, type Locale } from '../../i18n/index.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { clipText } from '../shared/clip-text.js';
import { NODE_PALETTE, nodeColor } from '../shared/colors.js';
import { controlsAsText, showControls } from '../shared/visible-controls.js';
import type { ColumnKey } from './columns.js';
import { t } from './messages.js';

/** Placeholder rows while the first rows load. */
const SKELETON_ROWS = 6;

/** What every row of one render shares. */
export interface RowContext {
  store: JobStoreApi;
  columns: readonly ColumnKey[];
  locale: Locale;
  timeZone: string | undefined;
  nodes: ReadonlyMap<string, NodeLabel>;
  /** The active row (-1: none). */
  activeRow: number;
  /** The link of a job's name, if names are links. */
  href: (id: string) => string | undefined;
  /** Filled as rows render: the job each drawn row shows, by index (a click opens that one). */
  drawn: Map<number, Job>;
}

interface NodeLabel {
  name: string;
  swatch: number;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `template` with `{id}` replaced by the URL-encoded id. */
export function jobHref(template: string, id: string): string {
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws): it becomes
  // U+FFFD, as the URL parser itself would make it.
  return template.replaceAll('{id}', encodeURIComponent(id.replace(LONE_SURROGATE, '\uFFFD')));
}

/** The element id of row `index` (`aria-activedescendant` points at it). */
export function rowId(index: number): string {
  return `row-${index}`;
}

const nodeLabelCache = new WeakMap<readonly ClusterNode[], Map<string, NodeLabel>>();

/** Each node's name and swatch, by id; made once per list of nodes. */
export function nodeLabels(nodes: readonly ClusterNode[]): ReadonlyMap<string, NodeLabel> {
  let map = nodeLabelCache.get(nodes);
  if (!map) {
    map = new Map();
    for (const node of nodes) {
      map.set(node.id, { name: node.name, swatch: NODE_PALETTE.indexOf(nodeColor(node.id, nodes) as (typeof NODE_PALETTE)[number]) });
    }
    nodeLabelCache.set(nodes, map);
  }
  return map;
}

/** The placeholder rows shown before the first rows arrive. */
export function renderSkeleton(columns: readonly ColumnKey[]): TemplateResult {
  const rows: TemplateResult[] = [];
  for (let i = 0; i < SKELETON_ROWS; i++) rows.push(renderPlaceholder(i, undefined, columns));
  return html`${rows}`;
}

function renderPlaceholder(index: number, label: string | undefined, columns: readonly ColumnKey[]): TemplateResult {
  return html`<div role="row" class="row placeholder" id=${rowId(index)} aria-rowindex=${index + 2} data-index=${index}>
    ${columns.map(
      (_, c) =>
        html`<div role="gridcell" class="cell">
          ${c === 0 && label ? html`<span class="visually-hidden">${label}</span>` : nothing}<span class="skeleton"></span>
        </div>`,
    )}
  </div>`;
}

/** Row `index`: its job's cells, or a placeholder while the job loads. */
export function renderRow(index: number, context: RowContext): TemplateResult {
  const job = context.store.jobAt(index);
  if (!job) return renderPlaceholder(index, t(context.locale, 'loadingRow'), context.columns);
  context.drawn.set(index, job);
  return html`<div role="row" class=${index === context.activeRow ? 'row active' : 'row'} id=${rowId(index)} aria-rowindex=${index + 2} data-index=${index}>
    ${context.columns.map((key) => renderCell(key, job, context))}
  </div>`;
}

/** One cell; text from the server is shown as text, clipped to a bounded length. */
function renderCell(key: ColumnKey, job: Job, context: RowContext): TemplateResult {
  const locale = context.locale;
  switch (key) {
    case 'name': {
      const href = context.href(job.id);
      const name = clipText(job.name);
      const shown = showControls(name, locale);
      const title = controlsAsText(name);
      return href
        ? html`<div role="gridcell" class="cell"><a class="name" href=${href} tabindex="-1" title=${title}>${shown}</a></div>`
        : html`<div role="gridcell" class="cell name" title=${title}>${shown}</div>`;
    }
    case 'type':
      return html`<div role="gridcell" class="cell">${jobTypeLabel(job.type, locale)}</div>`;
    case 'description': {
      const description = clipText(job.description);
      return html`<div role="gridcell" class="cell muted" title=${controlsAsText(description)}>${showControls(description, locale)}</div>`;
    }
    case 'createdAt':
    case 'updatedAt':
      return html`<div role="gridcell" class="cell">
        <time datetime=${job[key]}>${formatDateTime(job[key], locale, context.timeZone)}</time>
      </div>`;
    case 'node': {
      const node = context.nodes.get(job.node);
      const swatch = node ? node.swatch : NODE_PALETTE.indexOf(nodeColor(job.node, []) as (typeof NODE_PALETTE)[number]);
      const name = clipText(node?.name ?? job.node);
      return html`<div role="gridcell" class="cell">
        <span class="node" title=${controlsAsText(name)}><span class=${`swatch swatch-${swatch}`} aria-hidden="true"></span>${showControls(name, locale)}</span>
      </div>`;
    }
    case 'state':
      return html`<div role="gridcell" class="cell"><span class=${`badge state-${job.state}`}>${jobStateLabel(job.state, locale)}</span></div>`;
    case 'stage': {
      const label = clipText(stageLabel(job.stage, locale));
      const failure = FAILURE_STAGES.has(job.stage);
      return html`<div role="gridcell" class=${failure ? 'cell stage-failure' : 'cell'} title=${controlsAsText(label)}>${showControls(label, locale)}</div>`;
    }
  }
}
