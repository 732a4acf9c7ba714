import { useTranslation } from 'react-i18next';
import type { PledgeStatus } from '../../../domain/constants';
import './pledges.css';

/** A pledge's derived status as a coloured tag (`data-status` carries the code for tests). */
export function PledgeStatusBadge({ status }: { status: PledgeStatus }) {
  const { t } = useTranslation('pledges');
  return (
    <span className={`tag pledge-status-tag pledge-status-${status}`} data-testid="pledge-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
