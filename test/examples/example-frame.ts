/**
 * An example page of demo/examples/ in a frame, served with the standalone page's strict
 * Content-Security-Policy (web-test-runner.config.mjs adds it to every /demo/ path) and
 * pointed at an API instance of the test's own with `?api=`. Every policy violation in
 * the frame is collected, from its first script on.
 */
import { expect } from '@open-wc/testing';
import { waitFor } from '../wait-for.js';
export { waitFor } from '../wait-for.js';

export interface ExampleFrame {
  frame: HTMLIFrameElement;
  doc: Document;
  /** Fails when the frame reported a policy violation; then proves the collector sees one. */
  expectNoViolations(): Promise<void>;
  close(): void;
}

interface CspReport {
  body: { effectiveDirective?: string; blockedURL?: string; sample?: string } | null;
}
interface FrameGlobals {
  ReportingObserver: new (
    callback: (reports: CspReport[]) => void,
    options: { types: string[]; buffered: boolean },
  ) => { observe(): void; takeRecords(): CspReport[]; disconnect(): void };
}

/** Every element matching `selector` under `root`, through open shadow roots (works across frames). */
export function deepQueryAll(root: Document | ShadowRoot, selector: string): HTMLElement[] {
  const found: HTMLElement[] = [...root.querySelectorAll<HTMLElement>(selector)];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepQueryAll(element.shadowRoot, selector));
  return found;
}

export function deepQuery(root: Document | ShadowRoot, selector: string): HTMLElement | undefined {
  return deepQueryAll(root, selector)[0];
}

/** Fills and submits the first visible `<ac-login-form>` of the page. */
export async function logIn(doc: Document, username: string, password: string): Promise<void> {
  const form = await waitFor(
    () =>
      deepQueryAll(doc, 'ac-login-form')
        .find((f) => !f.hidden)
        ?.shadowRoot?.querySelector('form'),
    'the log-in form',
  );
  form.querySelector<HTMLInputElement>('input[name=username]')!.value = username;
  form.querySelector<HTMLInputElement>('input[name=password]')!.value = password;
  form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

/** The row of a job list at `index` once it shows a job (not a placeholder). */
export function listRow(list: HTMLElement, index: number): HTMLElement | undefined {
  return list.shadowRoot?.querySelector<HTMLElement>(`[role=row][data-index="${index}"]:not(.placeholder)`) ?? undefined;
}

export async function openExample(path: string, api: string, width = 1280, height = 900): Promise<ExampleFrame> {
  const policy = (await fetch(path)).headers.get('content-security-policy') ?? '';
  expect(policy, 'the page is served with the strict policy').to.contain("require-trusted-types-for 'script'");
  expect(policy).to.contain("script-src 'self'").and.not.contain('unsafe-inline').and.not.contain('unsafe-eval');

  const frame = document.createElement('iframe');
  frame.src = `${path}?api=${encodeURIComponent(api)}`;
  frame.style.width = `${width}px`;
  frame.style.height = `${height}px`;
  frame.style.border = '0';
  const loaded = new Promise((resolve, reject) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.addEventListener('error', reject, { once: true });
  });
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as unknown as FrameGlobals;

  // The buffered observer also gets the reports made before it existed (the page's first
  // scripts); the event listener, those from now on.
  const seen: string[] = [];
  const describe = (directive = '', blocked = '', sample = '') => `${directive} ${blocked} ${sample}`.trim();
  const fromReports = (reports: CspReport[]) =>
    reports.map((r) => `report: ${describe(r.body?.effectiveDirective, r.body?.blockedURL, r.body?.sample)}`);
  const observer = new win.ReportingObserver((reports) => seen.push(...fromReports(reports)), {
    types: ['csp-violation'],
    buffered: true,
  });
  observer.observe();
  doc.addEventListener('securitypolicyviolation', (e) => seen.push(`event: ${describe(e.effectiveDirective, e.blockedURI, e.sample)}`));
  /** What was seen so far, with the reports still queued. */
  const drain = () => {
    seen.push(...fromReports(observer.takeRecords()));
    return seen;
  };

  return {
    frame,
    doc,
    async expectNoViolations() {
      // Reports are queued for a moment before they are delivered.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect([...drain()], 'policy violations').to.deep.equal([]);
      // Control: markup assigned to innerHTML is refused under Trusted Types, and seen here.
      const probe = doc.createElement('div');
      expect(() => (probe.innerHTML = '<b>probe</b>')).to.throw();
      await waitFor(
        () => drain().some((s) => s.startsWith('event:') && s.includes('require-trusted-types-for')),
        'the control event',
        5000,
      );
      await waitFor(
        () => drain().some((s) => s.startsWith('report:') && s.includes('require-trusted-types-for')),
        'the control report',
        5000,
      );
    },
    close() {
      observer.disconnect();
      frame.remove();
    },
  };
}
