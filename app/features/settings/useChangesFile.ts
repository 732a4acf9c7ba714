/**
 * Export and import of the changes file from Settings: unsynced changes (writes the disk refused
 * included) or everything the phone holds, and importing such a file as the member's own writes.
 */
import { useCallback, useState } from 'react';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { changesFile, importChanges, listAllDocuments, parseChangesFile, type ImportReport, type ParseResult } from '../../db/import-changes';
import { listUnsynced, unsyncedChangesFile } from '../../db/unsynced-changes';
import { useSessionStore } from '../../stores/session-store';
import { downloadFile } from './download';
import { validateImported } from './document-validators';

export type ImportOutcome =
  | { kind: 'imported'; report: ImportReport }
  | { kind: 'invalid'; result: Extract<ParseResult, { ok: false }> }
  | { kind: 'failed'; message: string };

export type ChangesFileActions = {
  exportUnsynced: () => Promise<void>;
  exportAll: () => Promise<void>;
  importFile: (file: Blob) => Promise<void>;
  importing: boolean;
  outcome: ImportOutcome | null;
  exportError: string | null;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useChangesFile(): ChangesFileActions {
  const store = useLocalStore();
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const who = () => {
    const profile = useSessionStore.getState().profile;
    return { id: profile?.member.id ?? null, email: profile?.email ?? '', municipality: profile?.municipality?.nameLatin ?? null };
  };

  const exportUnsynced = useCallback(async () => {
    setExportError(null);
    try {
      downloadFile(unsyncedChangesFile(await listUnsynced(store), who()));
    } catch (error) {
      setExportError(messageOf(error));
    }
  }, [store]);

  const exportAll = useCallback(async () => {
    setExportError(null);
    try {
      // Unsynced changes last: a refused or unsaved state is what the member wants kept, not the stored one.
      const all = new Map((await listAllDocuments(store)).map((change) => [`${change.collection}/${change.document.id}`, change]));
      for (const change of await listUnsynced(store)) all.set(`${change.collection}/${change.id}`, change);
      downloadFile(changesFile([...all.values()], who(), 'all'));
    } catch (error) {
      setExportError(messageOf(error));
    }
  }, [store]);

  const importFile = useCallback(
    async (file: Blob) => {
      setImporting(true);
      setOutcome(null);
      try {
        const parsed = parseChangesFile(await file.text(), validateImported);
        setOutcome(parsed.ok ? { kind: 'imported', report: await importChanges(store, parsed.file.changes) } : { kind: 'invalid', result: parsed });
      } catch (error) {
        setOutcome({ kind: 'failed', message: messageOf(error) });
      } finally {
        setImporting(false);
      }
    },
    [store],
  );

  return { exportUnsynced, exportAll, importFile, importing, outcome, exportError };
}
