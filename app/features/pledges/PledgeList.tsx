import { useTranslation } from 'react-i18next';
import type { Pledge } from '../../../domain/schemas/pledge';
import { RouteLink } from '../../components/RouteLink';
import { useMunicipalities } from '../../db/useDocuments';
import { formatCalendarDate, formatEuros, formatNumber, municipalityName } from '../../i18n/format';
import type { PledgeEntry } from './usePledgesOfNeed';
import './pledges.css';

/** Pledges as a list: who pledged how much, when they expect to dispatch, where the pledge stands, and a link to each. */
export function PledgeList({ pledges }: { pledges: readonly PledgeEntry[] }) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const { byId } = useMunicipalities();
  const amount = (pledge: Pledge) =>
    t(`quantity.${pledge.unit}`, {
      ns: 'needs',
      count: pledge.quantity,
      value: pledge.unit === 'eur' ? formatEuros(pledge.quantity, language) : formatNumber(pledge.quantity, language),
    });
  if (pledges.length === 0) {
    return (
      <p className="empty" data-testid="pledge-list-empty">
        {t('list.empty')}
      </p>
    );
  }
  return (
    <ul className="pledge-list" data-testid="pledge-list">
      {pledges.map(({ pledge, state }) => {
        const from = byId.get(pledge.fromMunicipalityId);
        return (
          <li key={pledge.id} className={`pledge-item pledge-${state.status}`} data-testid="pledge-item" data-pledge-id={pledge.id} data-status={state.status}>
            <p className="pledge-who">
              <strong>{from ? municipalityName(from, language) : t('list.unknownMunicipality')}</strong>
              {': '}
              <span data-testid="pledge-amount">{amount(pledge)}</span>
            </p>
            <p className="pledge-facts">
              <span className={`tag pledge-status-tag pledge-status-${state.status}`}>{t(`status.${state.status}`)}</span>
              {pledge.expectedDispatchOn && <span>{t('list.dispatchOn', { date: formatCalendarDate(pledge.expectedDispatchOn, language) })}</span>}
            </p>
            {pledge.note && (
              <p className="pledge-note" lang={pledge.language}>
                {pledge.note}
              </p>
            )}
            <p className="pledge-open">
              <RouteLink route={{ name: 'pledge-page', id: pledge.id }} data-testid="pledge-item-link">
                {t('list.open')}
              </RouteLink>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
