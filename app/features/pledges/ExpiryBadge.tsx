import { useTranslation } from 'react-i18next';
import { daysUntilExpiry, isExpiringSoon } from '../../../domain/rules/pledge-expiry';
import type { PledgeState } from '../../../domain/rules/pledge-status';
import './pledges.css';

/** "Expires in 2 days" on a pledge still waiting for dispatch whose deadline is close; nothing otherwise. */
export function ExpiryBadge({ state, now }: { state: Pick<PledgeState, 'status' | 'expiresAt'>; now: number }) {
  const { t } = useTranslation('pledges');
  if (!isExpiringSoon(state, now)) return null;
  const days = daysUntilExpiry(state, now) ?? 0;
  return (
    <span className="tag pledge-expiry-soon" data-testid="pledge-expiry" data-days={days}>
      {days === 0 ? t('expiry.today') : t('expiry.inDays', { count: days })}
    </span>
  );
}
