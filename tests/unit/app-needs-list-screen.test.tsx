// @vitest-environment jsdom
/**
 * The needs list as a partner city uses it: filters, search and sort live in the URL and change
 * what is shown; search finds Cyrillic needs by their Latin spelling and the other way round; the
 * cards name the municipality and spell Cyrillic places in Latin for non-Ukrainian readers; the
 * export downloads exactly the list shown as a UTF-8 CSV with the HXL row.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { replaceSearch } from '../../app/routes';
import { useSessionStore } from '../../app/stores/session-store';
import { NeedsScreen } from '../../app/features/needs/NeedsScreen';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { KYIV, LVIV, MUNICH, fresh, freshNeed, makeMunicipality, makePledge, DAY } from '../support/factories';
import { makeProfile } from '../support/profiles';
import { byTestId as byTestIdIn, click, fill, waitFor as waitForIn } from '../support/dom';

let store: LocalStore;
let view: RenderedView;
let emptyText = '';

const container = () => view.container;
const waitFor = <T,>(find: () => T | null | undefined | false) => waitForIn(container(), find);
const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => byTestIdIn<T>(container(), id);
const titles = () => [...container().querySelectorAll('[data-testid="need-card"] [data-testid="need-title"]')].map((title) => title.textContent);
const search = () => new URLSearchParams(window.location.search);

const kharkivGenerators = freshNeed({
  municipalityId: KYIV,
  title: 'Генератори для лікарні',
  language: 'uk',
  description: 'Дизельні, 100 кВт',
  category: 'energy',
  urgency: 'critical',
  place: { settlement: 'Харків', pcode: 'UA6302001', lat: 49.99, lon: 36.23 },
});
const lvivBlankets = freshNeed({
  municipalityId: LVIV,
  title: 'Ковдри для гуртожитку',
  language: 'uk',
  category: 'shelter',
  urgency: 'medium',
  place: { settlement: 'Львів', pcode: 'UA46' },
});
const kyivFilters = freshNeed({ municipalityId: KYIV, title: 'Water filters for schools', category: 'water', urgency: 'low', place: { settlement: 'Kyiv', pcode: 'UA80' } });

beforeAll(async () => {
  await initI18n('en');
  // A verified official of Munich, a partner city, browses the Ukrainian needs.
  useSessionStore.getState().setProfile(
    makeProfile({ municipality: makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY' }) }),
  );
  window.history.replaceState(null, '', '/needs');
  store = await openLocalStore(getRxStorageMemory(), `needs-list-${Date.now()}`);
  view = await renderWithStore(store, <NeedsScreen />);
  // A partner city with nothing on the phone is invited to browse, not to post a first need.
  await waitFor(() => byTestId('needs-empty-browse'));
  emptyText = container().textContent;
  await act(async () => {
    await saveDocument(store, 'municipalities', makeMunicipality());
    await saveDocument(store, 'municipalities', makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46', verification: { status: 'pending' } }));
  });
  await act(async () => {
    for (const { updatedAt: _updatedAt, ...need } of [kharkivGenerators, lvivBlankets, kyivFilters]) await saveDocument(store, 'needs', need);
  });
  await act(async () => {
    await saveDocument(store, 'pledges', fresh(makePledge({ needId: kharkivGenerators.id, quantity: 4, expiresAt: Date.now() + 14 * DAY })));
    await settle();
  });
  await waitFor(() => titles().length === 3);
});

afterEach(() => act(() => replaceSearch(new URLSearchParams())));

afterAll(async () => {
  view.unmount();
  await store.db.close();
});

describe('the needs list', () => {
  it('invites a partner city with no needs on the phone to browse offers rather than post a first need', () => {
    expect(emptyText).toContain('look at the offers');
    expect(emptyText).not.toContain('Post the first one');
  });

  it('shows every open need, most urgent first, with a count', () => {
    expect(titles()).toEqual(['Генератори для лікарні', 'Ковдри для гуртожитку', 'Water filters for schools']);
    expect(byTestId('needs-count')?.textContent).toBe('3 needs');
  });

  it('names the municipality with its verified badge, the place in Latin beside the Cyrillic and the oblast of a settlement P-code', () => {
    const card = container().querySelector<HTMLElement>(`[data-need-id="${kharkivGenerators.id}"]`)!;
    expect(card.querySelector('[data-testid="need-municipality"]')?.textContent).toBe('Kyiv✓ verified');
    expect(card.querySelector('.need-place')?.textContent).toBe('Харків (Kharkiv), Kharkivska oblast');
    expect(card.querySelector('[data-testid="need-link"]')?.getAttribute('href')).toBe(`/needs/${kharkivGenerators.id}`);
    const lviv = container().querySelector<HTMLElement>(`[data-need-id="${lvivBlankets.id}"]`)!;
    expect(lviv.querySelector('[data-testid="verified-badge"]')).toBeNull();
  });

  it('filters by category into the URL, counts what is shown, and clears', async () => {
    fill(byTestId<HTMLSelectElement>('needs-filter-category')!, 'shelter');
    await waitFor(() => titles().length === 1);
    expect(search().getAll('category')).toEqual(['shelter']);
    expect(titles()).toEqual(['Ковдри для гуртожитку']);
    expect(byTestId('needs-count')?.textContent).toBe('1 of 3');
    await click(byTestId('needs-clear-filters')!);
    await waitFor(() => titles().length === 3);
    expect(window.location.search).toBe('');
  });

  it('filters by urgency and by oblast, the oblast of a settlement P-code included', async () => {
    fill(byTestId<HTMLSelectElement>('needs-filter-oblast')!, 'UA63');
    await waitFor(() => titles().length === 1);
    expect(search().get('oblast')).toBe('UA63');
    expect(titles()).toEqual(['Генератори для лікарні']);
    fill(byTestId<HTMLSelectElement>('needs-filter-urgency')!, 'low');
    await waitFor(() => byTestId('needs-no-match'));
    expect(titles()).toEqual([]);
  });

  it('reads its filters from the URL it is opened with (a reload, the back button)', async () => {
    act(() => replaceSearch(new URLSearchParams('category=water&sort=newest')));
    await waitFor(() => titles().length === 1);
    expect(titles()).toEqual(['Water filters for schools']);
    expect(byTestId<HTMLSelectElement>('needs-filter-category')!.value).toBe('water');
    expect(byTestId<HTMLSelectElement>('needs-sort')!.value).toBe('newest');
  });

  it('sorts by newest into the URL', async () => {
    fill(byTestId<HTMLSelectElement>('needs-sort')!, 'newest');
    await waitFor(() => titles()[0] === 'Water filters for schools');
    expect(search().get('sort')).toBe('newest');
    expect(titles()).toEqual(['Water filters for schools', 'Ковдри для гуртожитку', 'Генератори для лікарні']);
  });

  it.each([
    ['a Latin spelling finds a Cyrillic need', 'heneratory', ['Генератори для лікарні']],
    ['the loose spelling with g finds it too', 'generator', ['Генератори для лікарні']],
    ['a Latin place name finds a need placed in Cyrillic', 'kharkiv', ['Генератори для лікарні']],
    ['Cyrillic finds a Cyrillic description', 'дизельні', ['Генератори для лікарні']],
    ['a municipality name finds its needs', 'lviv', ['Ковдри для гуртожитку']],
    ['English finds English', 'schools', ['Water filters for schools']],
  ])('searches title and description: %s', async (_case, query, expected) => {
    fill(byTestId<HTMLInputElement>('needs-search')!, query);
    await waitFor(() => titles().length === expected.length && titles()[0] === expected[0]);
    expect(titles()).toEqual(expected);
    expect(search().get('q')).toBe(query);
  });

  it('exports exactly the filtered list as a UTF-8 CSV with the HXL row, the Cyrillic title and the totals', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:needs';
    });
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      fill(byTestId<HTMLSelectElement>('needs-filter-category')!, 'energy');
      await waitFor(() => titles().length === 1);
      await click(byTestId('needs-export')!);
      expect(blobs).toHaveLength(1);
      const blob = blobs[0]!;
      expect(blob.type).toBe('text/csv;charset=utf-8');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toMatch(/^Need id,Municipality,Sector,/);
      expect(lines[1]).toMatch(/^#meta\+id,#org\+name,#sector,/);
      expect(lines).toHaveLength(3);
      expect(lines[2]).toContain('Генератори для лікарні');
      expect(lines[2]).toContain(kharkivGenerators.id);
      expect(lines[2]).toContain('Kyiv');
      expect(lines[2]).toMatch(/,open,4,0$/);
      const link = clicked.mock.contexts[0] as HTMLAnchorElement;
      expect(link.download).toMatch(/^cities4cities-needs-\d{4}-\d{2}-\d{2}\.csv$/);
    } finally {
      clicked.mockRestore();
    }
  });
});
