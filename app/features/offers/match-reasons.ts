/** A match's reasons (domain/rules/matching.ts codes and numbers) as words in the interface language. */
import type { TFunction } from 'i18next';
import type { MatchReason } from '../../../domain/rules/matching';
import { formatNumber } from '../../i18n/format';

export function matchReasonText(reason: MatchReason, t: TFunction<'offers'>, language: string): string {
  switch (reason.code) {
    case 'covers-quantity':
      return t('reason.covers-quantity', { percent: formatNumber(reason.percent, language) });
    case 'urgency':
      return t('reason.urgency', { urgency: t(`urgency.${reason.urgency}`) });
    case 'needed-in-days':
    case 'deadline-passed':
    case 'available-for-days':
      return t(`reason.${reason.code}`, { count: reason.days });
    case 'distance-km':
      return t('reason.distance-km', { km: formatNumber(reason.km, language) });
    default:
      return t(`reason.${reason.code}`);
  }
}
