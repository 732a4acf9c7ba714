/**
 * Which forms on screen hold input the user has not saved yet (UI state only, never documents).
 * The update prompt reads it: a new version is never offered, let alone applied, while any form is
 * dirty, because the reload would throw the input away.
 */
import { create } from 'zustand';

type UnsavedFormState = {
  /** Ids of the mounted forms whose input differs from what was saved or opened. */
  dirtyForms: ReadonlySet<string>;
  setDirty: (formId: string, dirty: boolean) => void;
};

export const useUnsavedFormStore = create<UnsavedFormState>()((set) => ({
  dirtyForms: new Set<string>(),
  setDirty: (formId, dirty) =>
    set(({ dirtyForms }) => {
      if (dirtyForms.has(formId) === dirty) return {};
      const next = new Set(dirtyForms);
      if (dirty) next.add(formId);
      else next.delete(formId);
      return { dirtyForms: next };
    }),
}));

/** Whether any form holds unsaved input (what the update prompt and `beforeunload` ask). */
export function useAnyFormDirty(): boolean {
  return useUnsavedFormStore(({ dirtyForms }) => dirtyForms.size > 0);
}

/** The same question outside React (the `beforeunload` listener). */
export function isAnyFormDirty(): boolean {
  return useUnsavedFormStore.getState().dirtyForms.size > 0;
}
