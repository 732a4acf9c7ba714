// @vitest-environment jsdom
/**
 * Photos leave the phone through their own queue: saved bytes first, then the metadata; each photo
 * uploaded once and marked, retried after a cut upload, a dropped connection or a 409 (metadata
 * not on the server yet), refused for good on 413, held on Save-Data until "Send now", paused on
 * 401 until the member has signed in. The server is a stand-in for the contract of the photo routes.
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLocalStore, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { PhotoUploadStatus, photoStoreOf, savePhotos, startPhotoUploads, type PhotoUploadOptions, type PhotoUploads } from '../../app/features/photos';
import { usePhotoUploadStore } from '../../app/features/photos/photo-upload-store';
import type { Photo } from '../../domain/schemas/photo';
import { render, settle } from '../support/render-with-store';
import { byTestId, click } from '../support/dom';
import { FakePhotoServer, eventually, makeDraft, photoBytes } from './app-photos-fake-server';

const RECEIPT = { kind: 'pledgeEvent', id: 'event-000001' } as const;

let store: LocalStore;
let server: FakePhotoServer;
let uploads: PhotoUploads | null = null;
let storeCount = 0;

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(async () => {
  store = await openLocalStore(getRxStorageMemory(), `photo-uploads-${Date.now()}-${storeCount++}`);
  server = new FakePhotoServer();
});

afterEach(async () => {
  await uploads?.stop();
  uploads = null;
  Reflect.deleteProperty(navigator, 'connection');
  await store.db.close();
});

function start(options: PhotoUploadOptions = {}): PhotoUploads {
  uploads = startPhotoUploads(store, { fetch: server.fetch, isMetered: () => false, retryBaseMs: 10, retryMaxMs: 40, ...options });
  return uploads;
}

/** Saves one photo like a receipt form does and lets the server have its metadata (replication's job). */
async function savePhoto(bytes = photoBytes(), { metadataOnServer = true } = {}): Promise<Photo> {
  const draft = await makeDraft(bytes);
  await savePhotos(store, [draft], RECEIPT);
  const photo = (await store.db.photos.findOne(draft.id).exec())!.toJSON() as Photo;
  if (metadataOnServer) server.receiveMetadata(photo);
  return photo;
}

const uploaded = (id: string) => photoStoreOf(store).isUploaded(id);
const stateOf = (id: string) => usePhotoUploadStore.getState().entries.find((entry) => entry.id === id)?.state;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('savePhotos', () => {
  it('stores the bytes before the metadata document and answers the ids in order', async () => {
    const photos = photoStoreOf(store);
    const bytesWhenWritten: boolean[] = [];
    store.db.photos.preInsert(async (doc) => {
      bytesWhenWritten.push(await photos.has(doc.id));
    }, false);
    const drafts = [await makeDraft(photoBytes(1_000, 1)), await makeDraft(photoBytes(1_500, 2))];

    const ids = await savePhotos(store, drafts, RECEIPT);

    expect(ids).toEqual(drafts.map((draft) => draft.id));
    expect(bytesWhenWritten).toEqual([true, true]);
    const second = (await store.db.photos.findOne(ids[1]).exec())!.toJSON();
    expect(second).toMatchObject({ ownerKind: 'pledgeEvent', ownerId: RECEIPT.id, mimeType: 'image/jpeg', size: 1_500, sha256: drafts[1]!.sha256, width: 1600, height: 1200 });
    expect(new Uint8Array((await photos.get(ids[1]!))!.bytes)).toEqual(photoBytes(1_500, 2));
    expect(await photos.pendingUploads()).toEqual(expect.arrayContaining(ids));
  });
});

describe('the upload queue', () => {
  it('uploads a saved photo once, intact, marks it uploaded and then has nothing more to do', async () => {
    const photo = await savePhoto();
    start();

    await eventually(() => uploaded(photo.id));
    await pause(100);

    expect(server.puts).toEqual([photo.id]);
    expect(server.bytes.get(photo.id)).toEqual(photoBytes());
    expect(await photoStoreOf(store).pendingUploads()).toEqual([]);
    expect(usePhotoUploadStore.getState().entries).toEqual([]);
  });

  it('sends a photo again after an upload cut short (422) and ends uploaded with the right bytes', async () => {
    const photo = await savePhoto();
    server.cutNextUpload();
    start();

    await eventually(() => uploaded(photo.id));

    expect(server.puts).toEqual([photo.id, photo.id]);
    expect(server.bytes.get(photo.id)).toEqual(photoBytes());
  });

  it('retries after a dropped connection', async () => {
    const photo = await savePhoto();
    server.dropNextUpload();
    start();

    await eventually(() => uploaded(photo.id));

    expect(server.puts).toEqual([photo.id, photo.id]);
  });

  it('waits while the metadata has not reached the server (409) and uploads once it has', async () => {
    const photo = await savePhoto(photoBytes(), { metadataOnServer: false });
    start();

    await eventually(() => server.puts.length >= 2);
    expect(await uploaded(photo.id)).toBe(false);
    expect(stateOf(photo.id)).toBe('retrying');
    server.receiveMetadata(photo);

    await eventually(() => uploaded(photo.id));
    expect(server.bytes.get(photo.id)).toEqual(photoBytes());
  });

  it('does not upload bytes whose metadata is not on the phone', async () => {
    await photoStoreOf(store).put('photo-without-metadata', { bytes: photoBytes().buffer, mimeType: 'image/jpeg' });
    start();
    await pause(100);
    expect(server.puts).toEqual([]);
  });

  it('gives up a photo the server refuses as too large (413) and shows it as failed', async () => {
    server.maxBytes = 100;
    const photo = await savePhoto();
    start();

    await eventually(() => stateOf(photo.id) === 'failed');
    await pause(100);

    expect(server.puts).toEqual([photo.id]);
    expect(await uploaded(photo.id)).toBe(false);
    const view = await render(<PhotoUploadStatus photoIds={[photo.id]} />);
    const failure = byTestId(view.container, 'photo-upload-failed');
    expect(failure?.dataset.code).toBe('photo-too-large');
    expect(failure?.textContent).toBe('A photo was not accepted: it is too large.');
    view.unmount();
  });

  it('holds photos on a Save-Data connection until "Send now"', async () => {
    Object.defineProperty(navigator, 'connection', { configurable: true, value: Object.assign(new EventTarget(), { saveData: true, type: 'wifi' }) });
    const first = await savePhoto(photoBytes(1_000, 1));
    const second = await savePhoto(photoBytes(1_200, 2));
    start({ isMetered: undefined });
    await eventually(() => stateOf(first.id) === 'held' && stateOf(second.id) === 'held');
    await pause(100);
    expect(server.puts).toEqual([]);

    const view = await render(<PhotoUploadStatus />);
    const status = byTestId(view.container, 'photo-upload-status');
    expect(status?.textContent).toContain('2 photos waiting to be sent');
    await click(byTestId(view.container, 'photo-send-now')!);

    // The status on screen follows the queue: wrapped in act() so React renders what it publishes.
    await act(() => eventually(async () => (await uploaded(first.id)) && (await uploaded(second.id))));
    expect([...server.puts].sort()).toEqual([first.id, second.id].sort());
    await act(settle);
    expect(byTestId(view.container, 'photo-upload-status')).toBeNull();

    // A photo taken after "Send now" waits again.
    const third = await savePhoto(photoBytes(900, 3));
    await act(() => eventually(() => stateOf(third.id) === 'held'));
    expect(byTestId(view.container, 'photo-upload-status')?.dataset.held).toBe('1');
    view.unmount();
  });

  it('holds photos on a cellular connection too', async () => {
    Object.defineProperty(navigator, 'connection', { configurable: true, value: Object.assign(new EventTarget(), { saveData: false, type: 'cellular' }) });
    const photo = await savePhoto();
    start({ isMetered: undefined });
    await eventually(() => stateOf(photo.id) === 'held');
    uploads!.sendNow();
    await eventually(() => uploaded(photo.id));
  });

  it('waits after a 401 until the member has signed in again', async () => {
    server.signedIn = false;
    const signInRequired: boolean[] = [];
    const photo = await savePhoto();
    start({ onSignInRequired: (required) => signInRequired.push(required) });

    await eventually(() => stateOf(photo.id) === 'sign-in-required');
    await pause(100);
    expect(server.puts).toEqual([photo.id]);
    expect(signInRequired).toEqual([true]);

    server.signedIn = true;
    uploads!.wake();
    await eventually(() => uploaded(photo.id));
    expect(server.puts).toEqual([photo.id, photo.id]);
  });

  it('uploads photos saved while it runs, one after the other', async () => {
    start();
    await pause(30);
    const first = await savePhoto(photoBytes(1_000, 1));
    const second = await savePhoto(photoBytes(1_100, 2));
    await eventually(async () => (await uploaded(first.id)) && (await uploaded(second.id)));
    expect(server.puts).toHaveLength(2);
  });
});
