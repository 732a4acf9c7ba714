import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../components/FieldError';
import { oblastName, sortedOblasts } from '../geo/oblasts';
import { newId } from '../db/ids';
import { useSetMunicipality } from '../stores/settings-store';

/** First run: which municipality this phone works for (until officials sign in with accounts). */
export function SetupScreen() {
  const { t, i18n } = useTranslation();
  const setMunicipality = useSetMunicipality();
  const [name, setName] = useState('');
  const [pcode, setPcode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const id = useId();
  const language = i18n.resolvedLanguage ?? 'en';
  const oblasts = sortedOblasts(language);
  const nameError = submitted && name.trim() === '' ? t('setup.required') : undefined;
  const oblastError = submitted && pcode === '' ? t('setup.required') : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (name.trim() === '' || pcode === '') return;
    setMunicipality({ id: newId(), name: name.trim(), pcode });
  };

  return (
    <section className="screen setup-screen" aria-labelledby={`${id}-title`}>
      <form className="form" data-testid="setup-form" onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`}>{t('setup.title')}</h2>
        <p className="hint">{t('setup.intro')}</p>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('setup.municipalityName')}</label>
          <input
            id={`${id}-name`}
            name="municipalityName"
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="organization"
            maxLength={120}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
          />
          <FieldError id={`${id}-name-error`} name="municipalityName" message={nameError} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-oblast`}>{t('setup.oblast')}</label>
          <select
            id={`${id}-oblast`}
            name="oblast"
            value={pcode}
            onChange={(event) => setPcode(event.target.value)}
            aria-invalid={oblastError ? true : undefined}
            aria-describedby={oblastError ? `${id}-oblast-error` : undefined}
          >
            <option value="">{t('setup.chooseOblast')}</option>
            {oblasts.map((oblast) => (
              <option key={oblast.pcode} value={oblast.pcode}>
                {oblastName(oblast, language)}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-oblast-error`} name="oblast" message={oblastError} />
        </div>
        <button type="submit" className="button primary" data-testid="setup-save">
          {t('setup.save')}
        </button>
      </form>
    </section>
  );
}
