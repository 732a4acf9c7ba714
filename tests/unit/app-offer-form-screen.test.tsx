// @vitest-environment jsdom
/**
 * The offer form on a real (in-memory) RxDB: every input labelled, errors next to their fields, a
 * new offer saved on the phone (valid for the schema the server checks) and then opened, an edit
 * that changes only what was changed, and no form for those the rules do not let post.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { OfferFormScreen } from '../../app/features/offers/OfferFormScreen';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { OFFER_SCHEMA } from '../../domain/schemas/offer';
import { validateDocument } from '../../domain/validation';
import { click, fill, waitFor as waitForIn } from '../support/dom';
import { freshOffer, input, kyiv, kyivOfficial, munich, munichOfficial } from '../support/offer-fixtures';
import { makeModeratorProfile } from '../support/profiles';
import { renderWithStore, type RenderedView } from '../support/render-with-store';

let store: LocalStore;
let view: RenderedView | null = null;
let container: HTMLElement;

const waitFor = <T,>(find: () => T | null | undefined | false) => waitForIn(container, find);
const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`);
const field = <T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement = HTMLInputElement>(name: string) => byTestId<T>(`offer-field-${name}`)!;
const errorOf = (name: string) => byTestId(`field-error-${name}`)?.textContent ?? null;

const nextYear = new Date().getFullYear() + 1;

async function show(element: React.ReactNode) {
  view?.unmount();
  view = await renderWithStore(store, element);
  container = view.container;
}

beforeAll(async () => {
  await initI18n('en');
  store = await openLocalStore(getRxStorageMemory(), `offer-form-${Date.now()}`);
  for (const municipality of [munich, kyiv]) await saveDocument(store, 'municipalities', input(municipality));
});

afterEach(() => {
  view?.unmount();
  view = null;
  act(() => useSessionStore.getState().setProfile(munichOfficial()));
});

afterAll(async () => {
  await store.db.close();
});

describe('a new offer', () => {
  beforeAll(() => {
    window.history.replaceState(null, '', '/offers/new');
    useSessionStore.getState().setProfile(munichOfficial());
  });

  it('labels every input and starts where the municipality is', async () => {
    await show(<OfferFormScreen />);
    const form = byTestId('offer-form')!;
    for (const input of form.querySelectorAll<HTMLElement>('input, select, textarea')) {
      const labelled = input.id !== '' && form.querySelector(`label[for="${input.id}"]`) !== null;
      expect(labelled || input.closest('label') !== null, input.getAttribute('name') ?? input.tagName).toBe(true);
    }
    expect(field('settlement').value).toBe('München');
    expect(field<HTMLSelectElement>('country').value).toBe('DE');
    expect(field<HTMLSelectElement>('language').value).toBe('en');
    // A place outside Ukraine has no oblast to choose; a new offer has no status to choose.
    expect(byTestId('offer-field-pcode')).toBeNull();
    expect(byTestId('offer-field-status')).toBeNull();
  });

  it('says what is missing next to each field and saves nothing', async () => {
    await show(<OfferFormScreen />);
    await click(byTestId('offer-save')!);
    expect(errorOf('category')).toBe('Please choose one.');
    expect(errorOf('title')).toBe('At least 3 characters.');
    expect(errorOf('deliveryOptions')).toBe('Please choose at least one.');
    expect(field('title').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('category'));
    fill(field('title'), 'Beds');
    expect(errorOf('title')).toBeNull();
    expect(await store.db.offers.count().exec()).toBe(0);
  });

  it('asks for a whole number of pieces and an end date that lies ahead', async () => {
    await show(<OfferFormScreen />);
    fill(field<HTMLSelectElement>('category'), 'shelter');
    fill(field('quantity'), '2.5');
    fill(field('availableUntil'), '2021-01-01');
    await click(byTestId('offer-save')!);
    expect(errorOf('quantity')).toBe('Please enter a whole number: this unit is counted in whole items.');
    expect(errorOf('availableUntil')).toBe('This date has already passed.');
  });

  it('saves a valid offer on the phone and opens its page', async () => {
    await show(<OfferFormScreen />);
    fill(field<HTMLSelectElement>('category'), 'energy');
    fill(field('title'), '  Stromgeneratoren 20 kW ');
    fill(field<HTMLTextAreaElement>('description'), 'Gewartet, mit Kabeln');
    fill(field<HTMLSelectElement>('language'), 'de');
    fill(field('quantity'), '8');
    fill(field('availableUntil'), `${nextYear}-04-30`);
    const boxes = byTestId('offer-field-deliveryOptions')!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    await click(boxes[1]!);
    await click(boxes[0]!);
    await click(byTestId('offer-save')!);

    await waitFor(() => window.location.pathname.startsWith('/offers/') && window.location.pathname !== '/offers/new');
    const id = decodeURIComponent(window.location.pathname.split('/')[2]!);
    const saved = (await store.db.offers.findOne(id).exec())!.toJSON();
    expect(validateDocument(OFFER_SCHEMA, saved)).toEqual([]);
    expect(saved).toMatchObject({
      municipalityId: munich.id,
      category: 'energy',
      title: 'Stromgeneratoren 20 kW',
      language: 'de',
      quantity: 8,
      unit: 'pieces',
      availableUntil: `${nextYear}-04-30`,
      deliveryOptions: ['to-border', 'to-city'],
      place: { settlement: 'München', country: 'DE', lat: 48.14, lon: 11.58 },
      status: 'open',
    });
  });

  it('lets a Ukrainian municipality offer know-how without a quantity, placed in its oblast', async () => {
    act(() => useSessionStore.getState().setProfile(kyivOfficial()));
    window.history.replaceState(null, '', '/offers/new');
    await show(<OfferFormScreen />);
    expect(field<HTMLSelectElement>('pcode').value).toBe('UA80');
    fill(field<HTMLSelectElement>('category'), 'expertise');
    expect(container.textContent).toContain('Quantity (optional)');
    fill(field('title'), 'Відбудова мостів: консультації');
    fill(field<HTMLSelectElement>('unit'), 'person-days');
    fill(field<HTMLSelectElement>('pcode'), 'UA46');
    await click(byTestId('offer-field-deliveryOptions')!.querySelector<HTMLInputElement>('input[value="remote"]')!);
    await click(byTestId('offer-save')!);
    await waitFor(() => window.location.pathname !== '/offers/new');
    const id = decodeURIComponent(window.location.pathname.split('/')[2]!);
    const saved = (await store.db.offers.findOne(id).exec())!.toJSON();
    expect(saved).not.toHaveProperty('quantity');
    expect(saved.place).toMatchObject({ country: 'UA', pcode: 'UA46' });
    expect(saved.place.lat).toBeCloseTo(49.8, 0);
  });

  it('shows no form to a moderator', async () => {
    act(() => useSessionStore.getState().setProfile(makeModeratorProfile()));
    await show(<OfferFormScreen />);
    expect(byTestId('offer-form')).toBeNull();
    expect(byTestId('offer-not-allowed')).not.toBeNull();
  });
});

describe('editing an offer', () => {
  const stored = freshOffer({ title: 'Hospital beds', category: 'medical', quantity: 12, availableUntil: `${nextYear}-01-31` });

  beforeAll(async () => {
    await saveDocument(store, 'offers', input(stored));
  });

  it('opens with the stored values and saves only what changed', async () => {
    window.history.replaceState(null, '', `/offers/${stored.id}/edit`);
    await show(<OfferFormScreen offerId={stored.id} />);
    await waitFor(() => byTestId('offer-form'));
    expect(field('title').value).toBe('Hospital beds');
    expect(field('quantity').value).toBe('12');
    expect(field<HTMLSelectElement>('status').value).toBe('open');
    expect([...field<HTMLSelectElement>('status').options].map((option) => option.value)).toEqual(['open', 'reserved', 'exhausted', 'withdrawn']);

    fill(field('quantity'), '10');
    fill(field<HTMLSelectElement>('status'), 'reserved');
    await click(byTestId('offer-save')!);
    await waitFor(() => window.location.pathname === `/offers/${stored.id}`);

    const saved = (await store.db.offers.findOne(stored.id).exec())!.toJSON();
    const { updatedAt: before, ...unchanged } = stored;
    // Only the two changed fields get a stamp (domain/field-stamps.ts): the merge decides by them.
    const fieldStamps = { quantity: saved.updatedAt, status: saved.updatedAt };
    expect(saved).toEqual({ ...unchanged, quantity: 10, status: 'reserved', fieldStamps, updatedAt: saved.updatedAt });
    expect(saved.updatedAt).toBeGreaterThan(before);
  });

  it('shows no form to another municipality', async () => {
    act(() => useSessionStore.getState().setProfile(kyivOfficial()));
    await show(<OfferFormScreen offerId={stored.id} />);
    await waitFor(() => byTestId('offer-not-allowed'));
    expect(byTestId('offer-form')).toBeNull();
  });

  it('says so when the offer is not on this phone', async () => {
    await show(<OfferFormScreen offerId="offer-missing-0001" />);
    await waitFor(() => byTestId('offer-not-found'));
  });
});

