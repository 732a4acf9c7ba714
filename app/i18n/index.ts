/**
 * i18next for the app: resources come from `locales/<language>/<namespace>.json`, each loaded as its
 * own small chunk (precached by the service worker, so languages work offline), and `<html lang>`
 * always names the interface language.
 */
import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../domain/constants';

export const NAMESPACES = ['common', 'needs', 'account', 'admin', 'offers', 'matches', 'municipalities', 'home', 'pledges', 'messages', 'notifications', 'deliveries', 'photos'] as const;

const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../../locales/*/*.json');

const localesBackend: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init: () => undefined,
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = loaders[`../../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`no translations for ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

function followDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Initialises i18next in `language`; resolves once its translations are loaded. */
export async function initI18n(language: UiLanguage): Promise<typeof i18next> {
  i18next.on('languageChanged', followDocumentLanguage);
  await i18next
    .use(localesBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      // Every language holds every key (tests/unit/i18n-locales.test.ts), so no fallback language is
      // downloaded before the first screen: on a 3G link that was a second round of requests.
      fallbackLng: false,
      supportedLngs: UI_LANGUAGES,
      load: 'currentOnly',
      ns: NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
  followDocumentLanguage(language);
  return i18next;
}
