// @vitest-environment jsdom
/**
 * The offers list on a real (in-memory) RxDB: open offers of verified municipalities (and one's
 * own), filters and search that live in the URL, a count, "clear filters", sorting, the new-offer
 * button for those the rules let post (the long list: app-offers-long-list.test.tsx).
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { OffersScreen } from '../../app/features/offers/OffersScreen';
import { initI18n } from '../../app/i18n/index';
import { replaceSearch } from '../../app/routes';
import { useSessionStore } from '../../app/stores/session-store';
import { fill, waitFor as waitForIn } from '../support/dom';
import { KRAKOW, KYIV, makeMunicipality } from '../support/factories';
import { freshOffer, input, krakow, kyiv, kyivOfficial, munich, munichOfficial } from '../support/offer-fixtures';
import { makeModeratorProfile, makeProfile } from '../support/profiles';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';

let store: LocalStore;
let view: RenderedView;
let container: HTMLElement;

const waitFor = <T,>(find: () => T | null | undefined | false) => waitForIn(container, find);
const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`);
const titles = () => [...container.querySelectorAll('[data-testid="offer-card"] [data-testid="offer-title"]')].map((title) => title.textContent);
const search = () => new URLSearchParams(window.location.search);

const generators = freshOffer({ title: '8 diesel generators, 20 kW', availableUntil: '2026-09-30' });
const bridges = freshOffer({
  municipalityId: KYIV,
  category: 'expertise',
  title: 'Досвід відновлення мостів',
  description: 'Інженери, що відбудували три мости',
  language: 'uk',
  quantity: 20,
  unit: 'person-days',
  availableUntil: '2026-05-31',
  deliveryOptions: ['remote'],
  place: { settlement: 'Київ', country: 'UA', pcode: 'UA80', lat: 50.45, lon: 30.52 },
});
const blankets = freshOffer({ municipalityId: KRAKOW, category: 'shelter', title: 'Wool blankets', place: { settlement: 'Kraków', country: 'PL' } });
const withdrawnMasks = freshOffer({ category: 'medical', title: 'FFP2 masks', status: 'withdrawn' });

beforeAll(async () => {
  await initI18n('en');
  window.history.replaceState(null, '', '/offers');
  useSessionStore.getState().setProfile(munichOfficial());
  store = await openLocalStore(getRxStorageMemory(), `offers-screen-${Date.now()}`);
  for (const municipality of [munich, kyiv, krakow]) await saveDocument(store, 'municipalities', input(municipality));
  for (const offer of [generators, bridges, blankets, withdrawnMasks]) await saveDocument(store, 'offers', input(offer));
  view = await renderWithStore(store, <OffersScreen />);
  container = view.container;
  await waitFor(() => titles().length === 2);
});

afterAll(async () => {
  view.unmount();
  await store.db.close();
});

afterEach(() => {
  act(() => replaceSearch(new URLSearchParams()));
});

describe('the offers list', () => {
  it('shows the open offers of verified municipalities, newest first, with their facts', () => {
    expect(titles()).toEqual(['Досвід відновлення мостів', '8 diesel generators, 20 kW']);
    expect(byTestId('offers-count')?.textContent).toBe('2 offers');

    const card = container.querySelector<HTMLElement>(`[data-offer-id="${bridges.id}"]`)!;
    expect(card.querySelector('[data-testid="offer-title"] [lang]')?.getAttribute('lang')).toBe('uk');
    expect(card.querySelector('a')?.getAttribute('href')).toBe(`/offers/${bridges.id}`);
    const text = card.textContent.replace(/\s+/g, ' ');
    expect(text).toContain('Kyiv');
    expect(text).toContain('Verified');
    expect(text).toContain('Ukraine');
    expect(text).toContain('Expertise');
    expect(text).toContain('20 person-days');
    expect(text).toContain('Available until May 31, 2026');
    expect(text).toContain('Open');
    expect([...card.querySelectorAll('.delivery-chips li')].map((chip) => chip.textContent)).toEqual(['Remote']);
  });

  it('leaves out offers of a municipality a moderator has not verified', () => {
    expect(container.querySelector(`[data-offer-id="${blankets.id}"]`)).toBeNull();
  });

  it('filters by category into the URL, and clears the filters again', async () => {
    fill(byTestId<HTMLSelectElement>('offers-filter-category')!, 'energy');
    await waitFor(() => titles().length === 1);
    expect(titles()).toEqual(['8 diesel generators, 20 kW']);
    expect(search().getAll('category')).toEqual(['energy']);
    expect(byTestId('offers-count')?.textContent).toBe('1 offer');

    await act(async () => {
      byTestId('offers-clear-filters')!.click();
      await settle();
    });
    await waitFor(() => titles().length === 2);
    expect(window.location.search).toBe('');
    expect(byTestId('offers-clear-filters')).toBeNull();
  });

  it('filters by country, oblast, status and whose offers they are', async () => {
    fill(byTestId<HTMLSelectElement>('offers-filter-country')!, 'UA');
    await waitFor(() => titles().length === 1 && titles()[0] === 'Досвід відновлення мостів');
    expect(search().get('country')).toBe('UA');

    act(() => replaceSearch(new URLSearchParams()));
    fill(byTestId<HTMLSelectElement>('offers-filter-oblast')!, 'UA80');
    await waitFor(() => titles().length === 1 && titles()[0] === 'Досвід відновлення мостів');

    act(() => replaceSearch(new URLSearchParams()));
    fill(byTestId<HTMLSelectElement>('offers-filter-status')!, '');
    await waitFor(() => titles().length === 3);
    expect(search().get('status')).toBe('any');
    expect(titles()).toContain('FFP2 masks');

    fill(byTestId<HTMLSelectElement>('offers-filter-scope')!, 'mine');
    await waitFor(() => titles().length === 2);
    expect(titles()).toEqual(['FFP2 masks', '8 diesel generators, 20 kW']);
    expect(search().get('scope')).toBe('mine');
  });

  it('reads its filters from the URL (a reload or a shared link)', async () => {
    act(() => replaceSearch(new URLSearchParams('status=withdrawn')));
    await waitFor(() => titles().length === 1 && titles()[0] === 'FFP2 masks');
    expect(byTestId<HTMLSelectElement>('offers-filter-status')!.value).toBe('withdrawn');
    expect(byTestId('offers-clear-filters')).not.toBeNull();
  });

  it('finds offers by title, description or municipality name, in either script', async () => {
    const cases: [string, string[]][] = [
      ['generators', ['8 diesel generators, 20 kW']],
      ['мости', ['Досвід відновлення мостів']],
      ['Kyiv', ['Досвід відновлення мостів']],
      ['Мюнхен', ['8 diesel generators, 20 kW']],
      ['inzhenery', ['Досвід відновлення мостів']],
    ];
    for (const [query, expected] of cases) {
      fill(byTestId<HTMLInputElement>('offers-search')!, query);
      await waitFor(() => titles().join('|') === expected.join('|'));
      expect(search().get('q')).toBe(query);
    }
    fill(byTestId<HTMLInputElement>('offers-search')!, 'no such thing');
    await waitFor(() => byTestId('offers-list')?.textContent?.includes('No offer matches these filters.'));
  });

  it('sorts by the soonest end date', async () => {
    fill(byTestId<HTMLSelectElement>('offers-sort')!, 'available-until');
    await waitFor(() => titles()[0] === 'Досвід відновлення мостів');
    expect(search().get('sort')).toBe('available-until');
    // Sorting alone is no filter to clear.
    expect(byTestId('offers-clear-filters')).toBeNull();
  });

  describe('offers the new-offer button as the rules allow', () => {
    afterAll(() => act(() => useSessionStore.getState().setProfile(munichOfficial())));

    it.each([
      ['a verified official of a partner city', munichOfficial(), true],
      ['a verified official of a Ukrainian municipality (know-how too)', kyivOfficial(), true],
      ['a pending member of a verified municipality (offers are published at once)', makeProfile({ member: { status: 'pending' } }), false],
      ['a pending member of a pending municipality (hidden until verified)', makeProfile({ municipality: makeMunicipality({ verification: { status: 'pending' } }), member: { status: 'pending' } }), true],
      ['a moderator (no municipality of their own)', makeModeratorProfile(), false],
    ] as const)('%s', async (_who, profile, expected) => {
      act(() => useSessionStore.getState().setProfile(profile));
      await settle();
      expect(byTestId('new-offer-button') !== null).toBe(expected);
      if (expected) expect(byTestId('new-offer-button')?.getAttribute('href')).toBe('/offers/new');
    });
  });
});
