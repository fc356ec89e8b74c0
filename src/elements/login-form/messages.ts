import { defineMessages } from '../../i18n/index.js';

export const t = defineMessages({
  en: {
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
  },
  fr: {
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
  },
});
