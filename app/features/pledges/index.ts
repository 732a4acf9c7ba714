/** The pledges feature as other features see it: everything outside this folder imports it from here. */
export { PledgeList } from './PledgeList';
export { usePledgesOfNeed } from './usePledgesOfNeed';
export type { PledgeEntry } from './usePledgesOfNeed';
export { canPledge } from './pledge-rules';
