// @vitest-environment jsdom
/**
 * The notifications screen and the header bell on a real (in-memory) store: one sentence per kind,
 * rows open what they are about, opening the list marks everything seen (the badge drops to zero)
 * while the new ones stay highlighted for the visit, a phone's first look treats history as seen,
 * and Ukrainian plurals.
 */
import { act } from 'react';
import i18next from 'i18next';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { routeHref } from '../../app/routes';
import { useSessionStore } from '../../app/stores/session-store';
import { NotificationsScreen } from '../../app/features/notifications/NotificationsScreen';
import { CountingBell } from '../../app/features/notifications/NotificationsBell';
import { NOTIFICATIONS_SEEN_ID } from '../../app/features/notifications/seen-marks';
import { markThreadRead } from '../../app/db/read-marks';
import { formatDateTime } from '../../app/i18n/format';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { DAY, HOUR, KRAKOW, KYIV, MUNICH, LVIV, makeEvent, makeMessage, makeMunicipality, makeNeed, makePledge } from '../support/factories';
import { makeProfile } from '../support/profiles';
import { byTestId, click, waitFor } from '../support/dom';

const NOW = Date.now();
const arrived = (ago: number) => ({ serverUpdatedAt: NOW - ago });

const kyiv = makeMunicipality({ meta: { serverUpdatedAt: NOW - 9 * HOUR, createdBy: 'member-olena-01' } });
const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', location: { lat: 48.14, lon: 11.58 } });
const krakow = makeMunicipality({ id: KRAKOW, nameUk: 'Краків', nameLatin: 'Kraków', country: 'PL', adm1: 'PL-12', location: { lat: 50.06, lon: 19.94 } });
const kyivOfficial = makeProfile({ municipality: kyiv });

const hospital = makeNeed({ id: 'need-hospital-01', title: 'Generators for the hospital' });
const blankets = makeNeed({ id: 'need-blankets-01', municipalityId: KRAKOW, title: 'Blankets' });
const toUs = { needId: hospital.id, fromMunicipalityId: MUNICH, toMunicipalityId: KYIV, offerId: undefined, quantity: 2, expiresAt: NOW + 14 * DAY };
const byUs = { needId: blankets.id, fromMunicipalityId: KYIV, toMunicipalityId: KRAKOW, offerId: undefined, quantity: 5, expiresAt: NOW + 14 * DAY };
const dispatchedPledge = makePledge({ ...toUs, id: 'pledge-dispatched-1', meta: arrived(8 * HOUR) });
const cancelledPledge = makePledge({ ...toUs, id: 'pledge-cancelled-1', meta: arrived(8 * HOUR) });
const expiredPledge = makePledge({ ...toUs, id: 'pledge-expired-01', expiresAt: NOW - DAY, meta: arrived(20 * DAY) });
const receivedPledge = makePledge({ ...byUs, id: 'pledge-received-1' });
const expiringPledge = makePledge({ ...byUs, id: 'pledge-expiring-1', expiresAt: NOW + DAY });
const dispatched = makeEvent('dispatched', { pledgeId: dispatchedPledge.id, updatedAt: NOW - 7 * HOUR, meta: arrived(7 * HOUR) });
const cancelled = makeEvent('cancelled', { pledgeId: cancelledPledge.id, note: 'The truck broke down.', updatedAt: NOW - 6 * HOUR, meta: arrived(6 * HOUR) });
const ownDispatch = makeEvent('dispatched', { pledgeId: receivedPledge.id, byMunicipalityId: KYIV, updatedAt: NOW - 5 * HOUR, meta: arrived(5 * HOUR) });
const received = makeEvent('received', { pledgeId: receivedPledge.id, quantity: 2, byMunicipalityId: KRAKOW, updatedAt: NOW - 4 * HOUR, meta: arrived(4 * HOUR) });
const messages = [1, 2, 3].map((index) =>
  makeMessage({ id: `message-munich-0${index}`, subjectId: hospital.id, updatedAt: NOW - 3 * HOUR + index, meta: arrived(3 * HOUR - index) }),
);

let store: LocalStore;
const views: RenderedView[] = [];

async function show(element: React.ReactNode, on = store, profile = kyivOfficial): Promise<HTMLElement> {
  act(() => useSessionStore.getState().setProfile(profile));
  const view = await renderWithStore(on, element);
  views.push(view);
  return view.container;
}

async function seedStore(name: string): Promise<LocalStore> {
  // The collections notifications read: RxDB's free tier opens at most 13 in one process.
  const opened = await openLocalStore(getRxStorageMemory(), `${name}-${Date.now()}`, ['municipalities', 'members', 'needs', 'pledges', 'pledge_events', 'messages']);
  for (const municipality of [kyiv, munich, krakow]) await saveDocument(opened, 'municipalities', municipality);
  for (const need of [hospital, blankets]) await saveDocument(opened, 'needs', need);
  for (const pledge of [dispatchedPledge, cancelledPledge, expiredPledge, receivedPledge, expiringPledge]) await saveDocument(opened, 'pledges', pledge);
  for (const event of [dispatched, cancelled, ownDispatch, received]) await opened.db.pledge_events.insert(event);
  for (const message of messages) await opened.db.messages.insert(message);
  return opened;
}

beforeAll(async () => {
  await initI18n('en');
  store = await seedStore('notifications');
  // This phone has looked before: everything here arrived after its last visit.
  await store.db.upsertLocal(NOTIFICATIONS_SEEN_ID, { seenUpTo: NOW - 30 * DAY, ids: [] });
});

afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

function unmountAll(): void {
  for (const view of views.splice(0)) view.unmount();
}

afterAll(async () => {
  unmountAll();
  await store.db.close();
});

const rows = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[data-testid="notification"]')];
const sentences = (container: HTMLElement) => rows(container).map((row) => [row.dataset.kind, row.querySelector('.notification-text')?.textContent]);

describe('the notifications screen and the bell', () => {
  it('counts what is new in the bell, with an accessible name', async () => {
    const header = await show(<CountingBell />);
    const badge = await waitFor(header, () => byTestId(header, 'notifications-badge'));
    expect(badge.textContent).toBe('10');
    expect(byTestId(header, 'notifications-bell')?.getAttribute('aria-label')).toBe('Notifications, 10 new');
    expect(byTestId(header, 'notifications-bell')?.getAttribute('href')).toBe('/notifications');
  });

  it('lists a sentence for each kind, newest first, and marks them seen: the badge drops to 0, the rows stay highlighted', async () => {
    const header = await show(<CountingBell />);
    await waitFor(header, () => byTestId(header, 'notifications-badge'));
    const page = await show(<NotificationsScreen />);
    await waitFor(page, () => rows(page).length === 10);
    const expiry = formatDateTime(expiringPledge.expiresAt, 'en');
    expect(sentences(page)).toEqual([
      ['message-new', '3 new messages from München'],
      ['pledge-received', 'Kraków confirmed receiving 2 pieces of your pledge for “Blankets” (part of it)'],
      ['pledge-cancelled', 'München cancelled its pledge for your need “Generators for the hospital”'],
      ['pledge-dispatched', 'München dispatched 2 pieces for your need “Generators for the hospital”'],
      ['pledge-new', 'München pledged 2 pieces to your need “Generators for the hospital”'],
      ['pledge-new', 'München pledged 2 pieces to your need “Generators for the hospital”'],
      ['verification-decided', 'Your municipality was verified'],
      ['pledge-expired', 'The pledge of München for your need “Generators for the hospital” expired: it was not dispatched in time'],
      ['pledge-expiring', `Your pledge to Kraków for “Blankets” expires on ${expiry} unless it is dispatched`],
      ['pledge-new', 'München pledged 2 pieces to your need “Generators for the hospital”'],
    ]);
    expect(rows(page)[2]?.querySelector('.notification-reason')?.textContent).toBe('Reason: The truck broke down.');
    expect(rows(page)[0]?.querySelector('time')?.textContent).toBe('3 hours ago');
    // Kyiv's own dispatch is not news to Kyiv.
    expect(rows(page).some((row) => row.textContent?.includes('Kyiv'))).toBe(false);

    await waitFor(header, () => byTestId(header, 'notifications-badge') === null);
    expect(byTestId(header, 'notifications-bell')?.getAttribute('aria-label')).toBe('Notifications');
    expect(rows(page).every((row) => row.dataset.unseen === 'true')).toBe(true);
    const marks = (await store.db.getLocal<{ seenUpTo: number; ids: string[] }>(NOTIFICATIONS_SEEN_ID))?.toJSON().data;
    expect(marks?.ids).toHaveLength(10);

    // The next visit shows them as seen.
    const again = await show(<NotificationsScreen />);
    await waitFor(again, () => rows(again).length === 10);
    await act(settle);
    expect(rows(again).every((row) => row.dataset.unseen === 'false')).toBe(true);
  });

  it.each([
    ['message-new', routeHref({ name: 'thread', subjectKind: 'need', subjectId: hospital.id, municipalityId: MUNICH })],
    ['pledge-received', routeHref({ name: 'pledge-page', id: receivedPledge.id })],
    ['pledge-expiring', routeHref({ name: 'pledge-page', id: expiringPledge.id })],
    ['verification-decided', routeHref({ name: 'account' })],
  ])('opens what a %s notification is about', async (kind, href) => {
    const page = await show(<NotificationsScreen />);
    const row = await waitFor(page, () => rows(page).find((candidate) => candidate.dataset.kind === kind));
    const link = byTestId(row, 'notification-link')!;
    expect(link.getAttribute('href')).toBe(href);
    await click(link);
    expect(window.location.pathname).toBe(href);
  });

  it('drops a thread once it is read, and shows it as new again when another message arrives', async () => {
    const page = await show(<NotificationsScreen />);
    await waitFor(page, () => rows(page).length === 10);
    await act(async () => {
      await markThreadRead(store, messages[0]!.threadId, NOW - 3 * HOUR + 3);
      await settle();
    });
    await waitFor(page, () => rows(page).length === 9);
    const header = await show(<CountingBell />);
    await act(async () => {
      await store.db.messages.insert(makeMessage({ id: 'message-munich-04', subjectId: hospital.id, updatedAt: NOW - HOUR, meta: arrived(HOUR) }));
      await settle();
    });
    const row = await waitFor(page, () => rows(page).find((candidate) => candidate.dataset.kind === 'message-new'));
    expect(row.querySelector('.notification-text')?.textContent).toBe('1 new message from München');
    expect(row.dataset.unseen).toBe('true');
    // The list is open, so it is seen at once: the bell stays at zero.
    await waitFor(header, () => byTestId(header, 'notifications-bell') && byTestId(header, 'notifications-badge') === null);
  });

  it('speaks Ukrainian with its plural forms', async () => {
    const fresh = await seedStore('notifications-uk');
    try {
      await fresh.db.upsertLocal(NOTIFICATIONS_SEEN_ID, { seenUpTo: NOW - 30 * DAY, ids: [] });
      await act(() => i18next.changeLanguage('uk'));
      const header = await show(<CountingBell />, fresh);
      await waitFor(header, () => byTestId(header, 'notifications-badge'));
      expect(byTestId(header, 'notifications-bell')?.getAttribute('aria-label')).toBe('Сповіщення, 10 нових');
      const page = await show(<NotificationsScreen />, fresh);
      await waitFor(page, () => rows(page).length === 10);
      expect(sentences(page)[0]).toEqual(['message-new', '3 нові повідомлення від Мюнхен']);
      expect(sentences(page)[1]).toEqual(['pledge-received', 'Краків підтвердили отримання 2 штуки за вашою обіцянкою для «Blankets» (частково)']);
    } finally {
      unmountAll();
      await fresh.db.close();
    }
  });

  it('treats what synced before a phone first looked as history, not news', async () => {
    const fresh = await seedStore('notifications-first-look');
    try {
      const header = await show(<CountingBell />, fresh);
      await waitFor(header, () => byTestId(header, 'notifications-bell'));
      await act(settle);
      expect(byTestId(header, 'notifications-badge')).toBeNull();
      const page = await show(<NotificationsScreen />, fresh);
      await waitFor(page, () => rows(page).length === 10);
      expect(rows(page).every((row) => row.dataset.unseen === 'false')).toBe(true);
    } finally {
      unmountAll();
      await fresh.db.close();
    }
  });

  it('says when there is nothing', async () => {
    const lviv = makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', verification: { status: 'pending' } });
    const page = await show(<NotificationsScreen />, store, makeProfile({ municipality: lviv, member: { id: 'member-lviv-0001' } }));
    const empty = await waitFor(page, () => byTestId(page, 'notifications-empty')?.textContent?.startsWith('Nothing yet') && byTestId(page, 'notifications-empty'));
    expect(empty.textContent).toContain('after a time offline');
    expect(byTestId(page, 'notifications-list')).toBeNull();
  });
});
