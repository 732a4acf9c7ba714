/**
 * Whether a first sync or a long catch-up is running (the round the header shows a progress bar
 * for, app/db/sync-progress.ts `catchUpOf`). A boolean on purpose: the progress itself changes with
 * every batch, and a screen that only needs to know "documents are pouring in" must not re-render
 * on each of them.
 */
import { useConnectionStore } from '../../stores/connection-store';

export function useCatchingUp(): boolean {
  return useConnectionStore((state) => (state.sync?.catchUp ?? null) !== null);
}
