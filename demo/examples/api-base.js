// Which API the example pages talk to: the one `npm start` serves (or was pointed at with
// `--api`, as `/config.json` says), else `/api/v1`. `?api=/some/path` overrides it, so
// tests can point a page at an API instance of their own; so does `?api=<http(s) URL>` on
// another origin, which the page's Content-Security-Policy must allow (`--connect-src`).
export async function apiBase() {
  const asked = new URLSearchParams(location.search).get('api');
  if (asked && /^\/(?!\/)[\w\-./]*$/.test(asked)) return asked;
  if (asked && /^https?:\/\/[\w\-.:[\]]+(\/[\w\-./]*)?$/.test(asked)) return asked.replace(/\/+$/, '');
  try {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
    const config = response.ok ? await response.json() : {};
    if (typeof config.api === 'string') return config.api;
  } catch {
    // No configuration: the default below.
  }
  return '/api/v1';
}
