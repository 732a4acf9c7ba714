// @vitest-environment jsdom
/**
 * The offers list with 5,000 offers on the phone: it counts them all but renders only the cards
 * near the screen (a store of its own: RxDB's free tier opens one such database per process).
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { OffersScreen } from '../../app/features/offers/OffersScreen';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { waitFor } from '../support/dom';
import { freshOffer, input, munich, munichOfficial } from '../support/offer-fixtures';
import { renderWithStore } from '../support/render-with-store';

let store: LocalStore;

beforeAll(async () => {
  await initI18n('en');
  window.history.replaceState(null, '', '/offers');
  useSessionStore.getState().setProfile(munichOfficial());
  store = await openLocalStore(getRxStorageMemory(), `offers-long-list-${Date.now()}`);
  await saveDocument(store, 'municipalities', input(munich));
  await store.db.offers.bulkInsert(Array.from({ length: 5000 }, (_, index) => freshOffer({ title: `Hygiene kits batch ${index}`, category: 'medical' })));
});

afterAll(async () => {
  await store.db.close();
});

it('renders only the cards near the screen, and counts them all', async () => {
  // jsdom lays nothing out: give every row the height of a card.
  const spy = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('offers-row') ? 200 : 0;
  });
  const view = await renderWithStore(store, <OffersScreen />);
  try {
    await waitFor(view.container, () => view.container.querySelector('[data-testid="offers-count"]')?.textContent === '5000 offers');
    const rendered = view.container.querySelectorAll('[data-testid="offer-card"]').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(30);
    expect(view.container.querySelector('[data-testid="offer-title"]')?.textContent).toBe('Hygiene kits batch 4999');
  } finally {
    spy.mockRestore();
    view.unmount();
  }
});
