/**
 * The app's frame: header on every screen, then the first-run setup or the screen the URL names.
 * Screens that are not the first one are loaded on demand.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './components/AppHeader';
import { ErrorBoundary } from './components/ErrorBoundary';
import { forgetFailedBrowserStore, StorageUnavailableError } from './db/browser-store';
import { BrowserStoreGate } from './db/LocalStoreProvider';
import { requestPersistentStorage } from './db/storage';
import { useRoute, type Route } from './hooks/useRoute';
import { NeedsScreen } from './screens/NeedsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { useMunicipality } from './stores/settings-store';

const NeedFormScreen = lazy(() => import('./screens/NeedFormScreen').then((module) => ({ default: module.NeedFormScreen })));
const SettingsScreen = lazy(() => import('./screens/SettingsScreen').then((module) => ({ default: module.SettingsScreen })));

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const municipality = useMunicipality();
  const setUp = municipality !== null;

  // Once the phone works for a municipality its data matters: ask the browser not to evict it.
  useEffect(() => {
    if (setUp) void requestPersistentStorage();
  }, [setUp]);

  // A form or the settings open at their top; the list restores its own position (NeedsScreen).
  useEffect(() => {
    if (route.name !== 'needs') window.scrollTo(0, 0);
  }, [route.name]);

  const loading = <p className="loading">{t('loading')}</p>;
  return (
    <>
      <AppHeader
        municipalityName={municipality?.name ?? null}
        showBack={setUp && route.name !== 'needs'}
        showSettings={setUp && route.name !== 'settings'}
      />
      <main id="main">
        <ErrorBoundary
          fallback={(error, reset) => (
            <div className="screen" role="alert">
              <p>{error instanceof StorageUnavailableError ? t('errors.storageUnavailable') : t('errors.unexpected', { message: error.message })}</p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  forgetFailedBrowserStore();
                  reset();
                }}
              >
                {t('errors.retry')}
              </button>
            </div>
          )}
        >
          <Suspense fallback={loading}>
            <BrowserStoreGate>{setUp ? <Screen route={route} /> : <SetupScreen />}</BrowserStoreGate>
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'needs':
      return <NeedsScreen />;
    case 'new-need':
      return <NeedFormScreen />;
    case 'edit-need':
      return <NeedFormScreen key={route.id} needId={route.id} />;
    case 'settings':
      return <SettingsScreen />;
  }
}
