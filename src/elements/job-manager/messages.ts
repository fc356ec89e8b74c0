import { defineMessages } from '../../i18n/index.js';

/** The manager's messages in English; French is `messages.fr.ts`, loaded the first time a manager speaks it. */
export const EN = {
  appTitle: 'Active Job Manager',
  navLabel: 'Views',
  dashboard: 'Dashboard',
  jobs: 'Jobs',
  analysis: 'Analysis',
  dashboardView: 'Jobs dashboard',
  jobsView: 'Jobs list',
  jobView: 'Job details',
  analysisView: 'Jobs analysis',
  signedInAs: 'Signed in as {name}',
  starting: 'Connecting to the cluster…',
  forbiddenTitle: 'You need the Data Administrator role',
  forbiddenText:
    'The account “{name}” is signed in but does not have the Data Administrator role, which the Active Job Manager requires. Ask an administrator for the role, or log out and sign in with another account.',
  failedTitle: 'The Active Job Manager could not start',
  failedText: '{message}',
  networkText: 'The server could not be reached. Check the network and try again.',
  blockedText:
    'The API at {api} does not allow pages from {page}, so the browser blocked its answers. It must answer CORS for {page} (with credentials, or take a bearer token): see “Embedding on another origin” in the README.',
  sessionEndedTitle: 'Your session has ended',
  sessionEndedText: 'Your session has ended. Log in again to go on where you were: the view and its filters are kept.',
  signInTitle: 'Sign in again',
  signInText: 'Your session has ended, or the sign-in was refused. Sign in again through the portal, then retry.',
  viewFailedTitle: 'This view could not be loaded',
  loginFailedTitle: 'The log-in form could not be loaded',
  timeZone: 'Times in {zone}',
  exportList: 'Export list',
} as const;

export const t = defineMessages({ en: EN, fr: () => import('./messages.fr.js') });
