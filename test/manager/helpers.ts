/** Reaching into the manager's shadow roots the way a user's eyes and hands would. */
import type { AcJobManager } from '../../src/elements/job-manager/ac-job-manager.js';
import { waitFor } from '../wait-for.js';
export { waitFor } from '../wait-for.js';

/** Every element under `root`, through open shadow roots. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [];
  const visit = (node: ParentNode) => {
    found.push(...node.querySelectorAll(selector));
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
  };
  visit(root);
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  return found;
}

export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  return deepQueryAll(root, selector)[0] as T | undefined;
}

/** The text a user sees: text nodes of every shadow root, and the accessible names given by attributes. */
export function visibleTexts(root: Node): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (text && !(parent && ['STYLE', 'SCRIPT'].includes(parent.tagName))) texts.push(text);
      return;
    }
    if (node instanceof Element) {
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = node.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return texts;
}

export async function logIn(manager: AcJobManager, username: string, password: string): Promise<void> {
  const form = await waitFor(() => deepQuery(manager, 'ac-login-form')?.shadowRoot?.querySelector('form'), 'the login form');
  (form.querySelector('input[name=username]') as HTMLInputElement).value = username;
  (form.querySelector('input[name=password]') as HTMLInputElement).value = password;
  (form.querySelector('button[type=submit]') as HTMLButtonElement).click();
}

export function mountManager(attributes: Record<string, string>): AcJobManager {
  const manager = document.createElement('ac-job-manager');
  for (const [name, value] of Object.entries(attributes)) manager.setAttribute(name, value);
  document.body.append(manager);
  return manager;
}
