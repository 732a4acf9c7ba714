/**
 * The signed-in member's store for UI that lives outside the store gate (the bottom navigation's
 * badges): the provider's store when there is one (tests), otherwise the browser store the gate
 * opened for the member, once it is open. It never opens or keeps a store itself: after sign-out
 * (the profile is cleared before the store is removed) it answers null.
 */
import { useEffect, useState } from 'react';
import { openingBrowserStore } from './browser-store';
import { useOptionalLocalStore } from './LocalStoreProvider';
import type { LocalStore } from './local-store';

export function useNavigationStore(memberId: string | null): LocalStore | null {
  const provided = useOptionalLocalStore();
  const [opened, setOpened] = useState<{ memberId: string; store: LocalStore } | null>(null);
  useEffect(() => {
    if (provided || memberId === null) return;
    let current = true;
    openingBrowserStore(memberId)?.then(
      (store) => {
        if (current) setOpened({ memberId, store });
      },
      // The gate shows the failure to open; the navigation just goes without its badges.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [provided, memberId]);
  if (provided) return provided;
  return opened !== null && opened.memberId === memberId ? opened.store : null;
}
