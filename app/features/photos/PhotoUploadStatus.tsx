import { useTranslation } from 'react-i18next';
import { usePhotoUploadSummary } from './photo-upload-store';
import './photos.css';

/**
 * What this phone still has to send of its photos (only those in `photoIds` when given): held for
 * a metered connection with "Send now", sending, waiting for sign-in, refused for good.
 * Renders nothing when there is nothing to send.
 */
export function PhotoUploadStatus({ photoIds }: { photoIds?: readonly string[] }) {
  const { t } = useTranslation('photos');
  const { held, sending, signInRequired, failed, sendNow } = usePhotoUploadSummary(photoIds);
  if (held + sending + signInRequired + failed.length === 0) return null;
  return (
    <div
      className="photo-upload-status"
      data-testid="photo-upload-status"
      data-held={held}
      data-sending={sending}
      data-failed={failed.length}
      role="status"
    >
      {held > 0 && (
        <div className="photo-held">
          <p>{t('uploads.held', { count: held })}</p>
          <p className="small">{t('uploads.heldHint')}</p>
          <button type="button" className="button primary" data-testid="photo-send-now" disabled={!sendNow} onClick={() => sendNow?.()}>
            {t('uploads.sendNow')}
          </button>
        </div>
      )}
      {sending > 0 && <p>{t('uploads.sending', { count: sending })}</p>}
      {signInRequired > 0 && <p>{t('uploads.signIn', { count: signInRequired })}</p>}
      {failed.map((entry) => (
        <p key={entry.id} className="field-error" data-testid="photo-upload-failed" data-photo-id={entry.id} data-code={entry.failure}>
          {t(`uploads.failed.${entry.failure ?? 'photo-too-large'}`)}
        </p>
      ))}
    </div>
  );
}
