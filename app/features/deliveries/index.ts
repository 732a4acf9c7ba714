/**
 * The deliveries feature as other features see it: field volunteer mode, scanning and short codes.
 * The delivery sheet is not exported here: App loads it on demand, so the QR library stays out of
 * the first-load bundle (and the camera decoder loads only when scanning starts).
 */
export { DeliveriesScreen } from './DeliveriesScreen';
export { canConfirmReceipt, isVolunteer, receiptProbe } from './delivery-rules';
export { codeOfPledge, deliveriesOf } from './delivery-lines';
export type { Deliveries, DeliveryLine } from './delivery-lines';
export { shortCodeLink } from './short-code-link';
