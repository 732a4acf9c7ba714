/** The sync feature as other features see it: everything outside this folder imports it from here. */
export { RefusedChanges } from './RefusedChanges';
export { useDiscardRefused, useRefusedWrites } from './useRefusedWrites';
export type { RefusedItem } from './useRefusedWrites';
export { SyncIndicator } from './SyncIndicator';
export { SyncDetails } from './SyncDetails';
export { SyncProgressBar } from './SyncProgressBar';
export { useCatchingUp } from './useCatchingUp';
export { RecordSyncState, REFUSED_CHANGES_HREF } from './RecordSyncState';
export type { WriteState } from './RecordSyncState';
