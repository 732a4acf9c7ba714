import { useTranslation } from 'react-i18next';
import type { PendingMember } from '../../api/admin-api';
import { languageName } from '../../i18n/format';
import { PendingDecision } from './PendingDecision';
import { PendingFact } from './PendingFact';

type Props = { item: PendingMember; busy: boolean; onVerify: () => void; onReject: (reason: string) => void };

/** A member waiting to be admitted to their municipality. */
export function PendingMemberCard({ item, busy, onVerify, onReject }: Props) {
  const { t, i18n } = useTranslation('admin');
  const language = i18n.resolvedLanguage ?? 'en';
  const { member, email, municipality } = item;

  return (
    <li className="pending-card" data-testid="pending-member" data-member-id={member.id} aria-busy={busy}>
      <h4 className="pending-name">{member.displayName}</h4>
      <dl className="pending-facts">
        <PendingFact label={t('member.email')}>{email ? <a href={`mailto:${email}`}>{email}</a> : <span className="muted">{t('member.noEmail')}</span>}</PendingFact>
        <PendingFact label={t('member.languages')}>{member.languages.map((code) => languageName(code, language)).join(', ')}</PendingFact>
        <PendingFact label={t('member.role')}>{t(`role.${member.role}`)}</PendingFact>
        <PendingFact label={t('member.municipality')}>
          {municipality ? (
            <>
              <span lang="uk">{municipality.nameUk}</span>
              {` · ${municipality.nameLatin}`}
              {municipality.verification.status !== 'verified' && (
                <span className="pending-warning">{t('member.municipalityStatus', { status: t(`verification.${municipality.verification.status}`) })}</span>
              )}
            </>
          ) : (
            <span className="muted">{t('member.unknownMunicipality')}</span>
          )}
        </PendingFact>
      </dl>
      <PendingDecision kind="member" id={member.id} name={member.displayName} busy={busy} onVerify={onVerify} onReject={onReject} />
    </li>
  );
}
