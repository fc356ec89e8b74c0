/**
 * A trap for executed payloads: `window.__pwned` (every payload of the corpus sets it if it
 * runs), a MutationObserver over the document and every shadow root (attached from the
 * moment this module loads) that records elements the app never creates, a deep scan of
 * what is on the page, and `securitypolicyviolation` events.
 *
 * Import this module first in a test file, before any element module.
 */
import { PWN_MARKER } from './payloads.js';

/** Elements no element of the package creates: finding one means markup was injected. */
const FOREIGN_TAGS = new Set([
  'IMG',
  'SCRIPT',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'BASE',
  'META',
  'LINK',
  'STYLE',
  'DETAILS',
  'MATH',
  'FOREIGNOBJECT',
  'AUDIO',
  'VIDEO',
]);

/** URL-carrying attributes that must never hold a script or data URL. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'];

export interface TrapReport {
  pwned: unknown;
  violations: string[];
  /** Elements or attributes the app does not create, found while mutating or by the final scan. */
  injected: string[];
}

const violations: string[] = [];
const injected = new Set<string>();
const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) inspectTree(node);
    if (record.type === 'attributes' && record.target instanceof Element) inspect(record.target);
  }
});
const observed = new WeakSet<Node>();
/** What the test runner put on the page before the trap was set: its own scripts and styles. */
const preexisting = new WeakSet<Element>(document.querySelectorAll('*'));

function observe(root: Node): void {
  if (observed.has(root)) return;
  observed.add(root);
  observer.observe(root, { childList: true, subtree: true, attributes: true });
}

function describe(element: Element, what: string): string {
  const host = element.getRootNode() instanceof ShadowRoot ? (element.getRootNode() as ShadowRoot).host.localName : 'document';
  return `${what} in ${host}`;
}

function inspect(element: Element): void {
  if (preexisting.has(element)) return;
  if (FOREIGN_TAGS.has(element.tagName.toUpperCase())) injected.add(describe(element, `<${element.localName}>`));
  for (const attribute of element.getAttributeNames()) {
    const name = attribute.toLowerCase();
    if (name.startsWith('on')) injected.add(describe(element, `${name}= on <${element.localName}>`));
    if (URL_ATTRIBUTES.includes(name)) {
      // eslint-disable-next-line no-control-regex -- browsers drop these before reading a URL's scheme
      const value = (element.getAttribute(attribute) ?? '').replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (value.startsWith('javascript:') || value.startsWith('data:') || value.startsWith('vbscript:')) {
        injected.add(describe(element, `${name}="${value.slice(0, 40)}" on <${element.localName}>`));
      }
    }
  }
  if (element.shadowRoot) {
    observe(element.shadowRoot);
    for (const child of element.shadowRoot.querySelectorAll('*')) inspect(child);
  }
}

function inspectTree(root: Element): void {
  inspect(root);
  for (const child of root.querySelectorAll('*')) inspect(child);
}

// Watch every shadow root from its creation.
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
  const root = attachShadow.call(this, init);
  observe(root);
  return root;
};
observe(document.documentElement);
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}: ${event.sample}`);
});

/** Clears what was recorded (the marker too). */
export function resetTrap(): void {
  violations.length = 0;
  injected.clear();
  delete (window as unknown as Record<string, unknown>)[PWN_MARKER];
}

/** Everything found so far, after a final scan of the document and every shadow root. */
export async function trapReport(): Promise<TrapReport> {
  // Let handlers of anything injected run (an onerror fires after the image fails to load).
  await new Promise((resolve) => setTimeout(resolve, 50));
  inspectTree(document.body);
  return { pwned: (window as unknown as Record<string, unknown>)[PWN_MARKER], violations: [...violations], injected: [...injected] };
}

/** Every text the user can read under `root`, across shadow roots and slots (text nodes only). */
export function deepText(root: Node): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue ?? '';
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return text;
}

/** Every element under `root`, shadow roots included. */
export function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return found;
}
