/**
 * The need form's draft on the phone (need-draft.ts says what it guarantees): read once when the
 * form opens, written shortly after each change while the form is open, removed on save and cancel.
 */
import { useEffect, useMemo, useState } from 'react';
import { readLocal } from '../../db/local-state';
import type { LocalStore } from '../../db/local-store';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { removeLocalDocument, updateLocalDocument } from '../../db/useLocalDocument';
import type { Need } from '../../../domain/schemas/need';
import type { NeedFormValues } from './need-form';
import { asNeedDraft, draftChanges, needDraftDocumentId, type NeedDraft, type NeedDraftKey } from './need-draft';

/** How long after the last change the draft is written: a burst of typing costs one write. */
export const DRAFT_WRITE_MS = 150;

/** Whether the phone holds what the form holds: no draft (nothing typed), a write or removal pending, or written. */
export type DraftState = 'none' | 'pending' | 'saved';

/** Removes the draft of a form (saved, cancelled, or discarded by the member). */
export function removeNeedDraft(store: LocalStore, key: NeedDraftKey): Promise<void> {
  return removeLocalDocument(store, needDraftDocumentId(key));
}

/**
 * The draft stored for a form when it opens (null when none), read once: a draft written by the
 * open form itself never feeds back into it.
 */
export function useStoredNeedDraft(key: NeedDraftKey): { draft: NeedDraft | null; loading: boolean } {
  const store = useLocalStore();
  const [state, setState] = useState<{ store: LocalStore; key: NeedDraftKey; draft: NeedDraft | null } | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const draft = asNeedDraft(await readLocal<unknown>(store.db, needDraftDocumentId(key), null));
      // Saved after all: the browser died between saving the need and removing its draft.
      const alreadySaved = draft !== null && key === 'new' && (await store.db.needs.findOne(draft.id).exec()) !== null;
      if (alreadySaved) await removeNeedDraft(store, key);
      return alreadySaved ? null : draft;
    };
    load().then(
      (draft) => {
        if (!cancelled) setState({ store, key, draft });
      },
      (error: unknown) => {
        // The form opens empty rather than not at all; the status line tells what went wrong.
        store.backgroundErrors.next(error);
        if (!cancelled) setState({ store, key, draft: null });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [store, key]);
  const current = state && state.store === store && state.key === key ? state : null;
  return { draft: current?.draft ?? null, loading: current === null };
}

/**
 * Keeps the form's draft current: `DRAFT_WRITE_MS` after the last change (at once when the page is
 * hidden or left) it writes the changed fields, and removes the draft once the input equals what the form opened with. Nothing is written
 * while `enabled` is false (the need is being saved: its draft is about to be removed).
 */
export function useNeedDraftWriter(key: NeedDraftKey, id: Need['id'], initial: NeedFormValues, values: NeedFormValues, enabled: boolean): DraftState {
  const store = useLocalStore();
  const changes = useMemo(() => draftChanges(initial, values), [initial, values]);
  const empty = Object.keys(changes).length === 0;
  const [written, setWritten] = useState<Partial<NeedFormValues> | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let cancelled = false;
    let started = false;
    const write = () => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      const done = empty
        ? removeNeedDraft(store, key)
        : updateLocalDocument<NeedDraft>(store, needDraftDocumentId(key), () => ({ id, changes, savedAt: Date.now() }));
      done.then(
        () => {
          if (!cancelled) setWritten(changes);
        },
        (error: unknown) => store.backgroundErrors.next(error),
      );
    };
    // `write` runs only after this line (from the timer or an event), so it always sees `timer`.
    const timer = setTimeout(write, empty ? 0 : DRAFT_WRITE_MS);
    // Leaving the page (the tab closed, another app in front) writes at once: the timer may never fire.
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') write();
    };
    window.addEventListener('pagehide', write);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener('pagehide', write);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [store, key, id, changes, empty, enabled]);
  if (written !== changes) return 'pending';
  return empty ? 'none' : 'saved';
}
