import { useTranslation } from 'react-i18next';
import { useWipeRecovery, wipeRecovery } from '../../db/wipe-detection';
import { useUnsavedWrites } from './useUnsavedWrites';

/**
 * What the member must know about this phone's storage, on any screen: the browser deleted the
 * data (downloading again, then restored), or the disk is full and changes exist only in memory.
 * Needs the member's store (inside the store gate).
 */
export function StorageNotices() {
  const { t } = useTranslation();
  const recovery = useWipeRecovery();
  const { items, retry, retryError } = useUnsavedWrites();
  return (
    <>
      {recovery && (
        <div className="banner" data-testid="wipe-banner" data-phase={recovery.phase} role={recovery.phase === 'downloading' ? 'status' : 'alert'}>
          <p>{t(recovery.phase === 'downloading' ? 'storage.wiped' : 'storage.restored')}</p>
          {recovery.phase === 'restored' && (
            <button type="button" className="button" data-testid="wipe-dismiss" onClick={() => wipeRecovery.dismiss()}>
              {t('storage.dismiss')}
            </button>
          )}
        </div>
      )}
      {items.length > 0 && (
        <div className="banner banner-signin" data-testid="storage-full-banner" role="alert">
          <p>{t('storage.full', { count: items.length })}</p>
          <button type="button" className="button primary" data-testid="storage-retry" onClick={() => void retry()}>
            {t('storage.retry')}
          </button>
          {retryError && <p className="small">{retryError}</p>}
        </div>
      )}
    </>
  );
}
