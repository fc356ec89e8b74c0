/** The analysis view's messages in French, loaded the first time the view speaks it (`messages.ts`). */
import type { Translation } from '../../i18n/index.js';
import type { EN } from './messages.js';

const FR: Translation<typeof EN> = {
  loading: 'Analyse des tâches…',
  updating: 'Mise à jour…',
  noStore: 'Aucune source de tâches n’est reliée à cette analyse.',
  empty: 'Aucune tâche ne correspond à ces filtres.',
  'error.unauthenticated': 'Votre session a pris fin. Reconnectez-vous pour voir l’analyse.',
  'error.forbidden': 'Ce compte ne peut pas voir les tâches : le rôle Administrateur de données est requis.',
  'error.not-found': 'Ce serveur ne propose pas d’analyse.',
  'error.bad-request': 'Le serveur a refusé ces filtres, ou ne propose pas d’analyse.',
  'error.bad-response': 'Le serveur a envoyé une analyse que cette page ne sait pas lire.',
  'error.network': 'Le serveur est injoignable. Vérifiez le réseau, puis réessayez.',
  'error.blocked':
    'L’API n’autorise pas l’origine de cette page : le navigateur a bloqué ses réponses. L’API doit répondre en CORS à cette page : voir « Embedding on another origin » dans le README.',
  'error.server': 'Le serveur a rencontré un problème. Réessayez dans un instant.',
  'error.aborted': 'Le chargement a été annulé.',

  tableTitle: 'Par type et par nœud',
  tableHint:
    'Attente : de la création au démarrage. Exécution : du démarrage à la fin, pour les tâches terminées. Centiles à 3 % près. Choisissez un nombre pour voir ces tâches dans la liste.',
  type: 'Type',
  node: 'Nœud',
  allTypes: 'Tous les types',
  allNodes: 'Tous les nœuds',
  finished: 'Terminées',
  unsuccessful: 'En échec',
  successRate: 'Réussite',
  wait: 'Attente',
  run: 'Exécution',
  median: 'médiane',
  p95: 'p95',
  max: 'max',
  bytes: 'Données traitées',
  throughput: 'Débit',
  perSecond: '{size}/s',
  none: '–',
  openFinished: 'Afficher les {count} tâches terminées : {what}',
  openUnsuccessful: 'Afficher les {count} tâches en échec : {what}',
  cellName: '{type}, {node}',

  histogramTitle: 'Répartition des durées d’exécution',
  histogramHint:
    'Tâches terminées par durée d’exécution, une ligne par nœud. Chaque palier est 2 à 3 fois plus long que le précédent. Choisissez une ligne pour voir les tâches terminées de ce nœud.',
  histogramKeys:
    'Graphique des durées. Les flèches gauche et droite lisent chaque durée, les flèches haut et bas choisissent un nœud, Entrée affiche ses tâches terminées.',
  histogramType: 'Tâches de type',
  runTime: 'Durée d’exécution',
  bucketRange: 'de {from} à {to}',
  bucketUnder: 'moins de {to}',
  bucketOver: '{from} et plus',
  total: 'Total',

  trendsTitle: 'Tendances',
  trendsHint:
    'Tâches terminées par {bucket}, une ligne par nœud. Heures en {zone}. Choisissez un point pour voir les tâches de ce nœud sur cette période.',
  trendsKeys:
    'Graphique des tendances. Les flèches gauche et droite lisent chaque période, les flèches haut et bas choisissent un nœud, Entrée affiche ses tâches de cette période.',
  metric: 'Mesure',
  'metric.p95': 'Durée d’exécution p95',
  'metric.failures': 'Échecs',
  'metric.throughput': 'Débit',
  period: 'Période',
  'bucket.hour': 'heure',
  'bucket.6hours': 'tranche de 6 heures',
  'bucket.day': 'jour',
  'bucket.week': 'semaine',
  'bucket.other': 'tranche de {minutes} minutes',

  stopsTitle: 'Pourquoi les tâches s’arrêtent',
  stopsHint: 'Tâches en échec selon l’étape où elles se sont arrêtées, par nœud. Choisissez un nombre pour voir ces tâches.',
  stopsType: 'Tâches de type',
  stage: 'Étape',
  noStops: 'Aucune tâche ne s’est arrêtée en échec.',
  openStops: 'Afficher les {count} tâches : {stage}, {node}',

  slowestTitle: 'Tâches terminées les plus longues',
  waitingTitle: 'Tâches planifiées qui attendent le plus',
  name: 'Nom',
  runTimeColumn: 'Durée d’exécution',
  waitingColumn: 'En attente depuis',
  finishedAt: 'Terminée le',
  createdAt: 'Créée le',
  noSlowest: 'Aucune tâche terminée.',
  noWaiting: 'Aucune tâche n’attend de démarrer.',

  reading: '{title}. {rows}.',
  readingRow: '{node} : {value}',

  showTable: 'Afficher en tableau',
  showChart: 'Afficher en graphique',
  exportCsv: 'Exporter en CSV',
  chartsFailed: 'Les graphiques n’ont pas pu être chargés. Leurs chiffres sont dans les tableaux : Afficher en tableau.',
  exportFailed: 'Le fichier CSV n’a pas pu être créé : {reason}',

  'unit.s': '{n} s',
  'unit.min': '{n} min',
  'unit.h': '{n} h',
  'unit.d': '{n} j',
};

export default FR;
