/** Entry point: picks the language, starts opening the database, then renders the app. */
import { installPolyfills } from './polyfills';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { fromLegacyHash } from './routes';
import { finishPendingRemovals, openBrowserStore } from './db/browser-store';
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
// Open the last signed-in member's database while the translations load; the app's error screen reports a failure.
const lastMemberId = useSessionStore.getState().profile?.member.id ?? null;
if (lastMemberId) openBrowserStore(lastMemberId).catch(() => undefined);
// A sign-out cut short (the tab closed while deleting) finishes now. A failure keeps the member in
// the pending list, so the next start tries again.
finishPendingRemovals(lastMemberId).catch(() => undefined);

const browserLanguages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
void initI18n(detectLanguage(useSettingsStore.getState().language, browserLanguages)).then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
