// @vitest-environment jsdom
/**
 * Another phone's photos: fetched once, checked against the SHA-256 in their metadata before they
 * are kept or shown (tampered bytes are thrown away), "on its way" while the author's phone has not
 * uploaded them, and shown as thumbnails in the gallery once they have arrived.
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { PhotoGallery, loadPhotoBytes, photoStoreOf, savePhotos } from '../../app/features/photos';
import type { Photo } from '../../domain/schemas/photo';
import { renderWithStore, type RenderedView } from '../support/render-with-store';
import { byTestId, click, waitFor } from '../support/dom';
import { FakePhotoServer, makeDraft, photoBytes, photoDocument } from './app-photos-fake-server';

let store: LocalStore;
let server: FakePhotoServer;
let storeCount = 0;
const views: RenderedView[] = [];

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(async () => {
  store = await openLocalStore(getRxStorageMemory(), `photo-downloads-${Date.now()}-${storeCount++}`);
  server = new FakePhotoServer();
  vi.stubGlobal('fetch', server.fetch);
});

afterEach(async () => {
  for (const view of views.splice(0)) view.unmount();
  vi.unstubAllGlobals();
  await store.db.close();
});

/** A photo another phone took: its metadata synced here; its bytes on the server when `uploaded`. */
async function othersPhoto(id: string, bytes: Uint8Array<ArrayBuffer>, { uploaded = true } = {}): Promise<Photo> {
  const photo = await saveDocument(store, 'photos', await photoDocument(bytes, id));
  server.receiveMetadata(photo);
  if (uploaded) server.bytes.set(id, bytes);
  return photo;
}

describe('loadPhotoBytes', () => {
  it('fetches bytes that match the checksum, keeps them marked as uploaded and reads them locally next time', async () => {
    const photo = await othersPhoto('photo-remote-1', photoBytes(3_000, 4));

    const first = await loadPhotoBytes(store, photo);
    const second = await loadPhotoBytes(store, photo);

    expect(first.state).toBe('ready');
    expect(second.state === 'ready' && new Uint8Array(second.bytes.bytes)).toEqual(photoBytes(3_000, 4));
    expect(server.gets).toEqual([photo.id]);
    const photos = photoStoreOf(store);
    expect(await photos.isUploaded(photo.id)).toBe(true);
    expect(await photos.pendingUploads()).toEqual([]);
  });

  it('rejects bytes that do not match the checksum and keeps nothing', async () => {
    const photo = await othersPhoto('photo-remote-2', photoBytes(3_000, 5));
    server.tamper = true;

    expect(await loadPhotoBytes(store, photo)).toEqual({ state: 'failed', reason: 'checksum-mismatch' });
    expect(await photoStoreOf(store).has(photo.id)).toBe(false);
  });

  it('says "on its way" while the bytes have not been uploaded (404 photo-bytes-missing)', async () => {
    const photo = await othersPhoto('photo-remote-3', photoBytes(), { uploaded: false });
    expect(await loadPhotoBytes(store, photo)).toEqual({ state: 'on-its-way' });
  });

  it('fails for a photo the server does not show this member (404 photo-not-found)', async () => {
    const photo = await saveDocument(store, 'photos', await photoDocument(photoBytes(), 'photo-elsewhere'));
    expect(await loadPhotoBytes(store, photo)).toEqual({ state: 'failed', reason: 'not-found' });
  });

  it('reads own photos from the phone without asking the server', async () => {
    const draft = await makeDraft(photoBytes(1_000, 6));
    await savePhotos(store, [draft], { kind: 'pledgeEvent', id: 'event-000001' });
    const photo = (await store.db.photos.findOne(draft.id).exec())!.toJSON() as Photo;
    expect((await loadPhotoBytes(store, photo)).state).toBe('ready');
    expect(server.gets).toEqual([]);
  });
});

describe('PhotoGallery', () => {
  it('shows arrived photos as thumbnails and the others as on their way until they arrive', async () => {
    const arrived = await othersPhoto('photo-gallery-1', photoBytes(2_000, 7));
    const pending = await othersPhoto('photo-gallery-2', photoBytes(2_100, 8), { uploaded: false });
    const view = await renderWithStore(store, <PhotoGallery photoIds={[arrived.id, pending.id, 'photo-not-synced-yet']} />);
    views.push(view);
    const gallery = byTestId(view.container, 'photo-gallery')!;

    await waitFor(view.container, () => byTestId(gallery, 'photo-thumb'));
    const onItsWay = gallery.querySelectorAll<HTMLElement>('[data-testid="photo-on-its-way"]');
    expect([...onItsWay].map((element) => element.dataset.photoId)).toEqual([pending.id, 'photo-not-synced-yet']);
    expect(onItsWay[0]?.textContent).toBe('Photo on its way');
    const thumb = byTestId(gallery, 'photo-thumb')!;
    expect(thumb.dataset.photoId).toBe(arrived.id);
    expect(thumb.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);

    // The author's phone uploads it; coming online asks again.
    server.bytes.set(pending.id, photoBytes(2_100, 8));
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(view.container, () => gallery.querySelectorAll('[data-testid="photo-thumb"]').length === 2);
    expect(byTestId(gallery, 'photo-on-its-way')?.dataset.photoId).toBe('photo-not-synced-yet');

    // The third photo's metadata syncs in, its bytes already on the server: shown at once.
    await act(() => othersPhoto('photo-not-synced-yet', photoBytes(1_900, 10)));
    await waitFor(view.container, () => gallery.querySelectorAll('[data-testid="photo-thumb"]').length === 3);

    await click(thumb);
    const viewer = byTestId(view.container, 'photo-viewer')!;
    expect(viewer.getAttribute('role')).toBe('dialog');
    expect(viewer.querySelector('img')?.getAttribute('src')).toBe(thumb.querySelector('img')?.getAttribute('src'));
    await click(byTestId(viewer, 'photo-viewer-close')!);
    expect(byTestId(view.container, 'photo-viewer')).toBeNull();
  });

  it('does not show a photo whose bytes arrive damaged', async () => {
    const photo = await othersPhoto('photo-gallery-3', photoBytes(2_000, 9));
    server.tamper = true;
    const view = await renderWithStore(store, <PhotoGallery photoIds={[photo.id]} />);
    views.push(view);

    const failed = await waitFor(view.container, () => byTestId(view.container, 'photo-failed'));
    expect(failed.dataset.reason).toBe('checksum-mismatch');
    expect(failed.textContent).toBe('This photo arrived damaged and is not shown.');
    expect(byTestId(view.container, 'photo-thumb')).toBeNull();
  });
});
