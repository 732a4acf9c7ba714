/**
 * Where sign-out remembers the members whose database it is still deleting (`browser-store.ts`
 * writes it). Kept apart from the database code so the app's entry can see whether there is
 * anything to finish without downloading RxDB.
 */

/** localStorage key: ids of members whose database is being removed. */
export const PENDING_REMOVALS_KEY = 'c4c-pending-removals';

/** Whether a removal cut short is waiting (cheap: one localStorage read, no parsing). */
export function hasPendingRemovals(): boolean {
  try {
    return localStorage.getItem(PENDING_REMOVALS_KEY) !== null;
  } catch {
    // Storage blocked (some private modes): there is no list to finish, and no database either.
    return false;
  }
}
