/** The pledges feature as other features see it: everything outside this folder imports it from here. */
export { PledgeList } from './PledgeList';
export { usePledgesOfNeed } from './usePledgesOfNeed';
export type { PledgeEntry } from './usePledgesOfNeed';
export { canPledge } from './pledge-rules';
export { PledgeStatusBadge } from './PledgeStatusBadge';
export { ExpiryBadge } from './ExpiryBadge';
export { PledgeQuantities } from './PledgeQuantities';
export { usePledgeStates } from './usePledgeStates';
export type { PledgeStates } from './usePledgeStates';
export { usePledge } from './usePledge';
export type { PledgeDetails } from './usePledge';
export { saveReceipt, savePledgeEvent } from './save-pledge-event';
export type { ReceiptOptions } from './save-pledge-event';
export { mayWrite, pledgeActions } from './pledge-actions';
export type { PledgeActions } from './pledge-actions';
export { derivePledgeViews, dispatchedQuantity, groupEventsByPledge, remainingQuantity, splitBySide } from './pledge-views';
export type { PledgeSide, PledgeTodo, PledgeView, PledgesBySide } from './pledge-views';
export { useNow } from './useNow';
