// @vitest-environment jsdom
/**
 * An offer's page on a real (in-memory) RxDB: everything about the offer, its municipality with a
 * verified badge, the needs it fits best with translated reasons, and for its owners only the
 * edit and status actions the rules allow (and a pledge from the offer); a share link; and a plain
 * message for an offer that is not on this phone.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { OfferScreen } from '../../app/features/offers/OfferScreen';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { click, waitFor as waitForIn } from '../support/dom';
import { freshNeed } from '../support/factories';
import { freshOffer, input, kyiv, kyivOfficial, munich, munichOfficial } from '../support/offer-fixtures';
import { makeProfile } from '../support/profiles';
import { renderWithStore, type RenderedView } from '../support/render-with-store';

let store: LocalStore;
let view: RenderedView | null = null;
let container: HTMLElement;

const waitFor = <T,>(find: () => T | null | undefined | false) => waitForIn(container, find);
const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** Ends next year, so it is still available whatever day the tests run. */
const nextYear = new Date().getFullYear() + 1;
const generators = freshOffer({ title: '8 diesel generators, 20 kW', quantity: 8, availableUntil: `${nextYear}-12-31` });
const pumpGenerators = freshNeed({
  title: 'Генератори для насосних станцій',
  language: 'uk',
  quantity: 10,
  unit: 'pieces',
  urgency: 'critical',
  neededBy: `${nextYear}-06-30`,
  place: { settlement: 'Київ', pcode: 'UA80', lat: 50.45, lon: 30.52 },
});
const food = freshNeed({ category: 'food', title: 'Flour for bakeries' });

async function show(offerId: string) {
  view?.unmount();
  view = await renderWithStore(store, <OfferScreen offerId={offerId} />);
  container = view.container;
}

beforeAll(async () => {
  await initI18n('en');
  window.history.replaceState(null, '', `/offers/${generators.id}`);
  store = await openLocalStore(getRxStorageMemory(), `offer-screen-${Date.now()}`);
  for (const municipality of [munich, kyiv]) await saveDocument(store, 'municipalities', input(municipality));
  await saveDocument(store, 'offers', input(generators));
  for (const need of [pumpGenerators, food]) await saveDocument(store, 'needs', input(need));
});

afterAll(async () => {
  view?.unmount();
  await store.db.close();
});

describe('the offer page', () => {
  beforeEach(() => act(() => useSessionStore.getState().setProfile(kyivOfficial())));

  it('shows every fact of the offer and its verified municipality, linked', async () => {
    await show(generators.id);
    const page = await waitFor(() => byTestId('offer-page')?.dataset.offerId === generators.id && byTestId('offer-page'));
    expect(byTestId('offer-title')?.textContent).toBe('8 diesel generators, 20 kW');
    expect(byTestId('offer-title')?.getAttribute('lang')).toBe('en');
    expect(byTestId('offer-municipality-link')?.getAttribute('href')).toBe(`/municipalities/${munich.id}`);
    const text = page.textContent.replace(/\s+/g, ' ');
    for (const fact of ['München', 'Verified municipality', 'Germany', 'Serviced, with cables.', 'Energy', '8 pieces', `Dec 31, ${nextYear}`, 'To the border', 'To the city', 'Open', 'English']) {
      expect(text).toContain(fact);
    }
  });

  it('suggests the needs the offer fits, with reasons in words, linked to each need', async () => {
    await show(generators.id);
    const match = await waitFor(() => container.querySelector<HTMLElement>('[data-testid="offer-match"]'));
    expect(container.querySelectorAll('[data-testid="offer-match"]')).toHaveLength(1);
    expect(match.dataset.needId).toBe(pumpGenerators.id);
    expect(match.querySelector('a')?.getAttribute('href')).toBe(`/needs/${pumpGenerators.id}`);
    expect(match.querySelector('[lang="uk"]')?.textContent).toBe('Генератори для насосних станцій');
    const reasons = match.querySelector('[data-testid="offer-match-reasons"]')!.textContent;
    expect(reasons).toContain('same category');
    expect(reasons).toContain('covers 80 %');
    expect(reasons).toContain('urgency: critical');
    expect(reasons).toMatch(/needed in \d+ days/);
    expect(reasons).toMatch(/\d+ km away/);
  });

  it('offers a reader of another municipality no owner actions and no pledge from the offer', async () => {
    await show(generators.id);
    await waitFor(() => byTestId('offer-match'));
    for (const id of ['offer-edit', 'offer-withdraw', 'offer-exhausted', 'offer-reopen', 'offer-pledge']) expect(byTestId(id), id).toBeNull();
  });

  it('offers its owners edit, withdraw and "exhausted", and a pledge from the offer', async () => {
    act(() => useSessionStore.getState().setProfile(munichOfficial()));
    await show(generators.id);
    await waitFor(() => byTestId('offer-pledge'));
    expect(byTestId('offer-edit')?.getAttribute('href')).toBe(`/offers/${generators.id}/edit`);
    expect(byTestId('offer-withdraw')).not.toBeNull();
    expect(byTestId('offer-exhausted')).not.toBeNull();
    expect(byTestId('offer-reopen')).toBeNull();
    expect(byTestId('offer-pledge')?.getAttribute('href')).toBe(`/needs/${pumpGenerators.id}/pledge?offer=${generators.id}`);
  });

  it('withdraws the offer on the phone, then lets its owners reopen it', async () => {
    act(() => useSessionStore.getState().setProfile(munichOfficial()));
    await show(generators.id);
    await click(await waitFor(() => byTestId('offer-withdraw')));
    await waitFor(() => byTestId('offer-reopen'));
    expect((await store.db.offers.findOne(generators.id).exec())?.status).toBe('withdrawn');
    expect(byTestId('offer-status')?.textContent).toContain('Withdrawn');
    expect(byTestId('offer-withdraw')).toBeNull();
    expect(byTestId('offer-exhausted')).toBeNull();
    // A withdrawn offer is matched with nothing.
    expect(byTestId('offer-match')).toBeNull();

    await click(byTestId('offer-reopen')!);
    await waitFor(() => byTestId('offer-withdraw'));
    expect((await store.db.offers.findOne(generators.id).exec())?.status).toBe('open');
  });

  it('marks the offer exhausted', async () => {
    act(() => useSessionStore.getState().setProfile(munichOfficial()));
    await show(generators.id);
    await click(await waitFor(() => byTestId('offer-exhausted')));
    await waitFor(() => byTestId('offer-reopen'));
    expect((await store.db.offers.findOne(generators.id).exec())?.status).toBe('exhausted');
    await click(byTestId('offer-reopen')!);
    await waitFor(() => byTestId('offer-exhausted'));
  });

  it('gives a pending member of the owning municipality no status actions (they would publish)', async () => {
    act(() => useSessionStore.getState().setProfile(makeProfile({ municipality: munich, member: { id: 'member-anna-001', status: 'pending' } })));
    await show(generators.id);
    await waitFor(() => byTestId('offer-match'));
    for (const id of ['offer-edit', 'offer-withdraw', 'offer-exhausted', 'offer-pledge']) expect(byTestId(id), id).toBeNull();
  });

  it('copies its link where the phone has no share sheet, and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await show(generators.id);
    await click(await waitFor(() => byTestId('offer-share')));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/offers/${generators.id}`);
    expect(byTestId('offer-share-note')?.textContent).toBe('Link copied.');
  });

  it('says plainly when the offer is not on this phone', async () => {
    await show('offer-missing-0001');
    await waitFor(() => byTestId('offer-not-found'));
    expect(byTestId('offer-not-found')?.textContent).toContain('This offer is not on this phone');
  });
});
