/**
 * Entry point: picks the language, starts opening the database, then renders the app. A newcomer's
 * first screen (sign-in, registration, joining) needs none of the database code: it is loaded only
 * when a member's profile is kept on the phone, and then started here, before the first render, so
 * it arrives (from the service worker's cache when offline) while the translations load.
 */
import { installPolyfills } from './polyfills';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { fromLegacyHash } from './routes';
import { hasPendingRemovals } from './db/pending-removals';
import { initI18n } from './i18n/index';
import { detectLanguage } from './i18n/languages';
import { watchBrowserConnection } from './stores/connection-store';
import { useSessionStore } from './stores/session-store';
import { useSettingsStore } from './stores/settings-store';
import './styles.css';

installPolyfills();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Links from before screens had paths (an invitation's `#/join/CODE`) open the same screen.
const legacyPath = fromLegacyHash(window.location.hash);
if (legacyPath) window.history.replaceState(null, '', legacyPath);

watchBrowserConnection();
const lastMemberId = useSessionStore.getState().profile?.member.id ?? null;
if (lastMemberId) {
  // The member's screens, fetched in parallel with their database code (one chunk graph, no waterfall).
  import('./SignedInApp').catch(() => undefined);
}
if (lastMemberId || hasPendingRemovals()) {
  // Open the last signed-in member's database while the translations load; the app's error screen
  // reports a failure. A sign-out cut short (the tab closed while deleting) finishes now; a failure
  // keeps the member in the pending list, so the next start tries again.
  import('./db/browser-store')
    .then(({ finishPendingRemovals, openBrowserStore }) => {
      if (lastMemberId) openBrowserStore(lastMemberId).catch(() => undefined);
      return finishPendingRemovals(lastMemberId);
    })
    .catch(() => undefined);
}

const browserLanguages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
const language = detectLanguage(useSettingsStore.getState().language, browserLanguages);
// i18next reads the interface language's namespaces a few at a time: start the download of that
// language's chunk (one per language, vite.config.ts) now, which saves a round trip.
const translations = import.meta.glob('../locales/*/common.json');
translations[`../locales/${language}/common.json`]?.().catch(() => undefined);
void initI18n(language).then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
