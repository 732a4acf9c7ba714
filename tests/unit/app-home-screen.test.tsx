// @vitest-environment jsdom
/**
 * The home screen on a real (in-memory) RxDB: a member sees our open needs with what is pledged
 * and received, the newest matches, pledges made to us and by us with their derived status, and
 * whether everything is sent; a pending member what they can do meanwhile; a moderator the
 * moderation queue.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import type { CollectionName, DocumentOf } from '../../domain/collections';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { useConnectionStore } from '../../app/stores/connection-store';
import { HomeScreen } from '../../app/features/home/HomeScreen';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { DAY, KYIV, LVIV, MUNICH, makeEvent, makeMunicipality, makeNeed, makeOffer, makePledge } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';
import { byTestId, waitFor as waitForIn } from '../support/dom';

const kyiv = makeMunicipality();
const lviv = makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46', location: { lat: 49.84, lon: 24.03 } });
const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', location: { lat: 48.14, lon: 11.58 } });

const inAMonth = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
const ourNeed = makeNeed({ id: 'need-kyiv-gens', title: 'Генератори для водоканалу', language: 'uk', quantity: 10, neededBy: inAMonth });
const ourDraft = makeNeed({ id: 'need-kyiv-draft', title: 'Чернетка', language: 'uk', status: 'draft' });
const lvivNeed = makeNeed({ id: 'need-lviv-blankets', municipalityId: LVIV, category: 'shelter', title: 'Ковдри', language: 'uk', unit: 'pieces', quantity: 500, neededBy: inAMonth });
const munichOffer = makeOffer({ id: 'offer-munich-gens', title: '8 Dieselgeneratoren', language: 'de', quantity: 8, availableUntil: inAMonth });
// Munich pledged 4 of our 10 generators and 3 arrived; we pledged blankets to Lviv and cancelled.
const toUs = makePledge({ id: 'pledge-munich-to-kyiv', needId: ourNeed.id, quantity: 4, expiresAt: Date.now() + 14 * DAY });
const byUs = makePledge({
  id: 'pledge-kyiv-to-lviv',
  needId: lvivNeed.id,
  offerId: undefined,
  fromMunicipalityId: KYIV,
  toMunicipalityId: LVIV,
  quantity: 200,
  expiresAt: Date.now() + 14 * DAY,
});
const between = makePledge({ id: 'pledge-munich-to-lviv', needId: lvivNeed.id, toMunicipalityId: LVIV, offerId: undefined, expiresAt: Date.now() + 14 * DAY });

let store: LocalStore;
let view: RenderedView;
const waitFor = <T,>(find: () => T | null | undefined | false) => waitForIn(view.container, find);
const section = (id: string) => byTestId(view.container, id);
const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ');

async function save<C extends CollectionName>(collection: C, docs: readonly DocumentOf[C][]): Promise<void> {
  await act(async () => {
    for (const { updatedAt: _updatedAt, ...doc } of docs) {
      const defined = Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined));
      await saveDocument(store, collection, defined as never);
    }
    await settle();
  });
}

beforeAll(async () => {
  await initI18n('en');
  useSessionStore.getState().setProfile(makeProfile({ municipality: kyiv }));
  store = await openLocalStore(getRxStorageMemory(), `home-screen-${Date.now()}`);
  await save('municipalities', [kyiv, lviv, munich]);
  await save('needs', [ourNeed, ourDraft, lvivNeed]);
  await save('offers', [munichOffer]);
  await save('pledges', [toUs, byUs, between]);
  await save('pledge_events', [
    makeEvent('dispatched', { pledgeId: toUs.id }),
    makeEvent('received', { pledgeId: toUs.id, quantity: 3 }),
    makeEvent('cancelled', { pledgeId: byUs.id, byMunicipalityId: KYIV, byMemberId: 'member-olena-01' }),
  ]);
  view = await renderWithStore(store, <HomeScreen />);
});

afterAll(async () => {
  view.unmount();
  await store.db.close();
});

describe('the home screen of a member', () => {
  it('lists our open needs only, with what is pledged and what has arrived', async () => {
    const need = await waitFor(() => section('home-open-needs')?.querySelector<HTMLElement>(`[data-need-id="${ourNeed.id}"]`));
    await waitFor(() => text(need).includes('Received: 3 pieces'));
    expect(text(need.querySelector('[data-testid="home-need-pledged"]'))).toBe('Pledged: 4 pieces of 10 pieces');
    expect(need.querySelector<HTMLElement>('[data-testid="home-need-pledged"]')?.dataset.percent).toBe('40');
    expect(text(need.querySelector('[data-testid="home-need-received"]'))).toBe('Received: 3 pieces of 10 pieces');
    expect(need.querySelector('[lang="uk"]')?.textContent).toBe(ourNeed.title);
    const listed = [...section('home-open-needs')!.querySelectorAll<HTMLElement>('[data-testid="home-need"]')].map((item) => item.dataset.needId);
    expect(listed).toEqual([ourNeed.id]);
    expect(section('home-open-needs')?.querySelector('a.home-see-all')?.getAttribute('href')).toBe('/needs?scope=mine');
  });

  it('lists pledges made to us with the need, the pledging city, the quantity and the derived status', async () => {
    const pledge = await waitFor(() => section('home-pledges-to-us')?.querySelector<HTMLElement>('[data-testid="pledge-summary"]'));
    await waitFor(() => pledge.dataset.status === 'partly-received');
    expect(pledge.dataset.pledgeId).toBe(toUs.id);
    const line = text(pledge);
    expect(line).toContain(ourNeed.title);
    expect(line).toContain('From München');
    expect(line).toContain('4 pieces');
    expect(line).toContain('Status: partly received');
    expect(line).toContain('3 pieces received');
    expect(pledge.querySelector('[data-testid="pledge-summary-link"]')?.getAttribute('href')).toBe(`/pledges/${toUs.id}`);
    expect(section('home-pledges-to-us')?.querySelectorAll('[data-testid="pledge-summary"]')).toHaveLength(1);
    expect(section('home-pledges-to-us')?.querySelector('a.home-see-all')?.getAttribute('href')).toBe('/pledges?side=to-us');
    expect(section('home-pledges-by-us')?.querySelector('a.home-see-all')?.getAttribute('href')).toBe('/pledges?side=by-us');
  });

  it('lists pledges we made, and leaves out pledges between other cities', async () => {
    const pledge = await waitFor(() => section('home-pledges-by-us')?.querySelector<HTMLElement>('[data-testid="pledge-summary"]'));
    await waitFor(() => pledge.dataset.status === 'cancelled');
    expect(pledge.dataset.pledgeId).toBe(byUs.id);
    expect(text(pledge)).toContain('To Lviv');
    expect(text(pledge)).toContain('Ковдри');
    expect(text(pledge)).toContain('200 pieces');
    expect(section('home-pledges-by-us')?.querySelectorAll('[data-testid="pledge-summary"]')).toHaveLength(1);
  });

  it('shows the newest matches for our items, linking to all matches', async () => {
    const suggestion = await waitFor(() => section('home-matches')?.querySelector<HTMLElement>('[data-testid="match-suggestion"]'));
    expect(suggestion.dataset.itemId).toBe(munichOffer.id);
    expect(text(suggestion)).toContain(`For: ${ourNeed.title}`);
    expect(text(suggestion)).toContain('Covers 80 %');
    expect(section('home-matches')?.querySelector('a.home-see-all')?.getAttribute('href')).toBe('/matches');
  });

  it('says how many changes wait to be sent and links to the settings', async () => {
    act(() => useConnectionStore.getState().setSync({ connected: false, active: false, pending: 2, lastError: null, lastSyncedAt: null }));
    const sync = await waitFor(() => section('home-sync')?.dataset.pending === '2' && section('home-sync'));
    expect(text(sync)).toContain('2 changes waiting to be sent');
    expect(text(sync)).toContain('Not synced yet');
    expect(sync.querySelector('a')?.getAttribute('href')).toBe('/more');
    expect(byTestId(view.container, 'home-waiting')).toBeNull();
  });

  it('shows a pending member what they can do while waiting', async () => {
    act(() => useSessionStore.getState().setProfile(makeProfile({ municipality: kyiv, member: { status: 'pending' } })));
    const waiting = await waitFor(() => byTestId(view.container, 'home-waiting'));
    const links = [...waiting.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(['/needs/new', '/offers']);
    act(() => useSessionStore.getState().setProfile(makeProfile({ municipality: kyiv })));
  });
});

describe('the home screen of a moderator', () => {
  it('is the moderation queue', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(new Response(JSON.stringify({ municipalities: [], members: [] }), { status: 200, headers: { 'content-type': 'application/json' } })),
    );
    act(() => useSessionStore.getState().setProfile(makeModeratorProfile()));
    const home = await waitFor(() => byTestId(view.container, 'home-screen'));
    await waitFor(() => home.querySelector('[data-testid="moderation-screen"]') && byTestId(view.container, 'moderation-empty'));
    expect(home.dataset.home).toBe('moderator');
    expect(byTestId(view.container, 'home-open-needs')).toBeNull();
    vi.unstubAllGlobals();
  });
});
