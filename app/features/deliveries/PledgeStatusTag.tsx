import { useTranslation } from 'react-i18next';
import type { PledgeStatus } from '../../../domain/constants';

/** A pledge's derived status as a tag, in the pledges feature's words. */
export function PledgeStatusTag({ status }: { status: PledgeStatus }) {
  const { t } = useTranslation('pledges');
  return (
    <span className={`tag delivery-status delivery-status-${status}`} data-testid="delivery-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
