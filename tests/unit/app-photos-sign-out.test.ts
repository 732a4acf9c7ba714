// @vitest-environment jsdom
/**
 * Signing out on a shared phone removes the member's photo bytes with their database: nothing of
 * their photos stays behind for the next person (the photo store is open while this happens).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openBrowserStore, photoDatabaseNameOf, databaseNameOf, removeBrowserStore } from '../../app/db/browser-store';
import { photoStoreOf } from '../../app/features/photos';
import { photoBytes } from './app-photos-fake-server';

describe('signing out', () => {
  it("deletes the member's photo bytes database", async () => {
    const memberId = 'member-photo-0001';
    const store = await openBrowserStore(memberId);
    await photoStoreOf(store).put('photo-1', { bytes: photoBytes().buffer, mimeType: 'image/jpeg' });
    const name = photoDatabaseNameOf(databaseNameOf(memberId));
    expect(name).toBe('c4c-photos-memberphoto0001');
    expect((await indexedDB.databases()).map((info) => info.name)).toContain(name);

    await removeBrowserStore(memberId);

    expect((await indexedDB.databases()).map((info) => info.name)).not.toContain(name);
  });
});
