/** The log-in form's messages in French, loaded the first time a log-in form speaks it (`messages.ts`). */
import type { Translation } from '../../i18n/index.js';
import type { EN } from './messages.js';

const FR: Translation<typeof EN> = {
  title: 'Connexion à l’Active Job Manager',
  intro: 'Utilisez vos identifiants Active Circle habituels. Le rôle Administrateur de données est requis.',
  username: 'Nom d’utilisateur',
  password: 'Mot de passe',
  submit: 'Se connecter',
  submitting: 'Connexion…',
  wrongCredentials: 'Nom d’utilisateur ou mot de passe incorrect.',
  missing: 'Saisissez votre nom d’utilisateur et votre mot de passe.',
  network: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  blocked:
    'L’API n’autorise pas l’origine de cette page : le navigateur a bloqué sa réponse. L’API doit répondre en CORS à cette page : voir «\u00a0Embedding on another origin\u00a0» dans le README.',
  failed: 'La connexion a échoué : {message}',
  throttled: 'Trop de tentatives échouées : réessayez dans {seconds} s.',
};

export default FR;
