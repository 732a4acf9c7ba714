// @vitest-environment jsdom
/**
 * Every record says where its change stands: a need card waiting to be sent, refused (the card's
 * chip; the page gives the reason in words and the link to fix it), merged (the page says which
 * fields the other edit changed, until dismissed), and nothing on a card once the server has it.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { mergedWritesOf, recordMerge } from '../../app/db/merged-writes';
import { NeedCard } from '../../app/features/needs/NeedCard';
import { NeedScreen } from '../../app/features/needs/NeedScreen';
import { RecordSyncState } from '../../app/features/sync';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { mergeFor } from '../../domain/collections';
import type { Need } from '../../domain/schemas/need';
import { freshNeed, makeMunicipality } from '../support/factories';
import { makeProfile } from '../support/profiles';
import { byTestId, click, waitFor } from '../support/dom';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';

let store: LocalStore;
const views: RenderedView[] = [];

async function show(element: React.ReactNode): Promise<HTMLElement> {
  const view = await renderWithStore(store, element);
  views.push(view);
  return view.container;
}

/** A need saved on the phone (waiting in the outbox until a push settles it). */
async function saved(overrides: Partial<Need> = {}): Promise<Need> {
  const { updatedAt: _stamp, ...input } = freshNeed(overrides);
  return saveDocument(store, 'needs', input);
}

/** The server accepted it: the outbox no longer counts it. */
const accepted = (need: Need) => act(() => store.outboxes.needs!.settle([{ id: need.id, updatedAt: need.updatedAt }]));

beforeAll(async () => {
  await initI18n('en');
  store = await openLocalStore(getRxStorageMemory(), `record-state-${Date.now()}`);
  await saveDocument(store, 'municipalities', makeMunicipality());
  act(() => useSessionStore.getState().setProfile(makeProfile()));
});

afterAll(async () => {
  for (const view of views) view.unmount();
  await store.db.close();
});

describe('a need card', () => {
  it('shows "Waiting" while the change is only on the phone, and nothing once the server has it', async () => {
    const need = await saved({ title: 'Water tanks' });
    const container = await show(
      <ul>
        <NeedCard need={need} />
      </ul>,
    );
    const state = byTestId(container, 'record-state')!;
    expect(state.dataset.state).toBe('waiting');
    expect(state.textContent).toContain('Waiting');
    await accepted(need);
    await act(settle);
    expect(byTestId(container, 'record-state')).toBeNull();
  });

  it('shows "Refused" when the server refused it', async () => {
    const need = await saved({ title: 'Blankets' });
    await accepted(need);
    await act(() =>
      store.refused.record([
        { id: need.id, collection: 'needs', code: 'status-not-reachable', message: 'no', document: need, serverState: null, refusedAt: Date.now() },
      ]),
    );
    const container = await show(
      <ul>
        <NeedCard need={need} />
      </ul>,
    );
    expect(byTestId(container, 'record-state')?.dataset.state).toBe('refused');
    expect(byTestId(container, 'record-state')?.textContent).toContain('Refused');
  });
});

describe('a need page', () => {
  it('says "Saved on the server" once the server has it', async () => {
    const need = await saved({ title: 'Sandbags' });
    await accepted(need);
    const container = await show(<NeedScreen id={need.id} />);
    const state = await waitFor(container, () => byTestId(container, 'record-state'));
    expect(state.dataset.state).toBe('sent');
    expect(state.textContent).toContain('Saved on the server');
  });

  it('gives a refusal’s reason in words and links to where it can be fixed, retried or discarded', async () => {
    const need = await saved({ title: 'Field kitchen' });
    await accepted(need);
    await act(() =>
      store.refused.record([
        {
          id: need.id,
          collection: 'needs',
          code: 'status-not-reachable',
          message: 'Status closed cannot reach open',
          document: need,
          serverState: null,
          refusedAt: Date.now(),
        },
      ]),
    );
    const container = await show(<NeedScreen id={need.id} />);
    const state = await waitFor(container, () => byTestId(container, 'record-state'));
    expect(state.dataset.state).toBe('refused');
    expect(byTestId(container, 'record-state-reason')?.textContent).toBe(
      'Why: no sequence of allowed status changes leads here from the current status',
    );
    expect(byTestId<HTMLAnchorElement>(container, 'record-state-fix')?.getAttribute('href')).toBe('/more#settings-refused');
  });

  it('says which fields an edit from the municipality changed, until the member dismisses it', async () => {
    const need = await saved({ title: 'Pumps', quantity: 4, unit: 'pieces' });
    await accepted(need);
    const merge = mergeFor('needs');
    const local = { ...need, urgency: 'critical' as const, updatedAt: need.updatedAt + 2 };
    const master = { ...need, status: 'fulfilled' as const, quantity: 6, updatedAt: need.updatedAt + 1 };
    await act(async () => {
      await recordMerge(store.db, 'needs', { base: need, master, local, merged: merge(need, master, local) });
      await settle();
    });
    const container = await show(<NeedScreen id={need.id} />);
    const state = await waitFor(container, () => byTestId(container, 'record-state'));
    expect(state.dataset.state).toBe('merged');
    expect(byTestId(container, 'record-state-merged-fields')?.textContent).toBe('Merged with an edit from Kyiv: quantity, status');
    await click(byTestId(container, 'record-state-dismiss')!);
    await waitFor(container, () => byTestId(container, 'record-state')?.dataset.state === 'sent');
    expect(mergedWritesOf(store.db).find('needs', need.id)).toBeUndefined();
  });
});

describe('a pledge update without a page', () => {
  it('explains a refusal where it is listed', async () => {
    await act(() =>
      store.refused.record([
        { id: 'event-1', collection: 'pledge_events', code: 'wrong-party', message: 'no', document: { id: 'event-1' }, serverState: null, refusedAt: Date.now() },
      ]),
    );
    const container = await show(<RecordSyncState collection="pledge_events" id="event-1" explain />);
    expect(byTestId(container, 'record-state')?.dataset.state).toBe('refused');
    expect(byTestId(container, 'record-state-reason')?.textContent).toContain('for the other municipality to record');
    expect(byTestId(container, 'record-state-fix')).not.toBeNull();
  });
});
