import { useTranslation } from 'react-i18next';
import type { VerificationStatus } from '../../../domain/constants';

/** A municipality's verification state as a small badge (the words say it; the colour only repeats it). */
export function VerificationTag({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation('municipalities');
  return (
    <span className={`tag verification-${status}`} data-testid="verification-tag" data-status={status}>
      {t(`verification.${status}`)}
    </span>
  );
}
