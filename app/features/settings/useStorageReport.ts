/** The browser's storage report for the settings screen, its warning, and a way to ask for persistence. */
import { useCallback, useEffect, useState } from 'react';
import { readStorageReport, requestPersistentStorage, storageWarning, type StorageReport, type StorageWarning } from '../../db/storage';

export type StorageState = {
  report: StorageReport | null;
  warning: StorageWarning | null;
  /** false after the browser refused persistence on request. */
  granted: boolean | null;
  requestPersistence: () => Promise<void>;
};

export function useStorageReport(): StorageState {
  const [report, setReport] = useState<StorageReport | null>(null);
  const [granted, setGranted] = useState<boolean | null>(null);
  const refresh = useCallback(async () => setReport(await readStorageReport()), []);
  useEffect(() => {
    let current = true;
    readStorageReport().then(
      (next) => current && setReport(next),
      () => current && setReport({ usage: null, quota: null, persisted: null }),
    );
    return () => {
      current = false;
    };
  }, []);
  const requestPersistence = useCallback(async () => {
    setGranted(await requestPersistentStorage());
    await refresh();
  }, [refresh]);
  return { report, warning: report ? storageWarning(report) : null, granted, requestPersistence };
}
