/**
 * The app's frame: header on every screen, then the screen the URL names (app/routes.ts, wouter)
 * for the signed-in member (on their own database) with the bottom navigation, or, with nobody
 * signed in, sign-in, registration or joining. The last signed-in member's profile is kept on the
 * phone, so the app opens offline. Screens other than the first one are loaded on demand; so is
 * everything of a signed-in member (`SignedInApp.tsx`, with the database code): the first screen a
 * newcomer sees stays small (the build's budget checks it).
 */
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './components/AppHeader';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ScreenError } from './components/ScreenError';
import { useProfileRefresh } from './features/accounts/useProfileRefresh';
import { parentOf, useCurrentRoute, type Route, type RouteName } from './routes';
import { municipalityName } from './i18n/format';
import { SignInScreen } from './features/accounts/SignInScreen';
import { useProfile } from './stores/session-store';

const RegisterScreen = lazy(() => import('./features/accounts/RegisterScreen').then((module) => ({ default: module.RegisterScreen })));
const JoinScreen = lazy(() => import('./features/accounts/JoinScreen').then((module) => ({ default: module.JoinScreen })));
// One chunk for both: the member's screens and their bottom navigation.
const SignedInScreens = lazy(() => import('./SignedInApp').then((module) => ({ default: module.SignedInScreens })));
const SignedInNav = lazy(() => import('./SignedInApp').then((module) => ({ default: module.SignedInNav })));

/** Routes of people who are not signed in; a signed-in member opening one lands on their home. */
const SIGNED_OUT_ROUTES = new Set<RouteName>(['register', 'join']);

/** The tabs of the bottom navigation: no back arrow there, the bar is the way around. */
const TOP_LEVEL = new Set<RouteName>(['home', 'needs', 'offers', 'matches', 'settings']);

export function App() {
  const { t, i18n } = useTranslation();
  const route = useCurrentRoute();
  const profile = useProfile();
  const signedIn = profile !== null;
  useProfileRefresh();

  // A screen opens at its top; the lists restore their own position.
  useEffect(() => {
    if (route.name !== 'needs' && route.name !== 'offers') window.scrollTo(0, 0);
  }, [route.name]);

  const language = i18n.resolvedLanguage ?? 'en';
  const atRoot = signedIn ? TOP_LEVEL.has(route.name) || SIGNED_OUT_ROUTES.has(route.name) : !SIGNED_OUT_ROUTES.has(route.name);
  const reSigningIn = signedIn && route.name === 'sign-in';
  const navigating = signedIn && !reSigningIn;
  return (
    <>
      <AppHeader
        municipalityName={profile ? (profile.municipality ? municipalityName(profile.municipality, language) : profile.member.displayName) : null}
        back={!atRoot && !reSigningIn ? parentOf(route) : null}
        showSync={signedIn}
      />
      <main id="main" className={navigating ? 'with-bottom-nav' : undefined}>
        {/* A chunk that failed to load (or a screen that failed) shows why instead of a blank page. */}
        <ErrorBoundary fallback={(error, reset) => <ScreenError message={t('errors.unexpected', { message: error.message })} onRetry={reset} />}>
          <Suspense fallback={<p className="loading">{t('loading')}</p>}>
            {profile === null ? <SignedOutScreen route={route} /> : reSigningIn ? <SignInScreen /> : <SignedInScreens route={route} profile={profile} />}
          </Suspense>
        </ErrorBoundary>
      </main>
      {navigating && (
        <Suspense fallback={null}>
          <SignedInNav current={route.name} />
        </Suspense>
      )}
    </>
  );
}

function SignedOutScreen({ route }: { route: Route }) {
  switch (route.name) {
    case 'register':
      return <RegisterScreen />;
    case 'join':
      return <JoinScreen code={route.code} />;
    default:
      return <SignInScreen />;
  }
}
