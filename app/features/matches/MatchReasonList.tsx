import { useTranslation } from 'react-i18next';
import type { MatchReason } from '../../../domain/rules/matching';
import { formatNumber } from '../../i18n/format';

/** The reasons of a score, in words ("covers 80 %", "same oblast", "needed in 3 days", "420 km away"). */
export function MatchReasonList({ reasons }: { reasons: readonly MatchReason[] }) {
  const { t, i18n } = useTranslation('matches');
  const language = i18n.resolvedLanguage ?? 'en';
  const text = (reason: MatchReason): string => {
    switch (reason.code) {
      case 'covers-quantity':
        return t('reason.covers-quantity', { percent: formatNumber(reason.percent, language) });
      case 'urgency':
        return t('reason.urgency', { urgency: t(`urgency.${reason.urgency}`) });
      case 'needed-in-days':
        return reason.days === 0 ? t('reason.needed-today') : t('reason.needed-in-days', { count: reason.days });
      case 'deadline-passed':
        return t('reason.deadline-passed', { count: reason.days });
      case 'available-for-days':
        return reason.days === 0 ? t('reason.available-today') : t('reason.available-for-days', { count: reason.days });
      case 'distance-km':
        return t('reason.distance-km', { distance: formatNumber(reason.km, language) });
      default:
        return t(`reason.${reason.code}`);
    }
  };
  return (
    <ul className="match-reasons" data-testid="match-reasons">
      {reasons.map((reason) => (
        <li key={reason.code}>{text(reason)}</li>
      ))}
    </ul>
  );
}
