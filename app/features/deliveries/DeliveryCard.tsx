import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortCode } from '../../../domain/rules/short-code';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import { RouteLink } from '../../components/RouteLink';
import { municipalityName } from '../../i18n/format';
import type { DeliveryLine } from './delivery-lines';
import { PledgeStatusTag } from './PledgeStatusTag';
import { useAmount } from '../../hooks/useAmount';

type Props = {
  line: DeliveryLine;
  direction: 'arriving' | 'leaving';
  need: Need | undefined;
  other: Municipality | undefined;
  /** Whether the member may confirm what arrived (the rules and the status decide, the list asks). */
  confirmable: boolean;
};

/** One pledge in the deliveries list: what, the other city, how much, where it stands, its code. */
export const DeliveryCard = memo(function DeliveryCard({ line, direction, need, other, confirmable }: Props) {
  const { t, i18n } = useTranslation('deliveries');
  const language = i18n.resolvedLanguage ?? 'en';
  const amount = useAmount();
  const { pledge, state, code } = line;
  const otherName = other ? municipalityName(other, language) : t('facts.unknownMunicipality');
  return (
    <li className="delivery-card" data-testid="delivery-card" data-pledge-id={pledge.id} data-status={state.status}>
      <h4 className="delivery-title">
        <RouteLink route={{ name: 'pledge-page', id: pledge.id }}>
          {need ? <span lang={need.language}>{need.title}</span> : t('facts.unknownNeed')}
        </RouteLink>
      </h4>
      <p className="delivery-route">{direction === 'arriving' ? t('list.from', { city: otherName }) : t('list.to', { city: otherName })}</p>
      <p className="delivery-facts">
        <span data-testid="delivery-quantity">{amount(pledge.quantity, pledge.unit)}</span>
        <PledgeStatusTag status={state.status} />
        {state.receivedQuantity > 0 && <span>{t('list.received', { amount: amount(state.receivedQuantity, pledge.unit) })}</span>}
      </p>
      <p className="delivery-code-line">
        <span className="small">{t('list.code')}</span> <code className="delivery-code" data-testid="delivery-code">{formatShortCode(code)}</code>
      </p>
      {confirmable && (
        <RouteLink route={{ name: 'pledge-receive', id: pledge.id }} className="button primary" data-testid="delivery-confirm">
          {t('list.confirm')}
        </RouteLink>
      )}
      {direction === 'leaving' && (
        <RouteLink route={{ name: 'pledge-sheet', id: pledge.id }} className="button" data-testid="delivery-sheet-link">
          {t('list.sheet')}
        </RouteLink>
      )}
    </li>
  );
});
