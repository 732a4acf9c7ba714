/** The browser's storage report for the settings screen, with a way to ask for persistence. */
import { useCallback, useEffect, useState } from 'react';
import { readStorageReport, requestPersistentStorage, type StorageReport } from '../../db/storage';

export type StorageState = {
  report: StorageReport | null;
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
  return { report, granted, requestPersistence };
}
