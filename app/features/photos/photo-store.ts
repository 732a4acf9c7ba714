/**
 * The bytes of photos on this phone, apart from the documents (RxDB's replication carries no
 * bytes): one IndexedDB database per member, named after the member's RxDB database
 * (`c4c-photos-<member>`), deleted with it at sign-out.
 * Guarantees:
 * - bytes are stored as an ArrayBuffer with their MIME type (Safari has refused Blobs in IndexedDB
 *   in the past; an ArrayBuffer of at most a few hundred KB is safe everywhere);
 * - an "uploaded" mark per photo says the server holds exactly these bytes; photos fetched from the
 *   server are stored already marked, so the upload queue never sends someone else's photo back;
 * - `pendingUploads()` lists photos with bytes and no mark: what the upload queue still has to send.
 */
import { delMany, get, keys, promisifyRequest, set, setMany, type UseStore } from 'idb-keyval';
import { photoDatabaseNameOf } from '../../db/browser-store';
import type { LocalStore } from '../../db/local-store';
import type { Photo } from '../../../domain/schemas/photo';

/** Bytes of one photo as kept on the phone. */
export type StoredPhotoBytes = { bytes: ArrayBuffer; mimeType: string };

export type PhotoStore = {
  put(id: Photo['id'], bytes: StoredPhotoBytes, options?: { uploaded?: boolean }): Promise<void>;
  get(id: Photo['id']): Promise<StoredPhotoBytes | undefined>;
  has(id: Photo['id']): Promise<boolean>;
  delete(id: Photo['id']): Promise<void>;
  markUploaded(id: Photo['id']): Promise<void>;
  isUploaded(id: Photo['id']): Promise<boolean>;
  /** Ids of photos whose bytes are here and not yet on the server. */
  pendingUploads(): Promise<Photo['id'][]>;
};

const BYTES = 'bytes:';
const UPLOADED = 'uploaded:';

const stores = new WeakMap<LocalStore, PhotoStore>();

/** The photo bytes that belong with `store` (the same object on every call). */
export function photoStoreOf(store: LocalStore): PhotoStore {
  let photos = stores.get(store);
  if (!photos) {
    photos = openPhotoStore(photoDatabaseNameOf(store.db.name));
    stores.set(store, photos);
  }
  return photos;
}

/** A photo store in the IndexedDB database `databaseName` (one object store, `bytes`). */
export function openPhotoStore(databaseName: string): PhotoStore {
  const idb = closableStore(databaseName, 'bytes');
  return {
    async put(id, { bytes, mimeType }, options = {}) {
      const value = { bytes, mimeType } satisfies StoredPhotoBytes;
      // One transaction: fetched bytes are never seen without their mark (the queue would send them).
      await setMany(options.uploaded ? [[BYTES + id, value], [UPLOADED + id, true]] : [[BYTES + id, value]], idb);
    },
    get: (id) => get<StoredPhotoBytes>(BYTES + id, idb),
    has: async (id) => (await get<StoredPhotoBytes>(BYTES + id, idb)) !== undefined,
    delete: (id) => delMany([BYTES + id, UPLOADED + id], idb),
    markUploaded: (id) => set(UPLOADED + id, true, idb),
    isUploaded: async (id) => (await get<boolean>(UPLOADED + id, idb)) === true,
    async pendingUploads() {
      const all = (await keys(idb)).filter((key): key is string => typeof key === 'string');
      const uploaded = new Set(all.filter((key) => key.startsWith(UPLOADED)).map((key) => key.slice(UPLOADED.length)));
      return all.filter((key) => key.startsWith(BYTES)).map((key) => key.slice(BYTES.length)).filter((id) => !uploaded.has(id));
    },
  };
}


/**
 * idb-keyval's `createStore`, except that the connection closes when another page (or sign-out in
 * this one) deletes or upgrades the database, instead of blocking it, and reopens at the next use.
 * Opened at first use: a screen that only shows documents never touches this database.
 */
function closableStore(databaseName: string, storeName: string): UseStore {
  let connection: Promise<IDBDatabase> | undefined;
  const open = () => {
    const request = indexedDB.open(databaseName);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    return promisifyRequest(request).then(
      (db) => {
        db.onversionchange = () => {
          db.close();
          connection = undefined;
        };
        return db;
      },
      (error: unknown) => {
        connection = undefined;
        throw error;
      },
    );
  };
  return (txMode, callback) => (connection ??= open()).then((db) => callback(db.transaction(storeName, txMode).objectStore(storeName)));
}
