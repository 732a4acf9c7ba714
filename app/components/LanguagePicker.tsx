import { useTranslation } from 'react-i18next';
import { MAIN_TEXT_LANGUAGES, TEXT_LANGUAGES } from '../constants';
import { languageName } from '../i18n/format';
import { FieldError } from './FieldError';

type Props = {
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  name: string;
  legend: string;
  value: readonly string[];
  onChange: (languages: string[]) => void;
  error?: string;
};

const OTHER_LANGUAGES = TEXT_LANGUAGES.filter((code) => !(MAIN_TEXT_LANGUAGES as readonly string[]).includes(code));

/**
 * Languages someone speaks, as check boxes named in the interface language: the interface's five
 * first, the others behind "more languages" (open when one of them is chosen).
 */
export function LanguagePicker({ idPrefix, name, legend, value, onChange, error }: Props) {
  const { t, i18n } = useTranslation('account');
  const language = i18n.resolvedLanguage ?? 'en';
  const errorId = `${idPrefix}-${name}-error`;
  const toggle = (code: string, checked: boolean) =>
    onChange(checked ? [...value.filter((chosen) => chosen !== code), code] : value.filter((chosen) => chosen !== code));
  const box = (code: string) => (
    <label key={code} className="choice" htmlFor={`${idPrefix}-${name}-${code}`}>
      <input
        id={`${idPrefix}-${name}-${code}`}
        type="checkbox"
        name={name}
        value={code}
        checked={value.includes(code)}
        onChange={(event) => toggle(code, event.target.checked)}
      />
      <span>{languageName(code, language)}</span>
    </label>
  );
  const otherChosen = value.some((code) => OTHER_LANGUAGES.includes(code as (typeof OTHER_LANGUAGES)[number]));
  return (
    <fieldset className="fieldset language-picker" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="choices">{MAIN_TEXT_LANGUAGES.map(box)}</div>
      <details open={otherChosen || undefined}>
        <summary>{t('languages.more')}</summary>
        <div className="choices">{OTHER_LANGUAGES.map(box)}</div>
      </details>
      <FieldError id={errorId} name={name} message={error} />
    </fieldset>
  );
}
