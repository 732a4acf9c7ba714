import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type SignOutDialogProps = {
  /** Changes the server does not hold yet; they are deleted from the phone with the sign-out. */
  unsynced: number;
  /** Sends what is waiting; resolves whether nothing is left. */
  syncFirst: () => Promise<boolean>;
  saveToFile: () => void;
  fileError?: string | null;
  signOut: () => Promise<void>;
  onCancel: () => void;
};

type SyncState = 'idle' | 'busy' | 'done' | 'failed';

/**
 * Confirms signing out of the phone. With unsynced changes it says how many would be lost and
 * offers to send them first or to save them to a file before deleting them with the sign-out.
 */
export function SignOutDialog({ unsynced, syncFirst, saveToFile, fileError, signOut, onCancel }: SignOutDialogProps) {
  const { t } = useTranslation('account');
  const id = useId();
  const firstAction = useRef<HTMLButtonElement>(null);
  const [sync, setSync] = useState<SyncState>('idle');
  const [signingOut, setSigningOut] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = signingOut || sync === 'busy';

  useEffect(() => {
    firstAction.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);

  const sendFirst = async () => {
    setSync('busy');
    setFailure(null);
    try {
      setSync((await syncFirst()) ? 'done' : 'failed');
    } catch (error) {
      setSync('failed');
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };

  const confirm = async () => {
    setSigningOut(true);
    setFailure(null);
    try {
      await signOut();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSigningOut(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        data-testid="sign-out-dialog"
        data-unsynced={unsynced}
      >
        <h2 id={`${id}-title`}>{t('signOut.title')}</h2>
        <p id={`${id}-text`} className={unsynced > 0 ? 'dialog-warning' : undefined}>
          {unsynced > 0 ? t('signOut.unsynced', { count: unsynced }) : t('signOut.allSynced')}
        </p>
        {sync !== 'idle' && (
          <p className="small" role="status" data-testid="sign-out-sync-result" data-result={sync}>
            {sync === 'busy' ? t('signOut.syncing') : sync === 'done' ? t('signOut.synced') : t('signOut.syncFailed')}
          </p>
        )}
        {fileError && (
          <p className="field-error" role="alert">
            {t('signOut.fileFailed', { message: fileError })}
          </p>
        )}
        {failure && (
          <p className="field-error" role="alert">
            {t('signOut.failed', { message: failure })}
          </p>
        )}
        <div className="dialog-actions">
          {unsynced > 0 && (
            <>
              <button ref={firstAction} type="button" className="button primary" data-testid="sign-out-sync-first" disabled={busy} onClick={() => void sendFirst()}>
                {sync === 'busy' ? t('signOut.syncing') : t('signOut.syncFirst')}
              </button>
              <button type="button" className="button" data-testid="sign-out-save-file" disabled={busy} onClick={saveToFile}>
                {t('signOut.saveFile')}
              </button>
            </>
          )}
          <button type="button" className={unsynced > 0 ? 'button danger' : 'button primary'} data-testid="sign-out-confirm" disabled={busy} onClick={() => void confirm()}>
            {signingOut ? t('signOut.signingOut') : unsynced > 0 ? t('signOut.confirmDelete') : t('signOut.confirm')}
          </button>
          <button ref={unsynced > 0 ? undefined : firstAction} type="button" className="button" data-testid="sign-out-cancel" disabled={signingOut} onClick={onCancel}>
            {t('signOut.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
