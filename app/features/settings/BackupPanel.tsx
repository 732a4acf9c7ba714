import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangesFile, type ImportOutcome } from './useChangesFile';

/** Export of unsynced changes or all local data to a file, and import of such a file. */
export function BackupPanel() {
  const { t } = useTranslation();
  const inputId = useId();
  const { exportUnsynced, exportAll, importFile, importing, outcome, exportError } = useChangesFile();
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file may be picked again after a fix.
    event.target.value = '';
    if (file) void importFile(file);
  };
  return (
    <section className="panel" aria-labelledby="settings-backup">
      <h3 id="settings-backup">{t('storage.backup')}</h3>
      <p className="muted small">{t('storage.backupHint')}</p>
      <div className="link-list">
        <button type="button" className="button" data-testid="export-unsynced" onClick={() => void exportUnsynced()}>
          {t('storage.exportUnsynced')}
        </button>
        <button type="button" className="button" data-testid="export-all" onClick={() => void exportAll()}>
          {t('storage.exportAll')}
        </button>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept="application/json,.json"
          disabled={importing}
          data-testid="import-input"
          onChange={pick}
        />
        <label htmlFor={inputId} className="button" aria-disabled={importing}>
          {t(importing ? 'storage.importing' : 'storage.import')}
        </label>
      </div>
      {exportError && (
        <p className="field-error" role="alert">
          {t('storage.exportFailed', { message: exportError })}
        </p>
      )}
      {outcome && <ImportOutcomeLine outcome={outcome} />}
    </section>
  );
}

function ImportOutcomeLine({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'imported') {
    return (
      <p role="status" data-testid="import-result" data-written={outcome.report.written} data-unchanged={outcome.report.unchanged}>
        {t('storage.imported', { ...outcome.report })}
      </p>
    );
  }
  if (outcome.kind === 'failed') {
    return (
      <p className="field-error" role="alert" data-testid="import-error" data-code="failed">
        {t('storage.importFailed', { message: outcome.message })}
      </p>
    );
  }
  const { code, index, collection, id, errors } = outcome.result;
  return (
    <p className="field-error" role="alert" data-testid="import-error" data-code={code}>
      {t(`storage.importError.${code}`, {
        number: (index ?? 0) + 1,
        collection: collection ?? '',
        id: id ?? '',
        fields: (errors ?? []).map((error) => error.field).join(', '),
      })}
    </p>
  );
}
