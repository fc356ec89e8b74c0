import { expect, fixture, html } from '@open-wc/testing';
import {
  COMMON_MESSAGES,
  common,
  connectionStatusLabel,
  defineMessages,
  fileStatusLabel,
  jobStateLabel,
  jobTypeLabel,
  localeOf,
  messagesReady,
  resolveLocale,
  stageLabel,
} from '../../src/i18n/index.js';
import COMMON_FR from '../../src/i18n/common.fr.js';
import { FILE_STATUSES, JOB_STATES, JOB_TYPES, KNOWN_STAGES } from '../../src/model/index.js';

const messages = defineMessages({
  en: {
    title: 'Jobs',
    jobs: { one: '{count} job', other: '{count} jobs' },
    filesOf: { one: '{count} file of {name}', other: '{count} files of {name}' },
    greeting: 'Hello {name}, you have {unread} alerts',
  },
  fr: {
    title: 'Tâches',
    jobs: { one: '{count} tâche', many: '{count} de tâches', other: '{count} tâches' },
    filesOf: { one: '{count} fichier de {name}', other: '{count} fichiers de {name}' },
    greeting: 'Bonjour {name}, vous avez {unread} alertes',
  },
});

describe('resolveLocale', () => {
  it('speaks French for any French tag and English otherwise', () => {
    expect(resolveLocale('fr')).to.equal('fr');
    expect(resolveLocale('fr-CA')).to.equal('fr');
    expect(resolveLocale('FR_be')).to.equal('fr');
    expect(resolveLocale('en-US')).to.equal('en');
    expect(resolveLocale('de')).to.equal('en');
    expect(resolveLocale('frr')).to.equal('en');
  });

  it('falls back to the page language, then the browser', () => {
    const root = document.documentElement;
    const before = root.lang;
    try {
      root.lang = 'fr-FR';
      expect(resolveLocale()).to.equal('fr');
      expect(resolveLocale(null)).to.equal('fr');
      root.lang = '';
      expect(resolveLocale('')).to.equal(resolveLocale(navigator.language));
    } finally {
      root.lang = before;
    }
  });

  it('reads the nearest lang, across shadow roots', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="fr-CA"><span></span></div>`);
    const shadow = host.querySelector('span')!.attachShadow({ mode: 'open' });
    const inner = document.createElement('b');
    shadow.append(inner);
    expect(localeOf(inner)).to.equal('fr');
    host.lang = 'en';
    expect(localeOf(inner)).to.equal('en');
  });
});

describe('defineMessages', () => {
  it('translates by key', () => {
    expect(messages('en', 'title')).to.equal('Jobs');
    expect(messages('fr', 'title')).to.equal('Tâches');
  });

  it('picks the plural form of each language', () => {
    expect(messages('en', 'jobs', { count: 0 })).to.equal('0 jobs');
    expect(messages('en', 'jobs', { count: 1 })).to.equal('1 job');
    expect(messages('en', 'jobs', { count: 2 })).to.equal('2 jobs');
    // French: 0 and 1 are singular; round millions take "de".
    expect(messages('fr', 'jobs', { count: 0 })).to.equal('0 tâche');
    expect(messages('fr', 'jobs', { count: 2 })).to.equal('2 tâches');
    expect(messages('fr', 'jobs', { count: 1_000_000 })).to.equal('1\u202f000\u202f000 de tâches');
    expect(messages('en', 'jobs', { count: 1234 })).to.equal('1,234 jobs');
  });

  it('substitutes every parameter, as text', () => {
    expect(messages('en', 'filesOf', { count: 1, name: 'Copy:a' })).to.equal('1 file of Copy:a');
    const hostile = '<img src=x onerror=alert(1)> $& $1 {count}';
    const text = messages('en', 'greeting', { name: hostile, unread: 3 });
    expect(text).to.equal(`Hello ${hostile}, you have 3 alerts`);
  });

  it('renders markup-looking parameters as text in a template', async () => {
    const text = messages('fr', 'greeting', { name: '<b>x</b>', unread: 1 });
    const element = await fixture<HTMLParagraphElement>(html`<p>${text}</p>`);
    expect(element.querySelector('b')).to.equal(null);
    expect(element.textContent).to.equal('Bonjour <b>x</b>, vous avez 1 alertes');
  });

  it('refuses at compile time a French table whose keys differ', () => {
    const en = { a: 'A', b: 'B' } as const;
    // @ts-expect-error a key is missing in French
    defineMessages({ en, fr: { a: 'A' } });
    // @ts-expect-error French has a key English lacks
    defineMessages({ en, fr: { a: 'A', b: 'B', c: 'C' } });
    const ok = defineMessages({ en, fr: { a: 'Â', b: 'Ḃ' } });
    // @ts-expect-error unknown key
    expect(ok('en', 'c')).to.equal('c');
    // @ts-expect-error a message with a placeholder needs its parameter
    expect(() => messages('en', 'greeting')).not.to.throw();
  });

  it('loads French from its module once, falling back to English until then', async () => {
    let loads = 0;
    const lazy = defineMessages({
      en: { title: 'Jobs', jobs: { one: '{count} job', other: '{count} jobs' } },
      fr: async () => {
        loads++;
        return { default: { title: 'Tâches', jobs: { one: '{count} tâche', other: '{count} tâches' } } };
      },
    });
    expect(messagesReady('en')).to.equal(undefined);
    expect(lazy('fr', 'title')).to.equal('Jobs');
    await messagesReady('fr');
    expect(lazy('fr', 'title')).to.equal('Tâches');
    expect(lazy('fr', 'jobs', { count: 2 })).to.equal('2 tâches');
    await messagesReady('fr');
    expect(loads).to.equal(1);
  });

  it('renders in English when French could not load, and tries again at the next wait', async () => {
    let loads = 0;
    const lazy = defineMessages({
      en: { title: 'Jobs' },
      fr: async () => {
        loads++;
        if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
        return { default: { title: 'Tâches' } };
      },
    });
    await messagesReady('fr');
    expect(lazy('fr', 'title')).to.equal('Jobs');
    await messagesReady('fr');
    expect(lazy('fr', 'title')).to.equal('Tâches');
    expect(loads).to.equal(2);
  });
});

describe('common messages', () => {
  before(() => messagesReady('fr'));

  it('has the same keys in both languages, none empty, no markup', () => {
    expect(Object.keys(COMMON_FR).sort()).to.deep.equal(Object.keys(COMMON_MESSAGES.en).sort());
    for (const table of [COMMON_MESSAGES.en, COMMON_FR]) {
      for (const [key, text] of Object.entries(table)) {
        expect(text, key).to.be.a('string').and.not.equal('');
        expect(text, key).not.to.match(/[<>&]/);
      }
    }
  });

  it('labels every job type, state, known stage and file status of the model', () => {
    for (const locale of ['en', 'fr'] as const) {
      const labels = [
        ...JOB_TYPES.map((type) => jobTypeLabel(type, locale)),
        ...JOB_STATES.map((state) => jobStateLabel(state, locale)),
        ...KNOWN_STAGES.map((stage) => stageLabel(stage, locale)),
        ...FILE_STATUSES.map((status) => fileStatusLabel(status, locale)),
      ];
      for (const label of labels)
        expect(label)
          .to.be.a('string')
          .and.not.match(/^[A-Z_]+$/);
    }
  });

  it('reads stages in plain words and shows an unknown stage as it comes', () => {
    expect(stageLabel('INTERRUPTED_ON_ERROR', 'en')).to.equal('Interrupted on error');
    expect(stageLabel('INTERRUPTED_ON_ERROR', 'fr')).to.equal('Interrompu sur erreur');
    expect(stageLabel('PAUSED_FOR_TAPE_SWAP', 'fr')).to.equal('PAUSED_FOR_TAPE_SWAP');
    expect(stageLabel('__proto__', 'en')).to.equal('__proto__');
  });

  it('labels connection statuses and common words', () => {
    expect(connectionStatusLabel('reconnecting', 'en')).to.equal('Reconnecting…');
    expect(connectionStatusLabel('live', 'fr')).to.equal('En direct');
    expect(common('en', 'resetFilters')).to.equal('Reset filters');
    expect(common('fr', 'logOut')).to.equal('Se déconnecter');
  });
});
