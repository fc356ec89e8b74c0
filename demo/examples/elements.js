// The four elements placed by the page and sharing one <ac-job-source>: the page shows
// the log-in form or the role message when the store says so, and opens a job from the
// list in the detail beside it. Plain DOM, the package's no-build entries (dist/cdn/), no build step.
import { apiBase } from './api-base.js';

const source = document.getElementById('jobs');
const login = document.getElementById('login');
const logout = document.getElementById('logout');
const forbidden = document.getElementById('forbidden');
const layout = document.getElementById('layout');
const list = document.querySelector('ac-job-list');
const detail = document.querySelector('ac-job-detail');
const hint = document.getElementById('detail-hint');

let store;
let unsubscribe;

/** Shows what the account may see: the log-in form, the role message, or the jobs. */
function showAccess() {
  const kind = store.error?.kind;
  const session = store.session;
  const lacksRole = kind === 'forbidden' || (session && !session.user.roles.includes('DATA_ADMINISTRATOR'));
  // A 401 at any time (at start, or a session that ended later) brings the form back.
  login.hidden = !store.authRequired;
  forbidden.hidden = !lacksRole;
  forbidden.textContent = lacksRole
    ? `The account ${session?.user.name ?? ''} is signed in but does not have the Data Administrator role.`
    : '';
  logout.hidden = !session;
  layout.hidden = !login.hidden || lacksRole;
}

// Listened to before the entries define the source, which announces its store at once.
source.addEventListener('ac-store-ready', (event) => {
  unsubscribe?.();
  store = event.detail.store;
  login.jobSource = store.source;
  unsubscribe = store.subscribe(showAccess);
  showAccess();
});
login.addEventListener('ac-login', () => store.retry());
logout.addEventListener('click', async () => {
  closeDetail();
  await store.logout();
  store.retry();
});

list.addEventListener('ac-job-open', (event) => {
  event.preventDefault();
  detail.jobId = event.detail.id;
  detail.hidden = false;
  hint.hidden = true;
  // One column: the detail is below the list, so bring it into view.
  if (matchMedia('(max-width: 900px)').matches) detail.scrollIntoView({ block: 'start' });
});
detail.addEventListener('ac-back', () => {
  closeDetail();
  list.focus();
});

function closeDetail() {
  detail.hidden = true;
  detail.jobId = undefined;
  hint.hidden = false;
}

// The API is set before the elements are defined, so the source starts once, on it.
source.setAttribute('src', await apiBase());
// One entry per element the page shows; they share their chunks (lit, the store).
await Promise.all(
  ['ac-job-source', 'ac-job-filters', 'ac-job-dashboard', 'ac-job-list', 'ac-job-detail', 'ac-connection-status', 'ac-login-form'].map(
    (name) => import(`/dist/cdn/${name}.js`),
  ),
);
