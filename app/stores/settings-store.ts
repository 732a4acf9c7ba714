/**
 * Per-device settings, kept in localStorage: the interface language the user chose (null = follow
 * the browser). Who is signed in, and so which municipality the phone works for, is the session
 * store's (session-store.ts).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { UiLanguage } from '../../domain/constants';
import { isUiLanguage } from '../i18n/languages';

type SettingsState = {
  language: UiLanguage | null;
  setLanguage: (language: UiLanguage) => void;
};

type PersistedSettings = Pick<SettingsState, 'language'>;

export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      language: null,
      setLanguage: (language) => set({ language }),
    }),
    {
      name: 'c4c-settings',
      // Version 1 also held the municipality chosen on the phone before accounts existed.
      version: 2,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ language }): PersistedSettings => ({ language }),
      migrate: (persisted): PersistedSettings => {
        const language = (persisted as { language?: unknown } | null)?.language;
        return { language: isUiLanguage(language) ? language : null };
      },
    },
  ),
);
