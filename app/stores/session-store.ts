/**
 * Who is signed in on this phone, kept in localStorage so the app opens offline with the last
 * signed-in member. Only the profile is stored: the session itself is an httpOnly cookie the page
 * never sees. Guarantees: `setProfile` replaces the whole profile (the server's answer is the
 * truth); `clearProfile` is the only way to forget it (sign-out), never a failed request.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Profile } from '../../domain/account-protocol';
import type { Actor } from '../../domain/permissions';

type SessionState = {
  profile: Profile | null;
  setProfile: (profile: Profile) => void;
  clearProfile: () => void;
};

/** The localStorage key of the session store. */
export const SESSION_STORAGE_KEY = 'c4c-session';

export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      profile: null,
      setProfile: (profile) => set({ profile }),
      clearProfile: () => set({ profile: null }),
    }),
    {
      name: SESSION_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ profile }) => ({ profile }),
    },
  ),
);

/** The signed-in member's profile, or null. */
export const useProfile = (): Profile | null => useSessionStore((state) => state.profile);

/** The signed-in member as the permission rules see them, or null. */
export const useActor = (): Actor | null => useSessionStore((state) => state.profile?.actor ?? null);

export const useSetProfile = () => useSessionStore((state) => state.setProfile);
