/** The needs feature as other features see it: everything outside this folder imports it from here. */
export { NeedCard } from './NeedCard';
export { useNeed, useNeeds } from './useNeeds';
export { useNeedTotals } from './useNeedTotals';
export type { NeedTotals } from './useNeedTotals';
export { canPostNeed, needActions, useCanPostNeed, useNeedActions } from './useNeedActions';
export { leaveFormFor, localDay } from './need-navigation';
