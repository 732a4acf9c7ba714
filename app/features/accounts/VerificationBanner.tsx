import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../domain/account-protocol';

/** What a member waiting for, or refused by, a moderator is told; null when all is settled. */
export type VerificationNotice =
  | { status: 'pending'; waiting: 'municipality' | 'member' }
  | { status: 'rejected'; reason: string | null }
  | { status: 'removed' };

/**
 * The notice for `profile`: a refused application (the municipality's, else the member's own, with
 * the moderator's reason), a removed membership, or what is still waiting for a moderator.
 */
export function verificationNotice(profile: Profile): VerificationNotice | null {
  const verification = profile.municipality?.verification;
  if (verification?.status === 'rejected') return { status: 'rejected', reason: verification.reason ?? null };
  if (profile.rejection) return { status: 'rejected', reason: profile.rejection.reason };
  if (profile.member.status === 'removed') return { status: 'removed' };
  if (verification?.status === 'pending') return { status: 'pending', waiting: 'municipality' };
  if (profile.member.status === 'pending') return { status: 'pending', waiting: 'member' };
  return null;
}

/** Tells a member whose municipality or membership a moderator has not (or not yet) accepted. */
export function VerificationBanner({ profile }: { profile: Profile }) {
  const { t } = useTranslation('account');
  const notice = verificationNotice(profile);
  if (!notice) return null;
  let text: string;
  switch (notice.status) {
    case 'pending':
      text = notice.waiting === 'municipality' ? t('banner.pendingMunicipality') : t('banner.pendingMember');
      break;
    case 'rejected':
      text = notice.reason ? t('banner.rejected', { reason: notice.reason }) : t('banner.rejectedNoReason');
      break;
    case 'removed':
      text = t('banner.removed');
      break;
  }
  return (
    <div className={`banner banner-${notice.status}`} data-testid="verification-banner" data-status={notice.status} role="status">
      <p>{text}</p>
    </div>
  );
}
