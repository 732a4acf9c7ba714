/**
 * Makes a photo fit to send: resized to at most 1600 px on its long side and about 300 KB,
 * re-encoded as JPEG by browser-image-compression (loaded only when the first photo is taken).
 * Re-encoding through a canvas drops every EXIF field, GPS position included; the library is told
 * not to copy them back (`preserveExif: false`).
 * JPEG and not WebP: Safari's canvas cannot encode WebP and silently hands back a PNG several times
 * larger, and every browser decodes JPEG. Measured in Chromium on a synthetic, noisy 4032×3024
 * camera picture (6.8 MB, with GPS in its EXIF): JPEG 263 KB in 0.33 s, WebP 233 KB in 1.2 s, both
 * 1371×1028 and without EXIF — WebP's 12 % do not pay for 3.6× the time and Safari's fallback.
 */
import type { Options } from 'browser-image-compression';
import { MAX_PHOTO_BYTES, PHOTO_MIME_TYPES, type PhotoMimeType } from '../../../domain/constants';
import type { Photo } from '../../../domain/schemas/photo';
import { newId } from '../../db/ids';
import { sha256Hex } from './checksum';

/** A compressed photo not saved yet: what the picker holds until the form is saved. */
export type PhotoDraft = {
  id: Photo['id'];
  blob: Blob;
  mimeType: PhotoMimeType;
  size: number;
  sha256: string;
  width: number;
  height: number;
  /** Size of the picked file before compression, to show what was saved. */
  originalSize: number;
};

export type PhotoErrorCode = 'not-an-image' | 'unreadable-image' | 'photo-too-large';

/** A picked file that cannot become a photo; `code` names a translated message (`photos:errors.<code>`). */
export class PhotoError extends Error {
  override name = 'PhotoError';
  constructor(
    readonly code: PhotoErrorCode,
    options?: ErrorOptions,
  ) {
    super(code, options);
  }
}

export const PHOTO_MAX_LONG_SIDE = 1600;
export const PHOTO_TARGET_BYTES = 300 * 1024;

/** What is asked of the library (exported for the test that checks them). */
export function compressionOptions(libURL: string): Options {
  return {
    maxSizeMB: PHOTO_TARGET_BYTES / (1024 * 1024),
    maxWidthOrHeight: PHOTO_MAX_LONG_SIDE,
    // Off the main thread where a Worker exists; the library falls back to the main thread when
    // the worker cannot start (CSP without `worker-src blob:`, old browsers).
    useWebWorker: typeof Worker === 'function',
    // The worker loads the library from our own origin (precached), never from the library's default CDN.
    libURL,
    fileType: 'image/jpeg',
    initialQuality: 0.8,
    preserveExif: false,
  };
}

/** Compresses a picked file; rejects with a `PhotoError` for anything that is not a readable image. */
export async function compressPhoto(file: File | Blob): Promise<PhotoDraft> {
  if (!file.type.startsWith('image/')) throw new PhotoError('not-an-image');
  const [{ default: imageCompression }, { default: libURL }] = await Promise.all([
    import('browser-image-compression'),
    import('browser-image-compression/dist/browser-image-compression.js?url'),
  ]);
  const input = file instanceof File ? file : new File([file], 'photo', { type: file.type });
  let result: Blob;
  try {
    result = await imageCompression(input, compressionOptions(libURL));
  } catch (error) {
    throw new PhotoError('unreadable-image', { cause: error });
  }
  const mimeType = PHOTO_MIME_TYPES.find((type) => type === result.type);
  if (!mimeType) throw new PhotoError('unreadable-image', { cause: new Error(`the encoder produced ${result.type}`) });
  if (result.size > MAX_PHOTO_BYTES) throw new PhotoError('photo-too-large');
  const [{ width, height }, sha256] = await Promise.all([dimensionsOf(result), result.arrayBuffer().then(sha256Hex)]);
  return { id: newId(), blob: result, mimeType, size: result.size, sha256, width, height, originalSize: file.size };
}

/** Width and height of an encoded image, decoded by the browser. */
async function dimensionsOf(image: Blob): Promise<{ width: number; height: number }> {
  try {
    if (typeof createImageBitmap === 'function') {
      const bitmap = await createImageBitmap(image);
      const size = { width: bitmap.width, height: bitmap.height };
      bitmap.close();
      return size;
    }
    const url = URL.createObjectURL(image);
    try {
      const element = new Image();
      element.src = url;
      await element.decode();
      return { width: element.naturalWidth, height: element.naturalHeight };
    } finally {
      URL.revokeObjectURL(url);
    }
  } catch (error) {
    throw new PhotoError('unreadable-image', { cause: error });
  }
}
