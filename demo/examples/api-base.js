// Which API the example pages talk to: the one `npm start` serves (or was pointed at with
// `--api`, as `/config.json` says), else `/api/v1`. `?api=/some/path` overrides it, so
// tests can point a page at an API instance of their own; only a path on this origin is
// taken (the page's Content-Security-Policy allows no other anyway).
export async function apiBase() {
  const asked = new URLSearchParams(location.search).get('api');
  if (asked && /^\/(?!\/)[\w\-./]*$/.test(asked)) return asked;
  try {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
    const config = response.ok ? await response.json() : {};
    if (typeof config.api === 'string') return config.api;
  } catch {
    // No configuration: the default below.
  }
  return '/api/v1';
}
