import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITATION_ROLES, type InvitationRole } from '../../../domain/account-protocol';
import { createInvitation, type Invitation } from '../../api/admin-api';
import { UnreachableError } from '../../api/http';
import { formatDateTime } from '../../i18n/format';
import { useConnectionStore } from '../../stores/connection-store';
import { AdminError } from '../../components/AdminError';

/** Codes are read out over the phone: shown in groups of four, copied without the gaps. */
const CODE_GROUP = /.{1,4}/g;

type Props = {
  /** Whether the coordinator and their municipality are verified (invitations open only then). */
  verified: boolean;
};

/** A coordinator creates a single-use invitation code, for an official or a field volunteer, and passes it on. */
export function InvitationPanel({ verified }: Props) {
  const { t, i18n } = useTranslation('admin');
  const language = i18n.resolvedLanguage ?? 'en';
  const browserOnline = useConnectionStore((state) => state.browserOnline);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'unavailable'>('idle');
  const [role, setRole] = useState<InvitationRole>('official');
  const idPrefix = useId();
  // Names the sign-in screen's button in its own words, so the two never disagree.
  const howTo = t('invitation.howTo', { button: t('signIn.join', { ns: 'account' }) });

  const create = async () => {
    setError(null);
    setCopy('idle');
    if (!browserOnline) {
      setError(new UnreachableError('offline'));
      return;
    }
    setBusy(true);
    try {
      setInvitation(await createInvitation(role));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const copyCode = async (code: string) => {
    // Missing outside a secure context and in some in-app browsers.
    if (typeof navigator.clipboard?.writeText !== 'function') {
      setCopy('unavailable');
      return;
    }
    try {
      await navigator.clipboard.writeText(code);
      setCopy('copied');
    } catch {
      // Refused permission or a document without focus: the code is still on screen to copy by hand.
      setCopy('unavailable');
    }
  };

  return (
    <section className="panel invitation-panel" aria-labelledby="invitation-heading">
      <h3 id="invitation-heading">{t('invitation.title')}</h3>
      {!verified ? (
        <p className="muted" data-testid="invitation-not-verified">
          {t('invitation.notVerified')}
        </p>
      ) : (
        <>
          {invitation && (
            <div className="invitation-result" data-testid="invitation">
              <p className="invitation-label">{t('invitation.code')}</p>
              <code className="invitation-code" data-testid="invitation-code">
                {(invitation.code.match(CODE_GROUP) ?? []).map((group, index) => (
                  <span key={index}>{group}</span>
                ))}
              </code>
              <p data-testid="invitation-role" data-role={invitation.role}>
                {t('invitationRole.invitedAs', { ns: 'account', role: t(`role.${invitation.role}`, { ns: 'account' }) })}
              </p>
              <p data-testid="invitation-expires">{t('invitation.expires', { date: formatDateTime(invitation.expiresAt, language) })}</p>
              <p className="muted small">{t('invitation.shownOnce')}</p>
              <button type="button" className="button" data-testid="copy-invitation" onClick={() => void copyCode(invitation.code)}>
                {t('invitation.copy')}
              </button>
              <p className="small" role="status" data-testid="copy-status">
                {copy === 'copied' ? t('invitation.copied') : copy === 'unavailable' ? t('invitation.copyUnavailable') : ''}
              </p>
              <p className="small">{howTo}</p>
            </div>
          )}
          <fieldset className="fieldset invite-role" data-testid="invite-role">
            <legend>{t('invitationRole.legend', { ns: 'account' })}</legend>
            {INVITATION_ROLES.map((choice) => (
              <label key={choice} className="choice" htmlFor={`${idPrefix}-role-${choice}`}>
                <input
                  type="radio"
                  id={`${idPrefix}-role-${choice}`}
                  name={`${idPrefix}-role`}
                  value={choice}
                  checked={role === choice}
                  onChange={() => setRole(choice)}
                  data-testid={`invite-role-${choice}`}
                />
                <strong>{t(`role.${choice}`, { ns: 'account' })}</strong>
                <span className="muted small">{t(`invitationRole.${choice}Hint`, { ns: 'account' })}</span>
              </label>
            ))}
          </fieldset>
          <button type="button" className={invitation ? 'button' : 'button primary'} data-testid="invite-button" disabled={busy} onClick={() => void create()}>
            {invitation ? t('invitation.createAnother') : t('invitation.create')}
          </button>
          {!invitation && <p className="muted small">{howTo}</p>}
          {error !== null && <AdminError error={error} />}
        </>
      )}
    </section>
  );
}
