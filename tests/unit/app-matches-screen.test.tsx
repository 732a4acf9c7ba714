// @vitest-environment jsdom
/**
 * The matches screen on a real (in-memory) RxDB: my open needs list the offers of others that fit
 * them and my open offers the needs of others, each with its score and reasons in words; the way to
 * pledge is offered only from my own offer and carries both ids; a municipality with nothing open is
 * told what to do, and a moderator why there is nothing here.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import type { CollectionName, DocumentOf } from '../../domain/collections';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { MatchesScreen } from '../../app/features/matches/MatchesScreen';
import { localCalendarDay } from '../../app/features/matches/local-day';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { KRAKOW, KYIV, LVIV, MUNICH, makeMunicipality, makeNeed, makeOffer } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';
import { waitFor as waitForIn, byTestId } from '../support/dom';

const daysFromToday = (days: number) => {
  const now = new Date();
  return localCalendarDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days));
};

const kyiv = makeMunicipality();
const lviv = makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46', location: { lat: 49.84, lon: 24.03 } });
const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', location: { lat: 48.14, lon: 11.58 } });
const krakow = makeMunicipality({ id: KRAKOW, nameUk: 'Краків', nameLatin: 'Kraków', country: 'PL', adm1: 'PL-12', location: { lat: 50.06, lon: 19.94 } });

// My need (Kyiv) and an offer of Munich that covers 8 of its 10 generators.
const myNeed = makeNeed({ id: 'need-kyiv-gens', title: 'Генератори для водоканалу', language: 'uk', quantity: 10, neededBy: daysFromToday(3) });
const munichOffer = makeOffer({ id: 'offer-munich-gens', title: '8 Dieselgeneratoren', language: 'de', quantity: 8, availableUntil: daysFromToday(60) });
// My offer (Kyiv, placed in Lviv oblast) and a need of Lviv in the same oblast.
const myOffer = makeOffer({
  id: 'offer-kyiv-boilers',
  municipalityId: KYIV,
  category: 'heating',
  title: 'Котли твердопаливні',
  language: 'uk',
  quantity: 5,
  availableUntil: daysFromToday(90),
  place: { settlement: 'Стрий', country: 'UA', pcode: 'UA4612001', lat: 49.26, lon: 23.85 },
});
const lvivNeed = makeNeed({
  id: 'need-lviv-boilers',
  municipalityId: LVIV,
  category: 'heating',
  title: 'Котли для шкіл',
  language: 'uk',
  quantity: 5,
  neededBy: daysFromToday(1),
  place: { settlement: 'Львів', pcode: 'UA4610001', lat: 49.84, lon: 24.03 },
});

let store: LocalStore;
let view: RenderedView;
const waitFor = <T,>(find: () => T | null | undefined | false) => waitForIn(view.container, find);

async function save<C extends CollectionName>(collection: C, docs: readonly DocumentOf[C][]): Promise<void> {
  await act(async () => {
    for (const { updatedAt: _updatedAt, ...doc } of docs) await saveDocument(store, collection, doc as never);
    await settle();
  });
}

beforeAll(async () => {
  await initI18n('en');
  useSessionStore.getState().setProfile(makeProfile({ municipality: kyiv }));
  store = await openLocalStore(getRxStorageMemory(), `matches-screen-${Date.now()}`);
  view = await renderWithStore(store, <MatchesScreen />);
});

afterAll(async () => {
  view.unmount();
  await store.db.close();
});

describe('the matches screen', () => {
  it('tells a municipality with nothing open to post a need or an offer', async () => {
    const needsEmpty = await waitFor(() => byTestId(view.container, 'matches-needs-empty'));
    expect(needsEmpty.textContent).toContain('Post a need');
    expect(needsEmpty.querySelector('a')?.getAttribute('href')).toBe('/needs/new');
    expect(byTestId(view.container, 'matches-offers-empty')?.querySelector('a')?.getAttribute('href')).toBe('/offers/new');
    expect(view.container.querySelectorAll('h3')).toHaveLength(2);
  });

  it('suggests an offer of another municipality for my need, with its score and translated reasons', async () => {
    await save('municipalities', [kyiv, lviv, munich, krakow]);
    await save('needs', [myNeed, lvivNeed]);
    await save('offers', [munichOffer, myOffer]);
    const group = await waitFor(() => byTestId(view.container, `match-need-${myNeed.id}`));
    const suggestion = group.querySelector<HTMLElement>('[data-testid="match-suggestion"]')!;
    expect(suggestion.dataset.itemId).toBe(munichOffer.id);
    const text = suggestion.textContent.replace(/\s/g, ' ');
    expect(text).toMatch(/\d+ % match/);
    expect(text).toContain('Posted by München');
    expect(text).toContain('Covers 80 %');
    expect(text).toContain('Needed in 3 days');
    expect(text).toMatch(/[\d,]+ km away/);
    expect(text).toContain('Urgency: high');
    const title = suggestion.querySelector('[data-testid="match-item-link"]')!;
    expect(title.getAttribute('href')).toBe(`/offers/${munichOffer.id}`);
    expect(title.querySelector('[lang]')?.getAttribute('lang')).toBe('de');
    // Pledging against my own need is for the other side: no pledge link here.
    expect(suggestion.querySelector('[data-testid="match-pledge-link"]')).toBeNull();
  });

  it('suggests needs of others for my offer, and the pledge link carries the need and my offer', async () => {
    const group = await waitFor(() => byTestId(view.container, `match-offer-${myOffer.id}`));
    const suggestion = group.querySelector<HTMLElement>('[data-testid="match-suggestion"]')!;
    expect(suggestion.dataset.itemId).toBe(lvivNeed.id);
    const text = suggestion.textContent.replace(/\s/g, ' ');
    expect(text).toContain('Same oblast');
    expect(text).toContain('Needed in 1 day');
    expect(text).toContain('Posted by Lviv');
    expect(suggestion.querySelector('[data-testid="match-item-link"]')?.getAttribute('href')).toBe(`/needs/${lvivNeed.id}`);
    const pledge = suggestion.querySelector('[data-testid="match-pledge-link"]')!;
    expect(pledge.getAttribute('href')).toBe(`/needs/${lvivNeed.id}/pledge?offer=${myOffer.id}`);
  });

  it('offers no pledge link to a pending member, who may not pledge yet', async () => {
    act(() => useSessionStore.getState().setProfile(makeProfile({ municipality: kyiv, member: { status: 'pending' } })));
    await settle();
    const group = await waitFor(() => byTestId(view.container, `match-offer-${myOffer.id}`));
    expect(group.querySelector('[data-testid="match-suggestion"]')).not.toBeNull();
    expect(group.querySelector('[data-testid="match-pledge-link"]')).toBeNull();
    act(() => useSessionStore.getState().setProfile(makeProfile({ municipality: kyiv })));
    await settle();
  });

  it('says "needed today" rather than "in 0 days", counting from the local day', async () => {
    await save('needs', [{ ...lvivNeed, neededBy: daysFromToday(0) }]);
    await waitFor(() => byTestId(view.container, `match-offer-${myOffer.id}`)?.textContent.includes('Needed today'));
  });

  it('explains to a moderator, who has no municipality, why there is nothing to match', async () => {
    act(() => useSessionStore.getState().setProfile(makeModeratorProfile()));
    await settle();
    const note = await waitFor(() => byTestId(view.container, 'matches-moderator'));
    expect(note.textContent).toContain('Moderators belong to no municipality');
    expect(view.container.querySelector('[data-testid="match-suggestion"]')).toBeNull();
    act(() => useSessionStore.getState().setProfile(makeProfile({ municipality: kyiv })));
  });
});
