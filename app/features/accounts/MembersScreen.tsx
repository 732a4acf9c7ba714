import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkWrite, type Actor } from '../../../domain/permissions';
import type { Member } from '../../../domain/schemas/member';
import type { Municipality } from '../../../domain/schemas/municipality';
import { removeMember } from '../../api/admin-api';
import { UnreachableError } from '../../api/http';
import { AdminNotice, type AdminNoticeContent } from '../../components/AdminNotice';
import { InvitationPanel } from './InvitationPanel';
import { MemberCard } from './MemberCard';
import { useMembers } from './useMembers';
import { useConnectionStore } from '../../stores/connection-store';

type Props = {
  /** The coordinator's municipality, whose members are listed. */
  municipalityId: Municipality['id'];
  /** The signed-in member (never offered for removal). */
  memberId: Member['id'];
  actor: Actor;
};

/** Whether `actor` may set `member`'s status to removed: the same rule the server applies. */
function mayRemove(actor: Actor, member: Member): boolean {
  if (member.status === 'removed') return false;
  const removed: Member = { ...member, status: 'removed', updatedAt: member.updatedAt + 1 };
  return checkWrite(actor, 'members', member, removed).allowed;
}

/**
 * The coordinator's view of their municipality's people: the list comes from the phone's database
 * (it works offline and follows sync); inviting and removing are server calls, online only.
 */
export function MembersScreen({ municipalityId, memberId, actor }: Props) {
  const { t } = useTranslation('admin');
  const { members, loading } = useMembers(municipalityId);
  const browserOnline = useConnectionStore((state) => state.browserOnline);
  const [busyId, setBusyId] = useState<string | null>(null);
  // Removals the server accepted; the synced member document will confirm them.
  const [sent, setSent] = useState<ReadonlySet<string>>(() => new Set());
  const [notice, setNotice] = useState<AdminNoticeContent | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);

  const remove = async (member: Member) => {
    setNotice(null);
    if (!browserOnline) {
      setNotice({ tone: 'error', error: new UnreachableError('offline') });
      return;
    }
    setBusyId(member.id);
    try {
      await removeMember(member.id);
      setSent((previous) => new Set(previous).add(member.id));
      setNotice({ tone: 'done', text: t('members.removed', { name: member.displayName }) });
    } catch (error) {
      setNotice({ tone: 'error', error });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="screen members-screen" data-testid="members-screen" aria-labelledby="members-heading">
      <div className="screen-heading">
        <h2 id="members-heading">{t('members.title')}</h2>
        {!loading && <span className="count">{t('members.count', { count: members.length })}</span>}
      </div>
      {!browserOnline && <p className="muted small">{t('members.onlineOnly')}</p>}
      {actor.role === 'coordinator' && <InvitationPanel verified={actor.memberStatus === 'active' && actor.municipalityVerified} />}
      <div data-testid="members-list" aria-busy={loading}>
        <ul className="member-list">
          {members.map((member) => (
            <MemberCard
              key={member.id}
              member={member}
              self={member.id === memberId}
              mayRemove={member.id !== memberId && mayRemove(actor, member)}
              removalSent={sent.has(member.id) && member.status !== 'removed'}
              busy={busyId === member.id}
              onRemove={() => void remove(member)}
            />
          ))}
        </ul>
        {loading ? <p className="loading">{t('members.loading')}</p> : members.length === 0 && <p className="empty">{t('members.empty')}</p>}
      </div>
      <AdminNotice notice={notice} onDismiss={dismissNotice} data-testid="members-notice" />
    </section>
  );
}
