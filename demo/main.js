// The standalone page: points the manager at the API the server was started for
// (`npm start -- --api <url>`), and follows `?lang=fr`, `?theme=dark` and `?tz=<IANA zone>`.
const params = new URLSearchParams(location.search);
const lang = params.get('lang');
if (lang) document.documentElement.lang = lang;
if (document.documentElement.lang.startsWith('fr')) translateFooter();

let api = '/api/v1';
try {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  const config = response.ok ? await response.json() : {};
  if (typeof config.api === 'string') api = config.api;
} catch {
  // The built-in API then.
}

// Created once the API is known, so it starts only once.
const manager = document.createElement('ac-job-manager');
manager.setAttribute('src', api);
const theme = params.get('theme');
if (theme === 'dark' || theme === 'light') {
  manager.setAttribute('theme', theme);
  document.documentElement.dataset.theme = theme;
}
const timeZone = params.get('tz');
if (timeZone) manager.setAttribute('time-zone', timeZone);
document.body.prepend(manager);

/** The page's own words (the manager translates itself). */
function translateFooter() {
  const footer = document.querySelector('.page-footer');
  if (!footer) return;
  const [bundle, elements, react] = footer.querySelectorAll('a');
  footer.firstChild.textContent = 'Exemples d’intégration\u00a0: ';
  bundle.textContent = 'un seul fichier, sans compilation';
  elements.textContent = 'les quatre éléments sur une page';
  react.textContent = 'dans une page React 19';
}
