import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import { matchesSearch, prepareQuery } from '../../../domain/search';
import { useMunicipalities } from '../../db/useDocuments';
import { municipalityOrder, municipalitySearchIndex } from './municipality-filters';
import { municipalityNames, municipalityPlace } from './municipality-place';

/** How many search results the picker lists: enough to choose from, few enough for a small screen. */
const MAX_RESULTS = 8;

type Props = {
  idPrefix: string;
  selfId: Municipality['id'];
  partnerIds: readonly string[];
  onAdd: (id: Municipality['id']) => void;
  onRemove: (id: string) => void;
};

/** The partner list with a remove button each, and a name search (either script) to add others on the phone. */
export function PartnerPicker({ idPrefix, selfId, partnerIds, onAdd, onRemove }: Props) {
  const { t, i18n } = useTranslation('municipalities');
  const language = i18n.resolvedLanguage ?? 'en';
  const { municipalities, byId } = useMunicipalities();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);

  const results = useMemo(() => {
    const prepared = prepareQuery(deferredQuery);
    if (prepared.length === 0) return [];
    const chosen = new Set(partnerIds);
    return municipalities
      .filter((municipality) => municipality.id !== selfId && !chosen.has(municipality.id) && matchesSearch(municipalitySearchIndex(municipality), prepared))
      .sort(municipalityOrder(language))
      .slice(0, MAX_RESULTS);
  }, [deferredQuery, municipalities, partnerIds, selfId, language]);

  const label = (municipality: Municipality) => {
    const { primary } = municipalityNames(municipality, language);
    return (
      <>
        <span lang={primary.lang}>{primary.text}</span>
        <span className="muted small">{` · ${municipalityPlace(municipality, language)}`}</span>
      </>
    );
  };
  const nameOf = (id: string) => {
    const municipality = byId.get(id);
    return municipality ? municipalityNames(municipality, language).primary.text : id;
  };

  return (
    <div className="partner-picker">
      {partnerIds.length > 0 ? (
        <ul className="partner-list" data-testid="partner-list">
          {partnerIds.map((id) => {
            const partner = byId.get(id);
            return (
              <li key={id} className="partner-item" data-testid="partner-item" data-partner-id={id}>
                <span className="partner-label">{partner ? label(partner) : t('form.unknownPartner', { id })}</span>
                <button type="button" className="button" data-testid={`partner-remove-${id}`} onClick={() => onRemove(id)}>
                  {t('form.remove')}
                  <span className="visually-hidden">{`: ${nameOf(id)}`}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted small">{t('form.noPartners')}</p>
      )}

      <div className="field">
        <label htmlFor={`${idPrefix}-partner-search`}>{t('form.partnerSearch')}</label>
        <input
          id={`${idPrefix}-partner-search`}
          type="search"
          data-testid="partner-search"
          value={query}
          maxLength={200}
          autoComplete="off"
          aria-describedby={`${idPrefix}-partner-search-hint`}
          onChange={(event) => setQuery(event.target.value)}
          // Enter here searches; it must not submit the profile form around the picker.
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
        />
        <p id={`${idPrefix}-partner-search-hint`} className="hint small">
          {t('form.partnerSearchHint')}
        </p>
      </div>
      {deferredQuery.trim() !== '' && (
        <div aria-live="polite">
          {results.length > 0 ? (
            <ul className="partner-list" data-testid="partner-results">
              {results.map((municipality) => (
                <li key={municipality.id} className="partner-item">
                  <span className="partner-label">{label(municipality)}</span>
                  <button type="button" className="button" data-testid={`partner-add-${municipality.id}`} onClick={() => onAdd(municipality.id)}>
                    {t('form.add')}
                    <span className="visually-hidden">{`: ${nameOf(municipality.id)}`}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t('form.noMatches')}</p>
          )}
        </div>
      )}
    </div>
  );
}
