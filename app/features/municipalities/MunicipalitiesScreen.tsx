import { useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useSearch } from 'wouter';
import { MUNICIPALITY_KINDS, type MunicipalityKind } from '../../../domain/constants';
import { useMunicipalities } from '../../db/useDocuments';
import { oblastName, sortedOblasts } from '../../geo/oblasts';
import { countryName } from '../../i18n/format';
import { replaceSearch } from '../../routes';
import { MunicipalityCard } from './MunicipalityCard';
import {
  VERIFICATION_FILTERS,
  applyMunicipalityFilters,
  countriesOf,
  municipalityFiltersActive,
  municipalityFiltersFromSearchParams,
  municipalityFiltersToSearchParams,
  type MunicipalityFilters,
  type VerificationFilter,
} from './municipality-filters';
import { useOpenCounts } from './useOpenCounts';
import './municipalities.css';

/** A card's height before it is measured (name, secondary name, facts, counts on a 360 px screen). */
const ESTIMATED_CARD_HEIGHT = 150;

/**
 * The directory: every municipality on the phone, searchable by name in either script and
 * filtered by country, oblast, kind and verification; the filters live in the URL.
 */
export function MunicipalitiesScreen() {
  const { t, i18n } = useTranslation('municipalities');
  const language = i18n.resolvedLanguage ?? 'en';
  const search = useSearch();
  const filters = useMemo(() => municipalityFiltersFromSearchParams(new URLSearchParams(search)), [search]);
  // Typing stays responsive on a slow phone: the list follows the filters a moment later.
  const deferredFilters = useDeferredValue(filters);
  const { municipalities, loading } = useMunicipalities();
  const { counts, none } = useOpenCounts();
  const shown = useMemo(() => applyMunicipalityFilters(municipalities, deferredFilters, language), [municipalities, deferredFilters, language]);
  const countries = useMemo(() => countriesOf(municipalities), [municipalities]);
  const active = municipalityFiltersActive(filters);

  const update = (patch: Partial<MunicipalityFilters>) => replaceSearch(municipalityFiltersToSearchParams({ ...filters, ...patch }));

  return (
    <section className="screen municipalities-screen" aria-labelledby="municipalities-heading">
      <div className="screen-heading">
        <h2 id="municipalities-heading">{t('title')}</h2>
        {!loading && (
          <span className="count" data-testid="municipalities-count" aria-live="polite">
            {t('list.count', { count: shown.length })}
          </span>
        )}
      </div>
      <FilterPanel filters={filters} countries={countries} language={language} onChange={update} />
      {active && (
        <button type="button" className="button municipalities-clear" data-testid="municipalities-clear" onClick={() => replaceSearch(new URLSearchParams())}>
          {t('list.clear')}
        </button>
      )}
      <div data-testid="municipalities-list" aria-busy={loading}>
        <MunicipalityList municipalities={shown} counts={counts} none={none} />
        {loading ? (
          <p className="loading">{t('loading', { ns: 'common' })}</p>
        ) : (
          shown.length === 0 && <p className="empty">{municipalities.length === 0 ? t('list.none') : t('list.empty')}</p>
        )}
      </div>
    </section>
  );
}

type ListProps = Pick<ReturnType<typeof useOpenCounts>, 'counts' | 'none'> & { municipalities: ReturnType<typeof applyMunicipalityFilters> };

/** The cards, virtualised against the window: only those near the screen are in the DOM. */
function MunicipalityList({ municipalities, counts, none }: ListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the list starts on the page: the filters above it change height with the selection
  // (the oblast filter and the clear button come and go), and the selection changes the list.
  useLayoutEffect(() => {
    const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    setScrollMargin((current) => (Math.abs(top - current) > 1 ? top : current));
  }, [municipalities]);
  const virtualizer = useWindowVirtualizer({
    count: municipalities.length,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => municipalities[index]?.id ?? index,
  });
  return (
    <ul ref={listRef} className="municipality-list" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((row) => {
        const municipality = municipalities[row.index];
        if (!municipality) return null;
        return (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            className="municipality-row"
            style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
          >
            <MunicipalityCard municipality={municipality} counts={counts.get(municipality.id) ?? none} />
          </li>
        );
      })}
    </ul>
  );
}

type FilterProps = {
  filters: MunicipalityFilters;
  countries: readonly string[];
  language: string;
  onChange: (patch: Partial<MunicipalityFilters>) => void;
};

/** The search box and the four filters; each select chooses one value or "all". */
function FilterPanel({ filters, countries, language, onChange }: FilterProps) {
  const { t } = useTranslation('municipalities');
  const idPrefix = useId();
  const countryChoices = useMemo(() => {
    const collator = new Intl.Collator(language);
    const codes = [...new Set([...countries, ...filters.country])];
    return codes.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => collator.compare(a.name, b.name));
  }, [countries, filters.country, language]);
  const oblasts = useMemo(() => sortedOblasts(language), [language]);
  const showOblast = filters.country.length === 0 || filters.country.includes('UA');
  const one = (values: readonly string[]) => values[0] ?? '';

  const choose = (event: ChangeEvent<HTMLSelectElement>) => (event.target.value === '' ? [] : [event.target.value]);

  return (
    <div className="municipality-filters" role="search" aria-label={t('list.filters')}>
      <div className="field">
        <label htmlFor={`${idPrefix}-q`}>{t('list.search')}</label>
        <input
          id={`${idPrefix}-q`}
          type="search"
          data-testid="municipalities-search"
          value={filters.q}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => onChange({ q: event.target.value })}
        />
      </div>
      <div className="municipality-filter-grid">
        <div className="field">
          <label htmlFor={`${idPrefix}-country`}>{t('filter.country')}</label>
          <select
            id={`${idPrefix}-country`}
            data-testid="municipalities-filter-country"
            value={one(filters.country)}
            onChange={(event) => {
              const country = choose(event);
              // Oblasts are Ukraine's: choosing another country drops the oblast.
              onChange(country.length === 0 || country.includes('UA') ? { country } : { country, oblast: [] });
            }}
          >
            <option value="">{t('filter.anyCountry')}</option>
            {countryChoices.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        {showOblast && (
          <div className="field">
            <label htmlFor={`${idPrefix}-oblast`}>{t('filter.oblast')}</label>
            <select id={`${idPrefix}-oblast`} data-testid="municipalities-filter-oblast" value={one(filters.oblast)} onChange={(event) => onChange({ oblast: choose(event) })}>
              <option value="">{t('filter.anyOblast')}</option>
              {oblasts.map((oblast) => (
                <option key={oblast.pcode} value={oblast.pcode}>
                  {oblastName(oblast, language)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${idPrefix}-kind`}>{t('filter.kind')}</label>
          <select
            id={`${idPrefix}-kind`}
            data-testid="municipalities-filter-kind"
            value={one(filters.kind)}
            onChange={(event) => onChange({ kind: choose(event) as MunicipalityKind[] })}
          >
            <option value="">{t('filter.anyKind')}</option>
            {MUNICIPALITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-verification`}>{t('filter.verification')}</label>
          <select
            id={`${idPrefix}-verification`}
            data-testid="municipalities-filter-verification"
            value={filters.verification}
            onChange={(event) => onChange({ verification: event.target.value as VerificationFilter })}
          >
            {VERIFICATION_FILTERS.map((choice) => (
              <option key={choice} value={choice}>
                {t(`filter.${choice}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
