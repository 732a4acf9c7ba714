/**
 * The need form's draft: what the member typed and has not saved, kept in an RxDB local document of
 * the phone's database (never synced), so it survives a closed tab, a killed browser or a reload.
 *
 * Guarantees:
 * - a draft holds only the fields the member changed, and is laid over the form as it opens now:
 *   restoring an edit never reverts what sync brought meanwhile to the fields left alone;
 * - one draft per form: the new-need form has one, each need's edit form its own;
 * - a draft is removed when its need is saved, when the form is cancelled, and when the input goes
 *   back to what the form opened with; a new-need draft whose need was saved after all (the browser
 *   died between the save and the removal) is dropped, never offered twice.
 */
import type { Need } from '../../../domain/schemas/need';
import { NEED_FORM_FIELDS, type NeedFormValues } from './need-form';

/** Which form a draft belongs to: `'new'` for the new-need form, a need's id for its edit form. */
export type NeedDraftKey = string;

export type NeedDraft = {
  /** The need's id: kept for a new need, so a restored draft saves under the id it started with. */
  id: Need['id'];
  /** The fields the member changed, with what they typed. */
  changes: Partial<NeedFormValues>;
  savedAt: number;
};

/** The local document's id of a form's draft. */
export function needDraftDocumentId(key: NeedDraftKey): string {
  return `need-draft:${key}`;
}

/** The fields of `values` that differ from `initial` (empty when nothing was changed). */
export function draftChanges(initial: NeedFormValues, values: NeedFormValues): Partial<NeedFormValues> {
  const changes: Partial<NeedFormValues> = {};
  for (const field of NEED_FORM_FIELDS) if (values[field] !== initial[field]) changes[field] = values[field];
  return changes;
}

/** The form as it opens now with the draft's changes laid over it; fields a draft cannot name are ignored. */
export function withDraft(initial: NeedFormValues, draft: Pick<NeedDraft, 'changes'> | null): NeedFormValues {
  if (!draft) return initial;
  const values = { ...initial };
  for (const field of NEED_FORM_FIELDS) {
    const value = draft.changes[field];
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

/** Reads a stored draft defensively: anything not shaped like a draft reads as none. */
export function asNeedDraft(data: unknown): NeedDraft | null {
  if (typeof data !== 'object' || data === null) return null;
  const { id, changes, savedAt } = data as Record<string, unknown>;
  if (typeof id !== 'string' || typeof changes !== 'object' || changes === null || typeof savedAt !== 'number') return null;
  return Object.keys(changes).length > 0 ? { id, changes, savedAt } : null;
}
