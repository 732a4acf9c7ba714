import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import { RouteLink } from '../../components/RouteLink';
import { formatEuros, formatNumber, municipalityName } from '../../i18n/format';
import type { PledgeLine } from './home-summaries';

type Props = {
  line: PledgeLine;
  /** The need pledged against, when it is on the phone. */
  need: Need | undefined;
  /** The municipality on the other side of the pledge. */
  municipality: Municipality | undefined;
  direction: 'to-us' | 'by-us';
};

/** One pledge in a line: which need, the other city, how much, and its derived status. */
export const PledgeSummary = memo(function PledgeSummary({ line, need, municipality, direction }: Props) {
  const { t, i18n } = useTranslation('home');
  const language = i18n.resolvedLanguage ?? 'en';
  const { pledge, state } = line;
  const amount = (value: number) =>
    t(`quantity.${pledge.unit}`, { ns: 'needs', count: value, value: pledge.unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) });
  const other = municipality ? municipalityName(municipality, language) : t('pledge.unknownMunicipality');
  return (
    <li className={`pledge-summary pledge-${state.status}`} data-testid="pledge-summary" data-pledge-id={pledge.id} data-status={state.status}>
      <p className="pledge-need">
        {need ? (
          <RouteLink route={{ name: 'need', id: need.id }}>
            <span lang={need.language}>{need.title}</span>
          </RouteLink>
        ) : (
          t('pledge.unknownNeed')
        )}
      </p>
      <p className="pledge-facts">
        <span>{direction === 'to-us' ? t('pledge.from', { municipality: other }) : t('pledge.to', { municipality: other })}</span>
        <span className="pledge-quantity">{amount(pledge.quantity)}</span>
        <span className={`tag pledge-status status-${state.status}`}>{t('pledge.status', { status: t(`status.${state.status}`) })}</span>
        {state.status === 'partly-received' && <span>{t('pledge.receivedOf', { received: amount(state.receivedQuantity) })}</span>}
      </p>
      <p className="pledge-open">
        <RouteLink route={{ name: 'pledge-page', id: pledge.id }} data-testid="pledge-summary-link">
          {t('pledge.open')}
        </RouteLink>
      </p>
    </li>
  );
});
