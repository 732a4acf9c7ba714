import { useEffect, useId } from 'react';
import { isAnyFormDirty, useUnsavedFormStore } from '../stores/unsaved-form-store';

let beforeUnloadUsers = 0;

function warnBeforeUnload(event: BeforeUnloadEvent): void {
  if (!isAnyFormDirty()) return;
  // Browsers show their own "leave site?" question; the text is theirs, not ours.
  event.preventDefault();
  event.returnValue = '';
}

/**
 * Registers a form's unsaved state: while `dirty`, the update prompt holds back its reload and the
 * browser asks before the tab is closed or reloaded. Unmounting the form (saved, cancelled, left)
 * clears it.
 */
export function useUnsavedForm(dirty: boolean): void {
  const formId = useId();
  const setDirty = useUnsavedFormStore((state) => state.setDirty);

  useEffect(() => {
    setDirty(formId, dirty);
  }, [formId, dirty, setDirty]);

  useEffect(() => {
    if (beforeUnloadUsers++ === 0) window.addEventListener('beforeunload', warnBeforeUnload);
    return () => {
      setDirty(formId, false);
      if (--beforeUnloadUsers === 0) window.removeEventListener('beforeunload', warnBeforeUnload);
    };
  }, [formId, setDirty]);
}

/** Whether a form's values differ from those it opened with (field by field, so typing and undoing is clean again). */
export function formChanged<Values extends object>(initial: Values, values: Values): boolean {
  const before = initial as Record<string, unknown>;
  const after = values as Record<string, unknown>;
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
