// The manager on one origin, its API on another (README: "Embedding on another origin").
// `?api=<URL>` names the API; the server of this page must let the page reach it (`npm
// start -- --connect-src <its origin>`), and the API must allow this page's origin
// (`--allow-origin`). `?auth=cookie` (default): the API's session cookie, sent with
// `credentials="include"` (same site only). `?auth=token`: the portal's sign-in below gets
// a bearer token from `POST /tokens` and hands it to the manager (any site).
import { apiBase } from './api-base.js';

const params = new URLSearchParams(location.search);
const api = await apiBase();
const manager = document.querySelector('ac-job-manager');
manager.setAttribute('src', api);

if (params.get('auth') === 'token') {
  manager.hidden = true;
  const portal = portalSignIn(api);
  manager.token = () => portal.token;
  // The token was refused twice (revoked, expired): the portal signs in again, then the manager goes on.
  manager.addEventListener('ac-auth-required', async (event) => {
    await portal.signIn();
    event.detail.retry();
  });
  await portal.signIn();
  manager.hidden = false;
} else {
  manager.setAttribute('credentials', 'include');
}
await import('/dist/cdn/ac-job-manager.js');

/** A portal's sign-in, reduced to its form: it holds the token in memory only. */
function portalSignIn(api) {
  const form = document.getElementById('portal-sign-in');
  const error = document.getElementById('portal-error');
  const session = document.getElementById('portal-session');
  const state = { token: undefined, signIn };

  async function signIn() {
    state.token = undefined;
    session.hidden = true;
    form.hidden = false;
    form.elements.username.focus();
    for (;;) {
      await new Promise((resolve) =>
        form.addEventListener(
          'submit',
          (event) => {
            event.preventDefault();
            resolve();
          },
          { once: true },
        ),
      );
      const answer = await fetch(`${api}/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: form.elements.username.value, password: form.elements.password.value }),
        credentials: 'omit',
      }).catch((failure) => ({ ok: false, status: 0, json: async () => ({ error: { message: String(failure) } }) }));
      form.elements.password.value = '';
      const body = await answer.json().catch(() => ({}));
      if (answer.ok && typeof body.token === 'string') {
        state.token = body.token;
        form.hidden = true;
        error.hidden = true;
        session.hidden = false;
        document.getElementById('portal-user').textContent =
          `Signed in to the portal until ${new Date(body.expiresAt).toLocaleTimeString()}`;
        return;
      }
      error.textContent = body.error?.message ?? `The sign-in failed (HTTP ${answer.status}).`;
      error.hidden = false;
    }
  }

  document.getElementById('portal-sign-out').addEventListener('click', async () => {
    await fetch(`${api}/tokens/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${state.token}` }, credentials: 'omit' });
    document.getElementById('portal-user').textContent = 'The token is revoked: the manager will ask to sign in again.';
  });
  return state;
}
