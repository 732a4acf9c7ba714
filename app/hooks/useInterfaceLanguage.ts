/** The interface language and the way to change it (remembered on the device). */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiLanguage } from '../../domain/constants';
import { DEFAULT_LANGUAGE, isUiLanguage } from '../i18n/languages';
import { useSettingsStore } from '../stores/settings-store';

export function useInterfaceLanguage(): [UiLanguage, (language: UiLanguage) => Promise<void>] {
  const { i18n } = useTranslation();
  const saveLanguage = useSettingsStore((state) => state.setLanguage);
  const language = isUiLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  const change = useCallback(
    async (next: UiLanguage) => {
      saveLanguage(next);
      await i18n.changeLanguage(next);
    },
    [i18n, saveLanguage],
  );
  return [language, change];
}
