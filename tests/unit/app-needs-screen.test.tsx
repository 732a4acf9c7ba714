// @vitest-environment jsdom
/**
 * The needs list on a real (in-memory) RxDB: a need written through saveDocument appears at once,
 * an edit replaces it, and its facts are shown in the interface language. The edit and new-need
 * buttons follow the signed-in member's rights (domain/permissions.ts's allowedActions).
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { NeedsScreen } from '../../app/features/needs/NeedsScreen';
import { SyncIndicator } from '../../app/features/sync/SyncIndicator';
import { useConnectionStore } from '../../app/stores/connection-store';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { DAY, LVIV, fresh, freshNeed, makeEvent, makeMunicipality, makePledge } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';
import { waitFor as waitForIn } from '../support/dom';
import { replaceSearch } from '../../app/routes';

let store: LocalStore;
let container: HTMLElement;
let view: RenderedView;

const waitFor = <T,>(find: () => T | null | undefined) => waitForIn(container, find);

const items = () => [...container.querySelectorAll<HTMLElement>('[data-testid="need-card"]')];
const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

beforeAll(async () => {
  await initI18n('uk');
  // A verified official of the municipality the factories' needs belong to is signed in.
  useSessionStore.getState().setProfile(makeProfile());
  store = await openLocalStore(getRxStorageMemory(), `needs-screen-${Date.now()}`);
  view = await renderWithStore(
    store,
    <>
      <SyncIndicator />
      <NeedsScreen />
    </>,
  );
  container = view.container;
});

afterAll(async () => {
  view.unmount();
  await store.db.close();
});

describe('the needs screen', () => {
  it('sets <html lang> to the interface language', () => {
    expect(document.documentElement.lang).toBe('uk');
  });

  it('shows the empty list, then a need saved on the phone at once', async () => {
    await waitFor(() => byTestId('needs-list')?.textContent?.includes('Потреб ще немає'));
    const { updatedAt: _updatedAt, ...need } = freshNeed({
      title: 'Генератори для насосної станції',
      language: 'uk',
      quantity: 4,
      unit: 'pieces',
      urgency: 'critical',
      neededBy: '2026-12-20',
      place: { settlement: 'Харків', pcode: 'UA63', lat: 49.99, lon: 36.23 },
    });
    await act(async () => {
      await saveDocument(store, 'needs', need);
      await settle();
    });

    const item = await waitFor(() => items()[0]);
    expect(item.dataset.needId).toBe(need.id);
    const title = item.querySelector('[data-testid="need-title"]')!;
    expect(title.textContent).toBe('Генератори для насосної станції');
    expect(title.getAttribute('lang')).toBe('uk');
    const text = item.textContent.replace(/\s/g, ' ');
    expect(text).toContain('Критична');
    expect(text).toContain('Енергетика');
    expect(text).toContain('Відкрита');
    expect(text).toContain('4 штуки');
    expect(text).toMatch(/Потрібно до 20 груд\.? 2026/);
    expect(text).toContain('Харків, Харківська область');
    expect(text).toContain('Мова тексту: українська');
    expect(item.querySelector('[data-testid="edit-need-button"]')?.getAttribute('href')).toBe(`/needs/${need.id}/edit`);
    expect(byTestId('needs-list')?.textContent).not.toContain('Потреб ще немає');
  });

  it('replaces a need by its edit and keeps the most urgent first', async () => {
    const [first] = items();
    const id = first!.dataset.needId!;
    const stored = (await store.db.needs.findOne(id).exec())!.toMutableJSON();
    const { updatedAt: _updatedAt, ...edit } = { ...stored, title: 'Два генератори', urgency: 'low' as const };
    const { updatedAt: _other, ...urgent } = freshNeed({ title: 'Ліки', urgency: 'critical' });
    await act(async () => {
      await saveDocument(store, 'needs', edit);
      await saveDocument(store, 'needs', urgent);
      await settle();
    });
    await waitFor(() => items().length === 2 && items()[1]!.textContent.includes('Два генератори'));
    expect(items().map((item) => item.querySelector('[data-testid="need-title"]')!.textContent)).toEqual(['Ліки', 'Два генератори']);
  });

  it('counts the waiting changes in the sync indicator, in words that agree with the number', () => {
    act(() => {
      useConnectionStore.getState().setBrowserOnline(false);
      useConnectionStore.getState().setSync({ connected: false, active: false, pending: 3, lastError: null, lastSyncedAt: null });
    });
    const indicator = byTestId('sync-indicator')!;
    expect(indicator.dataset.online).toBe('false');
    expect(indicator.dataset.pending).toBe('3');
    expect(indicator.textContent).toContain('Офлайн');
    expect(indicator.textContent).toContain('3 зміни очікують');
  });

  it('offers no edit button on another municipality\'s need', async () => {
    const { updatedAt: _updatedAt, ...theirs } = freshNeed({ municipalityId: LVIV, title: 'Ковдри для гуртожитку' });
    await act(async () => {
      await saveDocument(store, 'needs', theirs);
      await settle();
    });
    const item = await waitFor(() => items().find((candidate) => candidate.dataset.needId === theirs.id));
    expect(item.querySelector('[data-testid="edit-need-button"]')).toBeNull();
  });
  it('shows what partner cities pledged and what arrived, derived from pledges and their events', async () => {
    const { updatedAt: _updatedAt, ...need } = freshNeed({ title: 'Генератори для лікарні', quantity: 10, unit: 'pieces' });
    const pledge = fresh(makePledge({ needId: need.id, quantity: 4, unit: 'pieces', expiresAt: Date.now() + 14 * DAY }));
    await act(async () => {
      await saveDocument(store, 'needs', need);
      await saveDocument(store, 'pledges', pledge);
      await saveDocument(store, 'pledge_events', fresh(makeEvent('dispatched', { pledgeId: pledge.id })));
      await saveDocument(store, 'pledge_events', fresh(makeEvent('received', { pledgeId: pledge.id, quantity: 3 })));
      await settle();
    });
    const line = await waitFor(() =>
      items()
        .find((candidate) => candidate.dataset.needId === need.id)
        ?.querySelector<HTMLElement>('[data-testid="need-pledged"]'),
    );
    await waitFor(() => line.textContent?.includes('отримано 3'));
    expect(line.textContent).toBe('Обіцяно 4 штуки з 10 штук · отримано 3 штуки');
  });

  it('holds the list while a first sync or a long catch-up runs, and shows what arrived once it ends', async () => {
    const before = items().length;
    const count = () => Number(byTestId('needs-count')?.dataset.total);
    const totalBefore = count();
    const catchUp = { received: 200, remaining: 800, total: 1000, fraction: 0.2 };
    act(() => useConnectionStore.getState().setSync({ connected: true, active: true, pending: 0, lastError: null, lastSyncedAt: null, catchUp }));
    await settle();
    const arriving = [freshNeed({ title: 'Надійшла під час синхронізації 1' }), freshNeed({ title: 'Надійшла під час синхронізації 2' })];
    await act(async () => {
      for (const { updatedAt: _updatedAt, ...need } of arriving) await saveDocument(store, 'needs', need);
      await settle();
    });
    // Held: the batches landing meanwhile are not followed one by one.
    expect(count()).toBe(totalBefore);
    expect(items().length).toBe(before);
    expect(items().some((item) => arriving.some((need) => need.id === item.dataset.needId))).toBe(false);
    // The header's progress bar says how far the sync has come meanwhile.
    expect(byTestId('sync-progress')?.dataset.received).toBe('200');

    act(() => useConnectionStore.getState().setSync({ connected: true, active: false, pending: 0, lastError: null, lastSyncedAt: Date.now(), catchUp: null }));
    await waitFor(() => count() === totalBefore + 2);
    await waitFor(() => arriving.every((need) => items().some((item) => item.dataset.needId === need.id)));
    // Followed live again.
    const { updatedAt: _updatedAt, ...later } = freshNeed({ title: 'Після синхронізації' });
    await act(async () => {
      await saveDocument(store, 'needs', later);
      await settle();
    });
    await waitFor(() => count() === totalBefore + 3);
  });

  describe('offers the edit and new-need buttons as the rules allow', () => {
    const ownOpen = freshNeed({ title: 'Відкрита потреба громади' });
    const ownDraft = freshNeed({ title: 'Чернетка громади', status: 'draft' });

    const editButtonOf = (id: string) =>
      items()
        .find((candidate) => candidate.dataset.needId === id)
        ?.querySelector('[data-testid="edit-need-button"]') ?? null;

    beforeAll(async () => {
      // Drafts are listed once the status filter (open needs by default) is "any".
      act(() => replaceSearch(new URLSearchParams('status=any')));
      await act(async () => {
        for (const { updatedAt: _updatedAt, ...need } of [ownOpen, ownDraft]) await saveDocument(store, 'needs', need);
        await settle();
      });
      await waitFor(() => [ownOpen.id, ownDraft.id].every((id) => items().some((item) => item.dataset.needId === id)));
    });

    afterAll(() =>
      act(() => {
        useSessionStore.getState().setProfile(makeProfile());
        replaceSearch(new URLSearchParams());
      }),
    );

    it.each([
      ['a verified official of the municipality', makeProfile(), { newNeed: true, open: true, draft: true }],
      ['an official of another municipality', makeProfile({ municipality: makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', adm1: 'UA46' }) }), { newNeed: true, open: false, draft: false }],
      ['a pending member of the verified municipality (drafts only)', makeProfile({ member: { status: 'pending' } }), { newNeed: true, open: false, draft: true }],
      ['a moderator (no municipality of their own)', makeModeratorProfile(), { newNeed: false, open: false, draft: false }],
    ] as const)('%s', async (_who, profile, expected) => {
      act(() => useSessionStore.getState().setProfile(profile));
      await settle();
      expect(byTestId('new-need-button') !== null).toBe(expected.newNeed);
      expect(editButtonOf(ownOpen.id) !== null).toBe(expected.open);
      expect(editButtonOf(ownDraft.id) !== null).toBe(expected.draft);
    });
  });
});
