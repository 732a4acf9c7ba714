/**
 * Saving photos with whatever they belong to (a receipt, a message): the bytes go into the phone's
 * photo store first, then the metadata documents, which sync like any other document. A metadata
 * document on the phone therefore always has its bytes next to it, and the upload queue finds both.
 */
import type { PhotoOwnerKind } from '../../../domain/constants';
import type { Photo } from '../../../domain/schemas/photo';
import { saveDocument, type LocalStore } from '../../db/local-store';
import type { PhotoDraft } from './compress-photo';
import { photoStoreOf } from './photo-store';

/** Stores the drafts' bytes, then their metadata owned by `owner`; resolves with their ids, in order. */
export async function savePhotos(store: LocalStore, drafts: readonly PhotoDraft[], owner: { kind: PhotoOwnerKind; id: string }): Promise<Photo['id'][]> {
  const photos = photoStoreOf(store);
  for (const draft of drafts) await photos.put(draft.id, { bytes: await draft.blob.arrayBuffer(), mimeType: draft.mimeType });
  for (const draft of drafts) {
    await saveDocument(store, 'photos', {
      id: draft.id,
      ownerKind: owner.kind,
      ownerId: owner.id,
      mimeType: draft.mimeType,
      size: draft.size,
      sha256: draft.sha256,
      width: draft.width,
      height: draft.height,
    });
  }
  return drafts.map((draft) => draft.id);
}
