/**
 * Per-device settings, kept in localStorage: which municipality this phone works for (until
 * accounts exist) and the interface language the user chose (null = follow the browser).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { UiLanguage } from '../../domain/constants';
import type { Need } from '../../domain/schemas/need';

export type Municipality = {
  /** Generated on this phone; becomes the `municipalityId` of its needs. */
  id: Need['municipalityId'];
  name: string;
  /** First-level P-code of its oblast, e.g. `UA46`. */
  pcode: string;
};

type SettingsState = {
  municipality: Municipality | null;
  language: UiLanguage | null;
  setMunicipality: (municipality: Municipality) => void;
  setLanguage: (language: UiLanguage) => void;
};

export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      municipality: null,
      language: null,
      setMunicipality: (municipality) => set({ municipality }),
      setLanguage: (language) => set({ language }),
    }),
    {
      name: 'c4c-settings',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ municipality, language }) => ({ municipality, language }),
    },
  ),
);

export const useMunicipality = () => useSettingsStore((state) => state.municipality);
export const useSetMunicipality = () => useSettingsStore((state) => state.setMunicipality);
