import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingRejectForm } from './PendingRejectForm';

type Props = {
  kind: 'municipality' | 'member';
  id: string;
  /** Who the decision is about, for the buttons' accessible names (several cards are on screen). */
  name: string;
  busy: boolean;
  onVerify: () => void;
  onReject: (reason: string) => void;
};

/** Verify or reject a pending application; rejecting asks for the reason first. */
export function PendingDecision({ kind, id, name, busy, onVerify, onReject }: Props) {
  const { t } = useTranslation('admin');
  const [rejecting, setRejecting] = useState(false);
  const rejectButton = useRef<HTMLButtonElement>(null);
  const forWhom = <span className="visually-hidden">{`: ${name}`}</span>;

  if (rejecting) {
    return (
      <PendingRejectForm
        idPrefix={`reject-${kind}-${id}`}
        busy={busy}
        onConfirm={onReject}
        onCancel={() => {
          setRejecting(false);
          // Back to where the moderator was, once the button is rendered again.
          requestAnimationFrame(() => rejectButton.current?.focus());
        }}
      />
    );
  }
  return (
    <div className="pending-actions">
      <button type="button" className="button primary" data-testid={`verify-${kind}`} disabled={busy} onClick={onVerify}>
        {t(`${kind}.verify`)}
        {forWhom}
      </button>
      <button type="button" className="button danger" data-testid={`reject-${kind}`} disabled={busy} onClick={() => setRejecting(true)} ref={rejectButton}>
        {t(`${kind}.reject`)}
        {forWhom}
      </button>
    </div>
  );
}
