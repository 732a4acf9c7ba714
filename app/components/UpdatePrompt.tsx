import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useAnyFormDirty } from '../stores/unsaved-form-store';

const UPDATE_CHECK_MS = 60 * 60 * 1000;
const OFFLINE_READY_SHOWN_MS = 8000;

/**
 * Registers the service worker. A new version waits until the user agrees, and is not even offered
 * while a form holds unsaved input (forms say so with `useUnsavedForm`): a reload then would lose
 * it. Nothing here reloads on its own. Queued writes are in IndexedDB and survive the reload. The
 * first install says the app now works offline.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const formDirty = useAnyFormDirty();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      // An app left open for days still learns about new versions.
      if (!registration) return;
      setInterval(() => {
        // A failed check (a flaky network) is simply repeated at the next interval.
        if (navigator.onLine) registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
  });

  /**
   * vite-plugin-pwa reloads on workbox's `controlling` event only for the first update this page saw
   * being installed; a later one found while the page stays open (the user chose "Later", the hourly
   * check found another version, or the first visit installed the app) counts as external to it and
   * would take control without a reload, leaving the old screens running. Reload on the change itself.
   */
  const reloadIntoNewVersion = () => {
    navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    void updateServiceWorker(true);
  };

  useEffect(() => {
    if (!offlineReady) return;
    const timer = setTimeout(() => setOfflineReady(false), OFFLINE_READY_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [offlineReady, setOfflineReady]);

  if (needRefresh && formDirty) {
    return (
      <div className="notice" data-testid="update-after-form" role="status">
        <p>{t('update.afterForm')}</p>
      </div>
    );
  }
  if (needRefresh) {
    return (
      <div className="notice" data-testid="update-prompt" role="alert">
        <p>{t('update.available')}</p>
        <div className="notice-actions">
          <button type="button" className="button primary" data-testid="update-reload" onClick={reloadIntoNewVersion}>
            {t('update.reload')}
          </button>
          <button type="button" className="button" onClick={() => setNeedRefresh(false)}>
            {t('update.later')}
          </button>
        </div>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="notice" role="status">
        <p>{t('update.offlineReady')}</p>
        <div className="notice-actions">
          <button type="button" className="button" onClick={() => setOfflineReady(false)}>
            {t('update.dismiss')}
          </button>
        </div>
      </div>
    );
  }
  return null;
}
