import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Photo } from '../../../domain/schemas/photo';
import { useDocuments } from '../../db/useDocuments';
import { PhotoUploadStatus } from './PhotoUploadStatus';
import { usePhotoBytes } from './usePhotoBytes';
import './photos.css';

/**
 * The photos of a receipt or a message, in the order of `photoIds`: thumbnails of the bytes on the
 * phone (fetched and verified when needed), "photo on its way" until they have arrived, a tap opens
 * the full photo. Below, what this phone still has to send of them.
 */
export function PhotoGallery({ photoIds }: { photoIds: readonly string[] }) {
  const { t } = useTranslation('photos');
  const key = photoIds.join(',');
  const query = useMemo(() => ({ selector: { id: { $in: key === '' ? [] : key.split(',') } } }), [key]);
  const { documents } = useDocuments('photos', query);
  const byId = useMemo(() => new Map(documents.map((photo) => [photo.id, photo])), [documents]);
  const [open, setOpen] = useState<{ url: string; number: number } | null>(null);
  const close = useCallback(() => setOpen(null), []);
  if (photoIds.length === 0) return null;
  return (
    <section className="photo-gallery" data-testid="photo-gallery" aria-label={t('gallery.label')}>
      <ul className="photo-thumbs">
        {photoIds.map((id, index) => (
          <li key={id}>
            <PhotoThumb id={id} photo={byId.get(id) ?? null} number={index + 1} onOpen={(url) => setOpen({ url, number: index + 1 })} />
          </li>
        ))}
      </ul>
      <PhotoUploadStatus photoIds={photoIds} />
      {open && <PhotoViewer url={open.url} number={open.number} onClose={close} />}
    </section>
  );
}

function PhotoThumb({ id, photo, number, onOpen }: { id: string; photo: Photo | null; number: number; onOpen: (url: string) => void }) {
  const { t } = useTranslation('photos');
  const view = usePhotoBytes(photo);
  if (view.state === 'ready') {
    return (
      <button
        type="button"
        className="photo-thumb"
        data-testid="photo-thumb"
        data-photo-id={id}
        aria-label={t('gallery.open', { number })}
        onClick={() => onOpen(view.url)}
      >
        <img src={view.url} alt={t('gallery.alt', { number })} width={photo?.width} height={photo?.height} />
      </button>
    );
  }
  if (view.state === 'on-its-way') {
    return (
      <div className="photo-thumb photo-placeholder" data-testid="photo-on-its-way" data-photo-id={id}>
        {t('gallery.onItsWay')}
      </div>
    );
  }
  if (view.state === 'loading') {
    return (
      <div className="photo-thumb photo-placeholder" data-testid="photo-loading" data-photo-id={id} role="status">
        {t('gallery.loading')}
      </div>
    );
  }
  return (
    <div className="photo-thumb photo-placeholder photo-failed" data-testid="photo-failed" data-photo-id={id} data-reason={view.reason}>
      {view.reason === 'checksum-mismatch' ? t('gallery.damaged') : t('gallery.failed')}
    </div>
  );
}

/** The full photo over the page; Escape or the close button goes back. */
function PhotoViewer({ url, number, onClose }: { url: string; number: number; onClose: () => void }) {
  const { t } = useTranslation('photos');
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="photo-viewer" role="dialog" aria-modal="true" aria-label={t('gallery.alt', { number })} data-testid="photo-viewer">
      <img src={url} alt={t('gallery.alt', { number })} />
      <button ref={closeButton} type="button" className="button photo-viewer-close" data-testid="photo-viewer-close" onClick={onClose}>
        {t('gallery.close')}
      </button>
    </div>
  );
}
