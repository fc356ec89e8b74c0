/**
 * A web-test-runner plugin for the tests of what a page does when code it loads later
 * cannot be loaded (a lost connection, a chunk gone after a new deployment): the command
 * `refuse-requests` makes the calling test's own page fail the requests whose URL matches
 * one of `payload.urls` as a network error (the DevTools protocol's `Network.setBlockedURLs`
 * patterns, `*` standing for any text); `{urls: []}` lets every request through again.
 * Other test files' pages are not touched.
 */

/** Each page's DevTools session, kept open: the blocking lasts as long as it does. */
const sessions = new WeakMap();

export function refusedRequestsPlugin() {
  return {
    name: 'refused-requests',
    async executeCommand({ command, payload, session }) {
      if (command !== 'refuse-requests') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        await cdp.send('Network.enable');
        sessions.set(page, cdp);
      }
      await cdp.send('Network.setBlockedURLs', { urls: payload?.urls ?? [] });
      return true;
    },
  };
}
