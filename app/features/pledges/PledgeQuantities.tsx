import { useTranslation } from 'react-i18next';
import type { Pledge } from '../../../domain/schemas/pledge';
import { useAmount } from './useAmount';

type Props = { pledge: Pledge; dispatched: number; received: number };

/** Pledged, dispatched and received in the pledge's unit, in one line (numbers also as data attributes). */
export function PledgeQuantities({ pledge, dispatched, received }: Props) {
  const { t } = useTranslation('pledges');
  const amount = useAmount(pledge.unit);
  return (
    <p className="pledge-quantities" data-testid="pledge-quantities" data-pledged={pledge.quantity} data-dispatched={dispatched} data-received={received}>
      {t('quantities', { pledged: amount(pledge.quantity), dispatched: amount(dispatched), received: amount(received) })}
    </p>
  );
}
