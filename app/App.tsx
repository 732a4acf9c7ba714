/**
 * The app's frame: header on every screen, then the screen the URL names (app/routes.ts, wouter)
 * for the signed-in member (on their own database) with the bottom navigation, or, with nobody
 * signed in, sign-in, registration or joining. The last signed-in member's profile is kept on the
 * phone, so the app opens offline. Screens other than the first one are loaded on demand.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../domain/account-protocol';
import { AppHeader } from './components/AppHeader';
import { BottomNav } from './components/BottomNav';
import { ErrorBoundary } from './components/ErrorBoundary';
import { SignInAgainBanner } from './features/accounts/SignInAgainBanner';
import { VerificationBanner } from './features/accounts/VerificationBanner';
import { forgetFailedBrowserStore, StorageUnavailableError } from './db/browser-store';
import { BrowserStoreGate } from './db/LocalStoreProvider';
import { useProfileRefresh } from './features/accounts/useProfileRefresh';
import { parentOf, useCurrentRoute, type Route, type RouteName } from './routes';
import { municipalityName } from './i18n/format';
import { SignInScreen } from './features/accounts/SignInScreen';
import { useSignInRequired } from './stores/connection-store';
import { useProfile } from './stores/session-store';

const NeedScreen = lazy(() => import('./features/needs/NeedScreen').then((module) => ({ default: module.NeedScreen })));
const PledgeFormScreen = lazy(() => import('./features/pledges/PledgeFormScreen').then((module) => ({ default: module.PledgeFormScreen })));
const NeedsScreen = lazy(() => import('./features/needs/NeedsScreen').then((module) => ({ default: module.NeedsScreen })));
const NeedFormScreen = lazy(() => import('./features/needs/NeedFormScreen').then((module) => ({ default: module.NeedFormScreen })));
const OffersScreen = lazy(() => import('./features/offers/OffersScreen').then((module) => ({ default: module.OffersScreen })));
const OfferScreen = lazy(() => import('./features/offers/OfferScreen').then((module) => ({ default: module.OfferScreen })));
const OfferFormScreen = lazy(() => import('./features/offers/OfferFormScreen').then((module) => ({ default: module.OfferFormScreen })));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen').then((module) => ({ default: module.SettingsScreen })));
const AccountScreen = lazy(() => import('./features/accounts/AccountScreen').then((module) => ({ default: module.AccountScreen })));
const RegisterScreen = lazy(() => import('./features/accounts/RegisterScreen').then((module) => ({ default: module.RegisterScreen })));
const JoinScreen = lazy(() => import('./features/accounts/JoinScreen').then((module) => ({ default: module.JoinScreen })));
const ModerationScreen = lazy(() => import('./features/moderation/ModerationScreen').then((module) => ({ default: module.ModerationScreen })));
const MembersScreen = lazy(() => import('./features/accounts/MembersScreen').then((module) => ({ default: module.MembersScreen })));
const MunicipalitiesScreen = lazy(() => import('./features/municipalities/MunicipalitiesScreen').then((module) => ({ default: module.MunicipalitiesScreen })));
const MunicipalityScreen = lazy(() => import('./features/municipalities/MunicipalityScreen').then((module) => ({ default: module.MunicipalityScreen })));
const MunicipalityFormScreen = lazy(() => import('./features/municipalities/MunicipalityFormScreen').then((module) => ({ default: module.MunicipalityFormScreen })));
const HomeScreen = lazy(() => import('./features/home/HomeScreen').then((module) => ({ default: module.HomeScreen })));
const PledgesScreen = lazy(() => import('./features/pledges/PledgesScreen').then((module) => ({ default: module.PledgesScreen })));
const PledgeScreen = lazy(() => import('./features/pledges/PledgeScreen').then((module) => ({ default: module.PledgeScreen })));
const ReceiveScreen = lazy(() => import('./features/pledges/ReceiveScreen').then((module) => ({ default: module.ReceiveScreen })));
const DeliverySheetScreen = lazy(() => import('./features/deliveries/DeliverySheetScreen').then((module) => ({ default: module.DeliverySheetScreen })));
const ScanScreen = lazy(() => import('./features/deliveries/ScanScreen').then((module) => ({ default: module.ScanScreen })));
const ShortCodeScreen = lazy(() => import('./features/deliveries/ShortCodeScreen').then((module) => ({ default: module.ShortCodeScreen })));
const DeliveriesScreen = lazy(() => import('./features/deliveries/DeliveriesScreen').then((module) => ({ default: module.DeliveriesScreen })));
const MessagesScreen = lazy(() => import('./features/messages/MessagesScreen').then((module) => ({ default: module.MessagesScreen })));
const ThreadScreen = lazy(() => import('./features/messages/ThreadScreen').then((module) => ({ default: module.ThreadScreen })));
const NotificationsScreen = lazy(() => import('./features/notifications/NotificationsScreen').then((module) => ({ default: module.NotificationsScreen })));
const MatchesScreen = lazy(() => import('./features/matches/MatchesScreen').then((module) => ({ default: module.MatchesScreen })));

/** Routes of people who are not signed in; a signed-in member opening one lands on their home. */
const SIGNED_OUT_ROUTES = new Set<RouteName>(['register', 'join']);

/** The tabs of the bottom navigation: no back arrow there, the bar is the way around. */
const TOP_LEVEL = new Set<RouteName>(['home', 'needs', 'offers', 'matches', 'settings']);

export function App() {
  const { t, i18n } = useTranslation();
  const route = useCurrentRoute();
  const profile = useProfile();
  const signInRequired = useSignInRequired();
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
  const loading = <p className="loading">{t('loading')}</p>;
  return (
    <>
      <AppHeader
        municipalityName={profile ? (profile.municipality ? municipalityName(profile.municipality, language) : profile.member.displayName) : null}
        back={!atRoot && !reSigningIn ? parentOf(route) : null}
        showSync={signedIn}
      />
      <main id="main" className={navigating ? 'with-bottom-nav' : undefined}>
        {signedIn && !reSigningIn && signInRequired && <SignInAgainBanner />}
        {profile && !reSigningIn && <VerificationBanner profile={profile} />}
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
            {profile === null ? (
              <SignedOutScreen route={route} />
            ) : reSigningIn ? (
              <SignInScreen />
            ) : (
              // One database per member: another member signing in opens theirs, never this one.
              <BrowserStoreGate key={profile.member.id} memberId={profile.member.id}>
                <Screen route={route} profile={profile} />
              </BrowserStoreGate>
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
      {navigating && <BottomNav current={route.name} />}
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

function Screen({ route, profile }: { route: Route; profile: Profile }) {
  const { actor } = profile;
  switch (route.name) {
    case 'new-need':
      return <NeedFormScreen />;
    case 'edit-need':
      return <NeedFormScreen key={route.id} needId={route.id} />;
    case 'need':
      return <NeedScreen key={route.id} id={route.id} />;
    case 'pledge':
      return <PledgeFormScreen key={`${route.needId}:${route.offerId ?? ''}`} needId={route.needId} offerId={route.offerId} />;
    case 'offers':
      return <OffersScreen />;
    case 'offer':
      return <OfferScreen key={route.id} offerId={route.id} />;
    case 'new-offer':
      return <OfferFormScreen />;
    case 'edit-offer':
      return <OfferFormScreen key={route.id} offerId={route.id} />;
    case 'settings':
      return <SettingsScreen />;
    case 'account':
      return <AccountScreen />;
    case 'municipalities':
      return <MunicipalitiesScreen />;
    case 'municipality':
      return <MunicipalityScreen key={route.id} id={route.id} />;
    case 'edit-municipality':
      return <MunicipalityFormScreen key={route.id} id={route.id} />;
    case 'moderation':
      return actor.role === 'moderator' ? <ModerationScreen /> : <HomeScreen />;
    case 'members':
      return actor.role === 'coordinator' ? (
        <MembersScreen municipalityId={actor.municipalityId} memberId={actor.memberId} actor={actor} />
      ) : (
        <HomeScreen />
      );
    case 'needs':
      return <NeedsScreen />;
    case 'matches':
      return <MatchesScreen />;
    case 'pledges':
      return <PledgesScreen />;
    case 'pledge-page':
      return <PledgeScreen key={route.id} id={route.id} />;
    case 'pledge-receive':
      return <ReceiveScreen key={route.id} id={route.id} />;
    case 'pledge-sheet':
      return <DeliverySheetScreen key={route.id} id={route.id} />;
    case 'scan':
      return <ScanScreen />;
    case 'short-code':
      return <ShortCodeScreen key={route.code} code={route.code} />;
    case 'deliveries':
      return <DeliveriesScreen />;
    case 'home':
      // A field volunteer's day is the deliveries arriving and leaving: that is their home.
      return actor.role === 'volunteer' ? <DeliveriesScreen /> : <HomeScreen />;
    case 'messages':
      return <MessagesScreen />;
    case 'thread':
      return (
        <ThreadScreen
          key={`${route.subjectKind}:${route.subjectId}:${route.municipalityId}`}
          subjectKind={route.subjectKind}
          subjectId={route.subjectId}
          municipalityId={route.municipalityId}
        />
      );
    case 'notifications':
      return <NotificationsScreen />;
    default:
      return <HomeScreen />;
  }
}
