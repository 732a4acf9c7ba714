import { useId, useMemo, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, OFFER_STATUSES } from '../../../domain/constants';
import { sortedOblasts, oblastName } from '../../geo/oblasts';
import { countryName } from '../../i18n/format';
import { SCOPES } from '../../lists/list-filters';
import { DEFAULT_OFFER_FILTERS, OFFER_SORTS, offerFiltersActive, type OfferFilters, type OfferSort } from './offer-filters';
import { Icon } from '../../components/Icon';

type Props = {
  filters: OfferFilters;
  onChange: (next: OfferFilters) => void;
  /** Countries the offers on the phone come from (ISO codes), for the country filter. */
  countries: readonly string[];
  /** Whether the member belongs to a municipality (moderators do not: no "mine"). */
  hasMunicipality: boolean;
};

/** The list's multi-valued filter fields that the bar shows as one select each. */
type ListField = 'category' | 'country' | 'oblast' | 'status';

/** The select value of a multi-valued filter: '' for any, the value, or a marker for several from a link. */
const SEVERAL = '*several*';
function selectValue(values: readonly string[]): string {
  return values.length === 0 ? '' : values.length === 1 ? values[0]! : SEVERAL;
}

/** Search, sort and filters of the offers list; every change goes to the URL through `onChange`. */
export function OfferFilterBar({ filters, onChange, countries, hasMunicipality }: Props) {
  const { t, i18n } = useTranslation('offers');
  const language = i18n.resolvedLanguage ?? 'en';
  const id = useId();
  const oblasts = useMemo(() => sortedOblasts(language), [language]);
  const countryChoices = useMemo(() => {
    const codes = [...new Set([...countries, ...filters.country])];
    return codes.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => a.name.localeCompare(b.name, language));
  }, [countries, filters.country, language]);

  const setList = (field: ListField) => (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    if (value === SEVERAL) return;
    onChange({ ...filters, [field]: value === '' ? [] : [value] });
  };

  const listSelect = (field: ListField, anyLabel: string, choices: readonly { value: string; label: string }[]) => {
    const value = selectValue(filters[field]);
    return (
      <div className="field">
        <label htmlFor={`${id}-${field}`}>{t(`filter.${field}`)}</label>
        <select id={`${id}-${field}`} value={value} onChange={setList(field)} data-testid={`offers-filter-${field}`}>
          <option value="">{anyLabel}</option>
          {value === SEVERAL && (
            <option value={SEVERAL} disabled>
              {t('filter.several', { count: filters[field].length })}
            </option>
          )}
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
    );
  };

  const active = offerFiltersActive(filters);
  return (
    <div className="offer-filters">
      <div className="field offer-search">
        <label htmlFor={`${id}-q`}>{t('list.search')}</label>
        <div className="search-box">
          <Icon name="search" />
          <input
            id={`${id}-q`}
            type="search"
            value={filters.q}
            placeholder={t('list.searchPlaceholder')}
            onChange={(event) => onChange({ ...filters, q: event.target.value })}
            data-testid="offers-search"
            autoComplete="off"
            enterKeyHint="search"
          />
        </div>
      </div>
      <details className="filter-panel" open={active || undefined}>
        <summary>{t('list.filters')}</summary>
        <div className="offer-filter-grid">
          {listSelect(
            'category',
            t('filter.anyCategory'),
            CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) })),
          )}
          {listSelect(
            'status',
            t('filter.anyStatus'),
            OFFER_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
          )}
          {listSelect(
            'country',
            t('filter.anyCountry'),
            countryChoices.map(({ code, name }) => ({ value: code, label: name })),
          )}
          {listSelect(
            'oblast',
            t('filter.anyOblast'),
            oblasts.map((oblast) => ({ value: oblast.pcode, label: oblastName(oblast, language) })),
          )}
          {hasMunicipality && (
            <div className="field">
              <label htmlFor={`${id}-scope`}>{t('filter.scope')}</label>
              <select
                id={`${id}-scope`}
                value={filters.scope}
                onChange={(event) => onChange({ ...filters, scope: event.target.value === 'mine' ? 'mine' : 'all' })}
                data-testid="offers-filter-scope"
              >
                {SCOPES.map((scope) => (
                  <option key={scope} value={scope}>
                    {t(`scope.${scope}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </details>
      <div className="offer-list-tools">
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t('list.sort')}</label>
          <select
            id={`${id}-sort`}
            value={filters.sort}
            onChange={(event) => onChange({ ...filters, sort: event.target.value as OfferSort })}
            data-testid="offers-sort"
          >
            {OFFER_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        {active && (
          <button
            type="button"
            className="button"
            onClick={() => onChange({ ...DEFAULT_OFFER_FILTERS, sort: filters.sort })}
            data-testid="offers-clear-filters"
          >
            {t('list.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
