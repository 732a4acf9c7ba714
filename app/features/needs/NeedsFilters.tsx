import { memo, useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, NEED_STATUSES, URGENCIES } from '../../../domain/constants';
import { Icon } from '../../components/Icon';
import { oblastName, sortedOblasts } from '../../geo/oblasts';
import { SCOPES } from '../../lists/list-filters';
import { NEED_SORTS, needFiltersActive, type NeedFilters } from './need-filters';

type Props = {
  filters: NeedFilters;
  onChange: (change: Partial<NeedFilters>) => void;
  /** Whether "my municipality" makes sense (members of one; not moderators). */
  canScope: boolean;
};

/** A multi-valued filter shown as one select: "any", one value, or (from a typed link) several. */
const ANY = '';
const SEVERAL = '*';

function selected(values: readonly string[]): string {
  return values.length === 0 ? ANY : values.length === 1 ? (values[0] ?? ANY) : SEVERAL;
}

/** The needs list's search box, filters and sort; each change lands in the URL at once. */
// Memoised: the list below re-renders on every scroll frame; the filters need not.
export const NeedsFilters = memo(function NeedsFilters({ filters, onChange, canScope }: Props) {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  const id = useId();
  const pick =
    <K extends 'category' | 'urgency' | 'oblast' | 'status'>(key: K) =>
    (event: ChangeEvent<HTMLSelectElement>) => {
      const value = event.target.value;
      if (value === SEVERAL) return;
      onChange({ [key]: value === ANY ? [] : [value] });
    };
  const several = (values: readonly string[]) =>
    values.length > 1 && <option value={SEVERAL}>{t('filters.several', { n: values.length })}</option>;

  return (
    <div className="needs-filters" role="search">
      <div className="field needs-search">
        <label htmlFor={`${id}-q`}>{t('filters.search')}</label>
        <div className="search-box">
          <Icon name="search" />
          <input
            id={`${id}-q`}
            type="search"
            data-testid="needs-search"
            value={filters.q}
            placeholder={t('filters.searchPlaceholder')}
            autoComplete="off"
            onChange={(event) => onChange({ q: event.target.value })}
          />
        </div>
      </div>
      {/* Folded on a phone until wanted, open while a filter is set; the sort stays in view. */}
      <details className="filter-panel" open={needFiltersActive(filters) || undefined}>
        <summary>{t('filters.panel')}</summary>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor={`${id}-category`}>{t('filters.category')}</label>
            <select id={`${id}-category`} data-testid="needs-filter-category" value={selected(filters.category)} onChange={pick('category')}>
              <option value={ANY}>{t('filters.any')}</option>
              {several(filters.category)}
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-urgency`}>{t('filters.urgency')}</label>
            <select id={`${id}-urgency`} data-testid="needs-filter-urgency" value={selected(filters.urgency)} onChange={pick('urgency')}>
              <option value={ANY}>{t('filters.any')}</option>
              {several(filters.urgency)}
              {URGENCIES.map((urgency) => (
                <option key={urgency} value={urgency}>
                  {t(`urgency.${urgency}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-oblast`}>{t('filters.oblast')}</label>
            <select id={`${id}-oblast`} data-testid="needs-filter-oblast" value={selected(filters.oblast)} onChange={pick('oblast')}>
              <option value={ANY}>{t('filters.any')}</option>
              {several(filters.oblast)}
              {sortedOblasts(language).map((oblast) => (
                <option key={oblast.pcode} value={oblast.pcode}>
                  {oblastName(oblast, language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
            <select id={`${id}-status`} data-testid="needs-filter-status" value={selected(filters.status)} onChange={pick('status')}>
              <option value={ANY}>{t('filters.any')}</option>
              {several(filters.status)}
              {NEED_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          {canScope && (
            <div className="field">
              <label htmlFor={`${id}-scope`}>{t('filters.scope')}</label>
              <select
                id={`${id}-scope`}
                data-testid="needs-filter-scope"
                value={filters.scope}
                onChange={(event) => onChange({ scope: SCOPES.find((scope) => scope === event.target.value) ?? 'all' })}
              >
                {SCOPES.map((scope) => (
                  <option key={scope} value={scope}>
                    {t(`filters.scopes.${scope}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </details>
      <div className="filter-grid">
        <div className="field needs-sort">
          <label htmlFor={`${id}-sort`}>{t('filters.sort')}</label>
          <select
            id={`${id}-sort`}
            data-testid="needs-sort"
            value={filters.sort}
            onChange={(event) => onChange({ sort: NEED_SORTS.find((sort) => sort === event.target.value) ?? 'urgency' })}
          >
            {NEED_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`filters.sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
});
