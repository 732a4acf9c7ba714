/**
 * Everything a signed-in member sees below the header: the screen the URL names on the member's own
 * database (BrowserStoreGate), the banners about their session and verification, and the bottom
 * navigation with its badges. Its own chunk: a newcomer on the sign-in, registration or join screen
 * downloads none of it (nor RxDB). `main.tsx` starts loading it before the first render when a
 * profile is kept on the phone, and the service worker precaches it, so members still start offline.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../domain/account-protocol';
import { BottomNav } from './components/BottomNav';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ScreenError } from './components/ScreenError';
import { forgetFailedBrowserStore, StorageUnavailableError } from './db/browser-store';
import { BrowserStoreGate } from './db/LocalStoreProvider';
import { SignInAgainBanner } from './features/accounts/SignInAgainBanner';
import { VerificationBanner } from './features/accounts/VerificationBanner';
import { StorageNotices } from './features/settings/StorageNotices';
import type { Route, RouteName } from './routes';
import { useSignInRequired } from './stores/connection-store';

const NeedScreen = lazy(() => import('./features/needs/NeedScreen').then((module) => ({ default: module.NeedScreen })));
const PledgeFormScreen = lazy(() => import('./features/pledges/PledgeFormScreen').then((module) => ({ default: module.PledgeFormScreen })));
const NeedsScreen = lazy(() => import('./features/needs/NeedsScreen').then((module) => ({ default: module.NeedsScreen })));
const NeedFormScreen = lazy(() => import('./features/needs/NeedFormScreen').then((module) => ({ default: module.NeedFormScreen })));
const OffersScreen = lazy(() => import('./features/offers/OffersScreen').then((module) => ({ default: module.OffersScreen })));
const OfferScreen = lazy(() => import('./features/offers/OfferScreen').then((module) => ({ default: module.OfferScreen })));
const OfferFormScreen = lazy(() => import('./features/offers/OfferFormScreen').then((module) => ({ default: module.OfferFormScreen })));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen').then((module) => ({ default: module.SettingsScreen })));
const AccountScreen = lazy(() => import('./features/accounts/AccountScreen').then((module) => ({ default: module.AccountScreen })));
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

type Props = { route: Route; profile: Profile };

/** The signed-in member's screen on their own database, under the banners about their account. */
export function SignedInScreens({ route, profile }: Props) {
  const { t } = useTranslation();
  const signInRequired = useSignInRequired();
  return (
    <>
      {signInRequired && <SignInAgainBanner />}
      <VerificationBanner profile={profile} />
      <ErrorBoundary
        fallback={(error, reset) => (
          <ScreenError
            message={error instanceof StorageUnavailableError ? t('errors.storageUnavailable') : t('errors.unexpected', { message: error.message })}
            onRetry={() => {
              forgetFailedBrowserStore();
              reset();
            }}
          />
        )}
      >
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          {/* One database per member: another member signing in opens theirs, never this one. */}
          <BrowserStoreGate key={profile.member.id} memberId={profile.member.id}>
            {/* On every screen: the browser wiped this phone's data, or storage is full. */}
            <StorageNotices />
            <Screen route={route} profile={profile} />
          </BrowserStoreGate>
        </Suspense>
      </ErrorBoundary>
    </>
  );
}

/** The bottom navigation of a signed-in member (its badges read the member's database). */
export function SignedInNav({ current }: { current: RouteName }) {
  return <BottomNav current={current} />;
}

function Screen({ route, profile }: Props) {
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
