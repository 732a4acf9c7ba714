import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../domain/schemas/member';
import { languageName } from '../../i18n/format';

type Props = {
  member: Member;
  /** The signed-in member: marked, and never offered for removal. */
  self: boolean;
  /** Whether the signed-in member may remove this one (the server decides anyway). */
  mayRemove: boolean;
  /** The removal was accepted by the server and waits for sync to reach this phone. */
  removalSent: boolean;
  busy: boolean;
  onRemove: () => void;
};

/** One member of the municipality: name, role and status, and removal after a confirmation. */
export function MemberCard({ member, self, mayRemove, removalSent, busy, onRemove }: Props) {
  const { t, i18n } = useTranslation('admin');
  const language = i18n.resolvedLanguage ?? 'en';
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const role = t(`role.${member.role}`);
  const status = t(`status.${member.status}`);

  // The question takes the focus so that a screen reader reads it before the buttons.
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  return (
    <li className={`member-card member-status-${member.status}`} data-testid="member-item" data-member-id={member.id} data-status={member.status}>
      <div className="member-heading">
        <h3 className="member-name">{member.displayName}</h3>
        {self && <span className="tag tag-self">{t('members.you')}</span>}
      </div>
      <div className="need-tags">
        <span className="tag">
          <span className="visually-hidden">{t('members.roleLabel', { role })}</span>
          <span aria-hidden="true">{role}</span>
        </span>
        <span className={`tag member-status member-status-tag-${member.status}`} data-testid="member-status">
          <span className="visually-hidden">{t('members.statusLabel', { status })}</span>
          <span aria-hidden="true">{status}</span>
        </span>
      </div>
      {member.languages.length > 0 && <p className="muted small">{member.languages.map((code) => languageName(code, language)).join(', ')}</p>}
      {removalSent && <p className="muted small">{t('members.removeSent')}</p>}
      {mayRemove && !self && !removalSent && member.status !== 'removed' && (
        <div className="member-actions">
          {confirming ? (
            <div className="member-confirm">
              <p ref={question} tabIndex={-1}>
                {t('members.removeQuestion', { name: member.displayName })}
              </p>
              <div className="form-actions">
                <button
                  type="button"
                  className="button danger"
                  data-testid="remove-confirm"
                  disabled={busy}
                  onClick={() => {
                    setConfirming(false);
                    onRemove();
                  }}
                >
                  {t('members.removeConfirm')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="remove-cancel"
                  onClick={() => {
                    setConfirming(false);
                    requestAnimationFrame(() => removeButton.current?.focus());
                  }}
                >
                  {t('members.removeCancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="button danger" data-testid="remove-member" disabled={busy} onClick={() => setConfirming(true)} ref={removeButton}>
              {t('members.remove')}
              <span className="visually-hidden">{`: ${member.displayName}`}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}
