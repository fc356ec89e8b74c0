/**
 * Every element, with hostile data, on a page served with the standalone page's strict
 * Content-Security-Policy (no inline script or style, Trusted Types required; see
 * csp/policy.mjs and the middleware in web-test-runner.config.mjs): used as a person
 * would, it must cause no violation and no uncaught error.
 */
import { expect } from '@open-wc/testing';
import type { PolicyReport } from './csp/page.js';
import { TestServer } from '../source/test-server.js';

async function loadFrame(src: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.style.width = '1280px';
  frame.style.height = '900px';
  const loaded = new Promise((resolve, reject) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.addEventListener('error', reject, { once: true });
  });
  document.body.append(frame);
  await loaded;
  return frame;
}

describe('every element under a strict Content-Security-Policy with Trusted Types', function () {
  this.timeout(120_000);

  it('mounts, renders hostile data, filters, charts, exports, logs in and navigates with zero violations', async () => {
    const server = await TestServer.create({ seed: 2, nodes: 3, jobs: 200, heartbeatMs: 1000 });
    const frame = await loadFrame('/test/reliability/csp/page.html');
    try {
      const policy = (await fetch('/test/reliability/csp/page.html')).headers.get('content-security-policy') ?? '';
      expect(policy).to.contain("require-trusted-types-for 'script'");
      expect(policy).to.contain("script-src 'self'");
      const win = frame.contentWindow as unknown as { runUnderPolicy?: (base: string) => Promise<PolicyReport> };
      const deadline = performance.now() + 20_000;
      while (!win.runUnderPolicy && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(win.runUnderPolicy, 'the page script ran under the policy').to.be.a('function');
      const report = await win.runUnderPolicy!(server.base);
      expect(report.controlRefused, 'a string assigned to innerHTML is refused and reported').to.equal(true);
      expect(report.violations).to.deep.equal([]);
      expect(report.errors).to.deep.equal([]);
      expect(report.steps).to.have.length(7);
      expect(report.rendered, 'every element rendered under the policy').to.include.members([
        'ac-job-manager',
        'ac-job-dashboard',
        'ac-job-list',
        'ac-job-detail',
        'ac-job-progress',
        'ac-job-files',
        'ac-job-filters',
        'ac-export-button',
        'ac-login-form',
        'ac-connection-status',
        'ac-job-source',
      ]);
    } finally {
      frame.remove();
      await server.close();
    }
  });
});
