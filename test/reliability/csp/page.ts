/**
 * Runs inside `page.html`, served with the standalone page's strict policy (script-src
 * 'self', style-src 'self', require-trusted-types-for 'script'; see policy.mjs): mounts
 * every element with hostile data, uses them, and reports every policy violation and
 * uncaught error. The test calls `window.runUnderPolicy(base)`.
 */
import { MemoryJobSource } from '../../../src/source/memory-job-source.js';
import { HttpJobSource } from '../../../src/source/http-job-source.js';
import { JobStore } from '../../../src/store/job-store.js';
import '../../../src/elements/job-filters/ac-job-filters.js';
import '../../../src/elements/job-dashboard/ac-job-dashboard.js';
import '../../../src/elements/job-list/ac-job-list.js';
import '../../../src/elements/job-detail/ac-job-detail.js';
import '../../../src/elements/export-button/ac-export-button.js';
import '../../../src/elements/connection-status/ac-connection-status.js';
import '../../../src/elements/login-form/ac-login-form.js';
import '../../../src/elements/job-source/ac-job-source.js';
import '../../../src/elements/job-manager/ac-job-manager.js';
import { HOSTILE_NODES, HOSTILE_USER, hostileFilePages, hostileJob, hostileJobs } from '../payloads.js';

export interface PolicyReport {
  violations: string[];
  errors: string[];
  /** The steps that ran to their end. */
  steps: string[];
  /** A string assigned to innerHTML was refused (the policy is in force). */
  controlRefused: boolean;
  /** The custom elements that rendered something under the policy (tag names, sorted). */
  rendered: string[];
}

const violations: string[] = [];
const errors: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective}: ${event.blockedURI || 'inline'} ${event.sample} (${event.sourceFile}:${event.lineNumber})`);
});
window.addEventListener('error', (event) => errors.push(String(event.error ?? event.message)));
window.addEventListener('unhandledrejection', (event) => errors.push(`unhandled: ${String(event.reason)}`));

const ALWAYS_VISIBLE = { hidden: () => false, onChange: () => () => {} };

function pause(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(20);
  }
}

function add<K extends keyof HTMLElementTagNameMap>(tag: K, setup: (element: HTMLElementTagNameMap[K]) => void = () => {}) {
  const element = document.createElement(tag);
  setup(element);
  document.body.append(element);
  return element;
}

function inShadow(host: Element, selector: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  const walk = (root: ParentNode) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element as HTMLElement);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (host.shadowRoot) walk(host.shadowRoot);
  return found;
}

/** Adds the tag of every `ac-*` element under `root` (through shadow roots) whose shadow root holds something. */
function noteRendered(root: ParentNode, into: Set<string>): void {
  for (const element of root.querySelectorAll('*')) {
    if (!element.shadowRoot) continue;
    if (element.localName.startsWith('ac-') && element.shadowRoot.childElementCount > 0) into.add(element.localName);
    noteRendered(element.shadowRoot, into);
  }
}

async function runUnderPolicy(base: string): Promise<PolicyReport> {
  const steps: string[] = [];
  const rendered = new Set<string>();
  const step = async (name: string, run: () => Promise<void>) => {
    await run();
    noteRendered(document.body, rendered);
    steps.push(name);
  };

  const source = new MemoryJobSource({
    jobs: hostileJobs(),
    nodes: HOSTILE_NODES,
    user: HOSTILE_USER,
    files: hostileFilePages(),
    visibility: ALWAYS_VISIBLE,
  });
  const store = new JobStore(source);
  await store.start();

  await step('filters', async () => {
    const filters = add('ac-job-filters', (e) => (e.store = store));
    await filters.updateComplete;
    for (const chip of inShadow(filters, '.chip').slice(0, 6)) chip.click();
    await pause();
    inShadow(filters, '.reset')[0]?.click();
    const range = inShadow(filters, 'input[type=radio]').find((input) => (input as HTMLInputElement).value === 'range');
    range?.click();
    await pause();
  });

  await step('dashboard', async () => {
    const dashboard = add('ac-job-dashboard', (e) => (e.store = store));
    await until(() => inShadow(dashboard, 'canvas').length > 0, 'the charts');
    for (const toggle of inShadow(dashboard, '.table-toggle')) toggle.click();
    await pause();
    for (const chip of inShadow(dashboard, '.chip')) {
      chip.dispatchEvent(new MouseEvent('mouseenter'));
      await pause(5);
      chip.dispatchEvent(new MouseEvent('mouseleave'));
    }
    const plot = inShadow(dashboard, '.plot-frame.focusable')[0];
    plot?.focus();
    plot?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    inShadow(dashboard, '.indicator')[1]?.click();
    await pause();
    store.resetFilters(true);
  });

  await step('list', async () => {
    const list = add('ac-job-list', (e) => {
      e.store = store;
      e.hrefTemplate = '#/jobs/{id}';
    });
    await until(() => inShadow(list, '[role=row]').length > 3, 'rows');
    for (const header of inShadow(list, '[role=columnheader]').slice(0, 3)) header.click();
    const search = inShadow(list, 'input[type=search]')[0] as HTMLInputElement | undefined;
    if (search) {
      search.value = '<img';
      search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    const scroller = inShadow(list, '.scroller')[0];
    if (scroller) scroller.scrollTop = 200;
    await pause(100);
    store.resetFilters(true);
  });

  await step('detail and export', async () => {
    const detail = add('ac-job-detail', (e) => {
      e.store = store;
      e.jobId = hostileJob(0).id;
    });
    await until(() => inShadow(detail, 'ac-export-button').length > 0, 'the detail');
    // The file table draws the rows on screen only.
    const files = inShadow(detail, 'ac-job-files')[0];
    files?.scrollIntoView();
    await until(() => !!files && inShadow(files, '[role=row]').length > 2, 'the file rows');
    const button = inShadow(detail, 'ac-export-button')[0] as HTMLElementTagNameMap['ac-export-button'];
    let saved = 0;
    button.save = async (chunks) => {
      for await (const chunk of chunks) saved += chunk.length;
      return { bytes: saved };
    };
    for (const format of ['json', 'xml', 'csv'] as const) await button.start(format);
    if (saved === 0) throw new Error('nothing exported');
    inShadow(detail, '.chip')[1]?.click();
    await pause(100);
  });

  await step('connection status and simulated source', async () => {
    const status = add('ac-connection-status', (e) => (e.store = store));
    await until(() => (status.shadowRoot?.textContent ?? '').trim() !== '', 'the connection status');
    const simulated = add('ac-job-source', (e) => {
      e.id = 'simulated';
      e.simulated = true;
      e.jobs = 300;
    });
    const list = add('ac-job-list', (e) => (e.source = 'simulated'));
    await until(() => inShadow(list, '[role=row]').length > 3, 'simulated rows');
    noteRendered(document.body, rendered);
    simulated.remove();
    list.remove();
  });

  await step('login form', async () => {
    const http = new HttpJobSource({ baseUrl: base, visibility: ALWAYS_VISIBLE, live: false });
    const form = add('ac-login-form', (e) => (e.jobSource = http));
    await form.updateComplete;
    (inShadow(form, 'input[name=username]')[0] as HTMLInputElement).value = HOSTILE_USER;
    (inShadow(form, 'input[name=password]')[0] as HTMLInputElement).value = 'wrong';
    (inShadow(form, 'form')[0] as HTMLFormElement).requestSubmit();
    await until(() => inShadow(form, '.error').length > 0, 'the refusal');
    http.close();
  });

  await step('manager over HTTP: log in, dashboard, jobs, one job, back', async () => {
    const manager = add('ac-job-manager', (e) => {
      e.src = base;
      e.routing = 'none';
    });
    await until(() => inShadow(manager, 'ac-login-form').length > 0, 'the login form');
    const form = inShadow(manager, 'ac-login-form')[0]!;
    (inShadow(form, 'input[name=username]')[0] as HTMLInputElement).value = 'admin';
    (inShadow(form, 'input[name=password]')[0] as HTMLInputElement).value = 'admin';
    (inShadow(form, 'form')[0] as HTMLFormElement).requestSubmit();
    await until(() => inShadow(manager, 'ac-job-dashboard').length > 0, 'the dashboard');
    await until(() => inShadow(manager, 'canvas').length > 0, 'the charts');
    manager.view = 'jobs';
    await until(
      () => inShadow(manager, 'ac-job-list [role=row]:not(.placeholder)').length > 2 || inShadow(manager, '[role=row]').length > 3,
      'the list',
    );
    const firstRow = inShadow(manager, '[role=row][data-index="0"]')[0];
    firstRow?.click();
    await until(() => inShadow(manager, 'ac-job-detail').length > 0 || manager.view === 'job', 'a job opened', 4000).catch(() => {
      manager.view = 'job';
    });
    await pause(300);
    manager.view = 'dashboard';
    await pause(100);
    noteRendered(document.body, rendered);
    manager.remove();
  });

  store.dispose();
  source.close();
  await pause(100);

  // Control: the policy is in force, and a violation would be seen.
  let controlRefused = false;
  const before = violations.length;
  try {
    document.createElement('div').innerHTML = '<b>control</b>';
  } catch {
    controlRefused = true;
  }
  await pause(50);
  if (violations.length > before) violations.splice(before);
  else controlRefused = false;

  return { violations: [...violations], errors: [...errors], steps, controlRefused, rendered: [...rendered].sort() };
}

(window as unknown as { runUnderPolicy: typeof runUnderPolicy }).runUnderPolicy = runUnderPolicy;
