/** The filters's messages in French, loaded the first time a filter bar speaks it (`messages.ts`). */
import type { Translation } from '../../i18n/index.js';
import type { EN } from './messages.js';

const FR: Translation<typeof EN> = {
  filters: 'Filtres',
  filtersCount: 'Filtres ({count})',
  active: { one: '{count} filtre actif', other: '{count} filtres actifs' },
  none: 'Aucun filtre : toutes les tâches sont affichées',
  period: 'Période',
  lastDays: { one: 'Dernières 24 heures', other: '{count} derniers jours' },
  allTime: 'Toute la période',
  custom: 'Dates choisies',
  from: 'Du',
  to: 'Au',
  rangeMissing: 'Indiquez les deux dates.',
  rangeOrder: 'La date de début doit précéder ou égaler la date de fin.',
  state: 'État',
  node: 'Nœud',
  type: 'Type',
  stage: 'Étape',
  offline: 'hors ligne',
  noNodes: 'Aucun nœud pour l’instant',
};

export default FR;
