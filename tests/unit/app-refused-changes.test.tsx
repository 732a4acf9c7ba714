// @vitest-environment jsdom
/** The list of changes the server refused: every collection, with its reason, each discardable. */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { RefusedChanges } from '../../app/features/sync/RefusedChanges';
import { initI18n } from '../../app/i18n/index';
import { fresh, makeMessage } from '../support/factories';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';

let store: LocalStore;
let container: HTMLElement;
let view: RenderedView;

beforeAll(async () => {
  await initI18n('en');
  store = await openLocalStore(getRxStorageMemory(), `refused-${Date.now()}`, ['messages']);
  view = await renderWithStore(store, <RefusedChanges />);
  container = view.container;
});

afterAll(async () => {
  view.unmount();
  await store.db.close();
});

describe('refused changes', () => {
  it('says so when there are none, lists one with its reason, and discarding it goes back to the server state', async () => {
    expect(container.textContent).toContain('None: the server has accepted every change');
    const sent = fresh(makeMessage({ body: 'Can you deliver to Lviv?' }));
    const { updatedAt: _stamp, ...edited } = { ...sent, body: 'Can you deliver to Lutsk?' };
    await act(async () => {
      await saveDocument(store, 'messages', edited);
      await store.refused.record([
        {
          id: sent.id,
          collection: 'messages',
          code: 'append-only',
          message: 'A messages document cannot be changed or deleted once written',
          document: { ...edited, updatedAt: 2 },
          serverState: { ...sent, _deleted: false },
          refusedAt: Date.now(),
        },
      ]);
      await settle();
    });
    const item = container.querySelector<HTMLElement>('[data-testid="refused-item"]')!;
    expect(item.textContent).toContain('Message: Can you deliver to Lutsk?');
    await act(async () => {
      item.querySelector('button')!.click();
      await settle();
    });
    const stored = await store.db.messages.findOne(sent.id).exec();
    expect(stored?.body).toBe('Can you deliver to Lviv?');
  });
});
