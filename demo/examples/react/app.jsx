// A React 19 page over the package's custom elements. React 19 passes objects to custom
// elements as properties (`store`, `jobSource`, `jobId`) and listens to their events with
// `on<event-name>` props (`onac-job-open`), so no wrapper component is needed.
// Bundled by scripts/build-examples.mjs (esbuild) into build/app.js.
import { StrictMode, useCallback, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { DATA_ADMINISTRATOR, HttpJobSource, JobStore } from '@active-circle/job-manager';
// Each element used, by its own entry point (the import defines it).
import '@active-circle/job-manager/ac-connection-status.js';
import '@active-circle/job-manager/ac-login-form.js';
import '@active-circle/job-manager/ac-job-filters.js';
import '@active-circle/job-manager/ac-job-list.js';
import '@active-circle/job-manager/ac-job-detail.js';
import { apiBase } from '../api-base.js';

/** Who may see the jobs, as the store knows it: `login`, `forbidden` or `ready`. */
function useAccess(store) {
  const subscribe = useCallback((onChange) => store.subscribe(onChange), [store]);
  return useSyncExternalStore(subscribe, () => {
    if (store.error?.kind === 'unauthenticated') return 'login';
    const roles = store.session?.user.roles;
    if (store.error?.kind === 'forbidden' || (roles && !roles.includes(DATA_ADMINISTRATOR))) return 'forbidden';
    return 'ready';
  });
}

function App({ store }) {
  const access = useAccess(store);
  // The job the list opened: React state, set by the element's event.
  const [opened, setOpened] = useState(undefined);

  const openJob = useCallback((event) => {
    event.preventDefault();
    setOpened(event.detail.job);
  }, []);
  const logOut = useCallback(async () => {
    setOpened(undefined);
    await store.logout();
    store.retry();
  }, [store]);

  return (
    <>
      <header className="top">
        <h1>Jobs, in a React page</h1>
        <div className="session">
          <ac-connection-status store={store}></ac-connection-status>
          {access !== 'login' && (
            <button type="button" onClick={logOut}>
              Log out
            </button>
          )}
        </div>
      </header>
      {access === 'login' && <ac-login-form jobSource={store.source} onac-login={() => store.retry()}></ac-login-form>}
      {access === 'forbidden' && (
        <p className="message" role="alert">
          The account {store.session?.user.name ?? ''} does not have the Data Administrator role.
        </p>
      )}
      {access === 'ready' && (
        <div className="browse">
          <ac-job-filters store={store}></ac-job-filters>
          <ac-job-list store={store} columns="name,state,updatedAt" onac-job-open={openJob}></ac-job-list>
          <section className="opened" aria-labelledby="opened-title">
            <h2 id="opened-title">{opened ? `Opened from React: ${opened.name}` : 'No job opened'}</h2>
            {opened ? (
              <ac-job-detail store={store} jobId={opened.id} onac-back={() => setOpened(undefined)}></ac-job-detail>
            ) : (
              <p>Open a job in the list: React receives the element's event and shows the job here.</p>
            )}
          </section>
        </div>
      )}
    </>
  );
}

const store = new JobStore(new HttpJobSource({ baseUrl: await apiBase() }));
void store.start();
createRoot(document.getElementById('app')).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
