import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../i18n/format';
import { compressPhoto, PhotoError, type PhotoDraft, type PhotoErrorCode } from './compress-photo';
import { useObjectUrl } from './useObjectUrl';
import './photos.css';

export type PhotoPickerProps = {
  photos: readonly PhotoDraft[];
  onChange: (photos: PhotoDraft[]) => void;
  /** How many photos may be added (3 for a receipt). */
  max?: number;
  disabled?: boolean;
};

/**
 * Taking photos for a form: the camera (or the gallery), each photo compressed on the phone at once
 * and shown with its size before and after. Nothing is stored until the form saves the drafts
 * (`savePhotos`).
 */
export function PhotoPicker({ photos, onChange, max = 3, disabled = false }: PhotoPickerProps) {
  const { t } = useTranslation('photos');
  const inputId = useId();
  const [compressing, setCompressing] = useState(0);
  const [error, setError] = useState<PhotoErrorCode | null>(null);
  // The drafts as last handed in, for compressions that finish after the parent re-rendered.
  const latest = useRef(photos);
  useEffect(() => {
    latest.current = photos;
  }, [photos]);
  const full = photos.length + compressing >= max;

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []).slice(0, Math.max(0, max - photos.length - compressing));
    // Emptied, so picking the same file again fires another change.
    input.value = '';
    if (files.length === 0) return;
    setError(null);
    setCompressing((count) => count + files.length);
    for (const file of files) {
      try {
        const draft = await compressPhoto(file);
        const next = [...latest.current, draft].slice(0, max);
        latest.current = next;
        onChange(next);
      } catch (failure) {
        setError(failure instanceof PhotoError ? failure.code : 'unreadable-image');
      } finally {
        setCompressing((count) => count - 1);
      }
    }
  };

  const remove = (id: PhotoDraft['id']) => {
    const next = latest.current.filter((draft) => draft.id !== id);
    latest.current = next;
    onChange(next);
  };

  return (
    <div className="photo-picker">
      {photos.length > 0 && (
        <ul className="photo-drafts">
          {photos.map((draft, index) => (
            <PhotoDraftItem key={draft.id} draft={draft} number={index + 1} disabled={disabled} onRemove={remove} />
          ))}
        </ul>
      )}
      {compressing > 0 && (
        <p className="small" role="status">
          {t('picker.compressing')}
        </p>
      )}
      <input
        id={inputId}
        className="visually-hidden photo-input"
        type="file"
        accept="image/*"
        capture="environment"
        multiple={max - photos.length > 1}
        disabled={disabled || full}
        data-testid="photo-input"
        onChange={(event) => void pick(event)}
      />
      <label htmlFor={inputId} className={`button photo-add${disabled || full ? ' photo-add-disabled' : ''}`} aria-disabled={disabled || full}>
        <CameraIcon />
        {t('picker.add')}
      </label>
      {full && compressing === 0 && <p className="small">{t('picker.limit', { count: max })}</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="photo-error" data-code={error}>
          {t(`errors.${error}`)}
        </p>
      )}
    </div>
  );
}

function PhotoDraftItem({ draft, number, disabled, onRemove }: { draft: PhotoDraft; number: number; disabled: boolean; onRemove: (id: string) => void }) {
  const { t, i18n } = useTranslation('photos');
  const url = useObjectUrl(draft.blob);
  return (
    <li className="photo-draft" data-testid="photo-draft" data-size={draft.size} data-original-size={draft.originalSize}>
      {url ? <img src={url} alt={t('picker.draftAlt', { number })} width={draft.width} height={draft.height} /> : <span className="photo-frame" />}
      <span className="photo-sizes small">
        {t('picker.sizes', { before: formatBytes(draft.originalSize, i18n.language), after: formatBytes(draft.size, i18n.language) })}
      </span>
      <button
        type="button"
        className="icon-button photo-remove"
        data-testid="photo-draft-remove"
        aria-label={t('picker.remove', { number })}
        disabled={disabled}
        onClick={() => onRemove(draft.id)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" fill="none" />
        </svg>
      </button>
    </li>
  );
}

function CameraIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M4 8h3l2-3h6l2 3h3v11H4zM12 16.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
        fill="none"
      />
    </svg>
  );
}
