import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedStatus } from '../../../domain/constants';
import { canMoveNeed } from '../../../domain/rules/need-status';
import type { Need } from '../../../domain/schemas/need';
import { RouteLink } from '../../components/RouteLink';
import { useProfile } from '../../stores/session-store';
import { allowedNeedStatuses, needActions } from './useNeedActions';
import { useSaveNeed } from './useSaveNeed';

/** The moves the need page offers its owners, each a button; the order they appear in. */
const MOVES: readonly { status: NeedStatus; action: 'reopen' | 'close' | 'withdraw' }[] = [
  { status: 'open', action: 'reopen' },
  { status: 'closed', action: 'close' },
  { status: 'withdrawn', action: 'withdraw' },
];

/**
 * What the need's own municipality may do with it: edit it, and move its status one step as the
 * transition table allows (domain/rules/need-status.ts) and the member's rights permit (a pending
 * member of a verified municipality touches drafts only).
 */
export function NeedStatusActions({ need }: { need: Need }) {
  const { t } = useTranslation('needs');
  const profile = useProfile();
  const saveNeed = useSaveNeed();
  const [failed, setFailed] = useState<string | null>(null);
  const editable = needActions(profile, need).update;
  const allowed = allowedNeedStatuses(
    profile,
    need,
    MOVES.map(({ status }) => status),
  );
  const moves = MOVES.filter(({ status }) => status !== need.status && canMoveNeed(need.status, status) && allowed.includes(status));

  const move = async (status: NeedStatus) => {
    setFailed(null);
    const { updatedAt: _updatedAt, ...rest } = need;
    try {
      await saveNeed({ ...rest, status });
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    }
  };

  if (!editable && moves.length === 0) return null;
  return (
    <>
      {editable && (
        <RouteLink route={{ name: 'edit-need', id: need.id }} className="button" data-testid="edit-need-button">
          {t('page.edit')}
        </RouteLink>
      )}
      {moves.map(({ status, action }) => (
        <button key={action} type="button" className="button" data-testid={`need-${action}-button`} onClick={() => void move(status)}>
          {t(`page.${action}`)}
        </button>
      ))}
      {failed && (
        <p className="field-error" role="alert">
          {t('page.moveFailed', { message: failed })}
        </p>
      )}
    </>
  );
}
