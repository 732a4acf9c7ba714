import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeShortCode, SHORT_CODE_LENGTH } from '../../../domain/rules/short-code';
import { FormField } from '../../components/FormField';
import { openRoute } from '../../routes';

/**
 * Typing a delivery sheet's short code: case, spaces and dashes do not matter, a pasted link works;
 * a code that cannot be one is refused here, before looking it up. Opens the code's page.
 */
export function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation('deliveries');
  const idPrefix = useId();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = normalizeShortCode(value);
    if (code === null) {
      setError(value.trim() === '' ? t('code.required') : t('code.invalid', { length: SHORT_CODE_LENGTH }));
      return;
    }
    setError(undefined);
    openRoute({ name: 'short-code', code });
  };
  return (
    <form className="code-form" noValidate onSubmit={submit} data-testid="scan-code-form">
      <FormField idPrefix={idPrefix} name="code" label={t('code.label')} hint={t('code.hint')} error={error}>
        {(control) => (
          <input
            {...control}
            className="code-input"
            type="text"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            maxLength={200}
            placeholder={t('code.placeholder')}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            data-testid="scan-code-input"
          />
        )}
      </FormField>
      <button type="submit" className="button primary" data-testid="scan-code-submit">
        {t('code.submit')}
      </button>
    </form>
  );
}
