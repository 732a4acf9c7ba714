// @vitest-environment jsdom
/**
 * `useDocuments` follows a collection live, and while held keeps what it shows without reading:
 * released, it reads once and follows again (the needs list holds during a first sync).
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LocalStoreProvider } from '../../app/db/LocalStoreProvider';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { useDocuments } from '../../app/db/useDocuments';
import { settle } from '../support/render-with-store';
import { freshNeed } from '../support/factories';

let store: LocalStore;
let container: HTMLElement;
let root: Root;

function NeedTitles({ held }: { held: boolean }) {
  const { documents, loading } = useDocuments('needs', undefined, { held });
  return <output>{loading ? 'loading' : documents.map((need) => need.title).sort().join(',')}</output>;
}

/** Renders (or re-renders, keeping the hook's state) the titles with `held`. */
async function show(held: boolean) {
  await act(async () => {
    root.render(
      <LocalStoreProvider store={store}>
        <NeedTitles held={held} />
      </LocalStoreProvider>,
    );
    await settle();
  });
}

const shown = () => container.textContent;

async function saveNeed(title: string) {
  const { updatedAt: _updatedAt, ...need } = freshNeed({ title });
  await act(async () => {
    await saveDocument(store, 'needs', need);
    await settle();
  });
}

beforeEach(async () => {
  store = await openLocalStore(getRxStorageMemory(), `use-documents-${Date.now()}`);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  await store.db.close();
});

it('follows changes live when not held', async () => {
  await show(false);
  expect(shown()).toBe('');
  await saveNeed('Blankets');
  expect(shown()).toBe('Blankets');
});

it('held from the start reads nothing until released', async () => {
  await saveNeed('Blankets');
  await show(true);
  expect(shown()).toBe('loading');
  await show(false);
  expect(shown()).toBe('Blankets');
});

it('held keeps the documents it has and follows again once released', async () => {
  await show(false);
  await saveNeed('Blankets');
  await show(true);
  await saveNeed('Generators');
  expect(shown()).toBe('Blankets');
  await show(false);
  expect(shown()).toBe('Blankets,Generators');
  await saveNeed('Water filters');
  expect(shown()).toBe('Blankets,Generators,Water filters');
});
