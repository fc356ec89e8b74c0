import { defineMessages } from '../../i18n/index.js';

export const t = defineMessages({
  en: {
    nextAttempt: 'next attempt in {seconds} s',
    label: 'Live updates: {status}',
  },
  fr: {
    nextAttempt: 'nouvel essai dans {seconds} s',
    label: 'Mises à jour en direct : {status}',
  },
});
