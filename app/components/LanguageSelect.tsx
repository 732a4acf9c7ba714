import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../domain/constants';
import { useInterfaceLanguage } from '../hooks/useInterfaceLanguage';
import { isUiLanguage } from '../i18n/languages';

/** The interface language switch; each language is named in itself. */
export function LanguageSelect() {
  const { t } = useTranslation();
  const [language, setLanguage] = useInterfaceLanguage();
  return (
    <select
      className="language-select"
      data-testid="language-select"
      aria-label={t('language.label')}
      value={language}
      onChange={(event) => {
        if (isUiLanguage(event.target.value)) void setLanguage(event.target.value);
      }}
    >
      {UI_LANGUAGES.map((code: UiLanguage) => (
        <option key={code} value={code} lang={code}>
          {t(`language.names.${code}`)}
        </option>
      ))}
    </select>
  );
}
