import { defineMessages } from '../../i18n/index.js';

/** The log-in form's messages in English; French is `messages.fr.ts`, loaded the first time a log-in form speaks it. */
export const EN = {
  title: 'Log in to the Active Job Manager',
  intro: 'Use your usual Active Circle credentials. You need the Data Administrator role.',
  username: 'User name',
  password: 'Password',
  submit: 'Log in',
  submitting: 'Logging in…',
  wrongCredentials: 'Wrong user name or password.',
  missing: 'Enter your user name and password.',
  network: 'The server could not be reached. Check your connection and try again.',
  blocked:
    'The API does not allow this page’s origin, so the browser blocked its answer. The API must answer CORS for this page: see “Embedding on another origin” in the README.',
  failed: 'Logging in failed: {message}',
  throttled: 'Too many failed attempts: try again in {seconds} s.',
} as const;

export const t = defineMessages({ en: EN, fr: () => import('./messages.fr.js') });
