/**
 * Colours that carry meaning: one per node (the same in chips, legends and every chart,
 * and across reloads, since it follows the node's place in the cluster's node list) and
 * one per state. Charts read them as values (canvas cannot use CSS variables directly).
 */
import type { ClusterNode, JobState } from '../../model/index.js';

/** Distinguishable in light and dark themes and for common colour-vision deficiencies (Okabe–Ito based). */
export const NODE_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#8C6BB1',
  '#999933',
  '#117733',
  '#AA4499',
  '#44AA99',
  '#882255',
] as const;

/** The order of node ids everywhere they are listed: numeric, so `node-10` follows `node-9`. */
export const compareNodeIds = new Intl.Collator('en', { numeric: true }).compare;

/** Each node list's positions by id, sorted once per list (charts ask for a colour per bar and per draw). */
const positions = new WeakMap<readonly ClusterNode[], Map<string, number>>();

/** A node's colour: by its position in the cluster's node list (ordered by id, numerically). */
export function nodeColor(nodeId: string, nodes: readonly ClusterNode[]): string {
  let places = positions.get(nodes);
  if (!places) {
    places = new Map(
      nodes
        .map((n) => n.id)
        .sort(compareNodeIds)
        .map((id, i) => [id, i]),
    );
    positions.set(nodes, places);
  }
  const at = places.get(nodeId) ?? hash(nodeId);
  return NODE_PALETTE[at % NODE_PALETTE.length]!;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

/** CSS custom property holding a state's colour (see theme.ts). */
export function stateColorVar(state: JobState): string {
  return `--ac-color-${state.toLowerCase()}`;
}

/** A state's colour as a value, read from an element's computed style (for canvases). */
export function resolveStateColor(element: Element, state: JobState): string {
  return getComputedStyle(element).getPropertyValue(stateColorVar(state)).trim() || '#888';
}
