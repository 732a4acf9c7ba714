/** Status transitions of a need, and how a status changed on two phones at once is merged. */
import type { NeedStatus } from '../constants';
import type { FieldRule } from '../merge';

/** Which statuses a need may move to from each status. */
export const NEED_TRANSITIONS: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  draft: ['open', 'withdrawn'],
  open: ['fulfilled', 'closed', 'withdrawn'],
  fulfilled: ['open', 'closed'],
  closed: ['open'],
  withdrawn: ['draft', 'open'],
};

export function canMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  return from === to || NEED_TRANSITIONS[from].includes(to);
}

/**
 * Both phones changed the status: the newer edit wins when it is a legal move from the other side's
 * status; otherwise the older one stands (so a merge never produces an illegal jump).
 */
export const needStatusRule: FieldRule = ({ master, local, localIsNewer }) => {
  const newer = (localIsNewer ? local : master) as NeedStatus;
  const older = (localIsNewer ? master : local) as NeedStatus;
  return canMoveNeed(older, newer) ? newer : older;
};
