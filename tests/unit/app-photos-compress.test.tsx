// @vitest-environment jsdom
/**
 * What the phone asks of the compression library and what it makes of the answer, and the picker
 * around it. jsdom has no canvas, so the library is replaced by a stand-in here: the real resize,
 * re-encoding and EXIF removal are proven in the browser test (Chromium), not in this file.
 */
import { act, useState } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n/index';
import { PhotoError, PhotoPicker, compressPhoto, type PhotoDraft } from '../../app/features/photos';
import { sha256Hex } from '../../app/features/photos/checksum';
import { render, settle, type RenderedView } from '../support/render-with-store';
import { byTestId, click, waitFor } from '../support/dom';
import { photoBytes } from './app-photos-fake-server';

const library = vi.hoisted(() => ({ compress: vi.fn<(file: File, options: Record<string, unknown>) => Promise<File>>() }));
vi.mock('browser-image-compression', () => ({ default: library.compress }));
// What Vite hands over for the worker's copy of the library: a URL of our own origin.
vi.mock('browser-image-compression/dist/browser-image-compression.js?url', () => ({ default: '/assets/browser-image-compression-1a2b3c.js' }));

const COMPRESSED = photoBytes(240_000, 3);
const views: RenderedView[] = [];

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(() => {
  library.compress.mockReset();
  library.compress.mockImplementation(() => Promise.resolve(new File([COMPRESSED], 'photo.jpg', { type: 'image/jpeg' })));
  vi.stubGlobal('createImageBitmap', vi.fn(() => Promise.resolve({ width: 1600, height: 1200, close: vi.fn() })));
});

afterEach(() => {
  for (const view of views.splice(0)) view.unmount();
  vi.unstubAllGlobals();
});

/** A camera picture as the file input hands it over. */
const cameraFile = (size = 3_100_000, type = 'image/jpeg') => new File([new Uint8Array(size)], 'IMG_0001.JPG', { type });

describe('compressPhoto', () => {
  it('asks for at most 1600 px and 300 KB, JPEG, no EXIF, and the worker script from our own origin', async () => {
    await compressPhoto(cameraFile());

    expect(library.compress).toHaveBeenCalledTimes(1);
    const [, options] = library.compress.mock.calls[0]!;
    expect(options).toMatchObject({
      maxSizeMB: 300 / 1024,
      maxWidthOrHeight: 1600,
      fileType: 'image/jpeg',
      initialQuality: 0.8,
      preserveExif: false,
      useWebWorker: typeof Worker === 'function',
    });
    expect(String(options.libURL)).not.toMatch(/^https?:/);
    expect(String(options.libURL)).toContain('browser-image-compression');
  });

  it('describes the compressed result: its size, checksum, dimensions and the original size', async () => {
    const draft = await compressPhoto(cameraFile(3_100_000));

    expect(draft).toMatchObject({ mimeType: 'image/jpeg', size: COMPRESSED.length, width: 1600, height: 1200, originalSize: 3_100_000 });
    expect(draft.sha256).toBe(await sha256Hex(COMPRESSED));
    expect(new Uint8Array(await draft.blob.arrayBuffer())).toEqual(COMPRESSED);
    expect(draft.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a file that is not an image without loading it', async () => {
    const error = await compressPhoto(new File(['hello'], 'notes.txt', { type: 'text/plain' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PhotoError);
    expect((error as PhotoError).code).toBe('not-an-image');
    expect(library.compress).not.toHaveBeenCalled();
  });

  it('reports an image the browser cannot decode as unreadable', async () => {
    library.compress.mockRejectedValueOnce(new Error('The source image could not be decoded.'));
    await expect(compressPhoto(cameraFile())).rejects.toMatchObject({ name: 'PhotoError', code: 'unreadable-image' });
  });
});

function Form({ max }: { max?: number }) {
  const [photos, setPhotos] = useState<PhotoDraft[]>([]);
  return <PhotoPicker photos={photos} onChange={setPhotos} max={max} />;
}

async function pick(container: HTMLElement, ...files: File[]): Promise<void> {
  const input = byTestId<HTMLInputElement>(container, 'photo-input')!;
  Object.defineProperty(input, 'files', { configurable: true, value: files });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
  });
}

describe('PhotoPicker', () => {
  it('opens the back camera for images only', async () => {
    const view = await render(<Form />);
    views.push(view);
    const input = byTestId<HTMLInputElement>(view.container, 'photo-input')!;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    expect(view.container.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Take or choose a photo');
  });

  it('shows each compressed photo with its size before and after, and removes one on request', async () => {
    const view = await render(<Form />);
    views.push(view);
    await pick(view.container, cameraFile(3_100_000));
    await pick(view.container, cameraFile(2_000_000));

    const drafts = await waitFor(view.container, () => {
      const found = view.container.querySelectorAll<HTMLElement>('[data-testid="photo-draft"]');
      return found.length === 2 ? found : null;
    });
    expect(drafts[0]?.textContent).toContain('3.1 MB → 240 kB');
    expect(drafts[0]?.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);

    await click(byTestId(drafts[0]!, 'photo-draft-remove')!);
    const left = view.container.querySelectorAll<HTMLElement>('[data-testid="photo-draft"]');
    expect(left).toHaveLength(1);
    expect(left[0]?.textContent).toContain('2 MB → 240 kB');
  });

  it('stops adding at the limit', async () => {
    const view = await render(<Form max={2} />);
    views.push(view);
    await pick(view.container, cameraFile(), cameraFile(), cameraFile());

    await waitFor(view.container, () => view.container.querySelectorAll('[data-testid="photo-draft"]').length === 2);
    expect(library.compress).toHaveBeenCalledTimes(2);
    expect(byTestId<HTMLInputElement>(view.container, 'photo-input')?.disabled).toBe(true);
    expect(view.container.textContent).toContain('At most 2 photos.');
  });

  it('says so when the file is not a photo', async () => {
    const view = await render(<Form />);
    views.push(view);
    await pick(view.container, new File(['%PDF'], 'scan.pdf', { type: 'application/pdf' }));

    const error = await waitFor(view.container, () => byTestId(view.container, 'photo-error'));
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('This file is not a photo. Choose an image.');
    expect(byTestId(view.container, 'photo-draft')).toBeNull();
  });
});
