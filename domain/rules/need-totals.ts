/**
 * A need's pledged and received totals, derived from its pledges and their events every time they
 * are read (never stored as counters, which two phones would both increment). "Partly/fully
 * pledged" is derived from them too.
 */
import type { Need } from '../schemas/need';
import type { Pledge } from '../schemas/pledge';
import type { PledgeEvent } from '../schemas/pledge-event';
import { derivePledgeState, groupEventsByPledge, roundQuantity } from './pledge-status';

/** How much of a need live pledges cover. */
export type PledgeCoverage = 'none' | 'partly' | 'fully';

export type NeedTotals = {
  /** Quantity promised by live pledges (not cancelled, not expired), in the need's unit. */
  pledged: number;
  /** Quantity the need's municipality confirmed on arrival, in the need's unit. */
  received: number;
  /** Live pledges, whatever their unit. */
  livePledges: number;
  /** Live pledges in another unit than the need's: shown, but not added up. */
  livePledgesInOtherUnits: number;
  coverage: PledgeCoverage;
};

/**
 * Totals of one need from its pledges and their events at the server's time `serverNow` (pledges
 * of other needs are skipped). A need without a quantity (expertise) is fully pledged once any
 * live pledge exists: only its author can tell whether that is enough, and closes it.
 */
export function deriveNeedTotals(
  need: Pick<Need, 'id' | 'quantity' | 'unit'>,
  pledges: readonly Pledge[],
  events: readonly PledgeEvent[],
  serverNow: number,
): NeedTotals {
  const eventsByPledge = groupEventsByPledge(events);
  let pledged = 0;
  let received = 0;
  let livePledges = 0;
  let livePledgesInOtherUnits = 0;
  for (const pledge of pledges) {
    if (pledge.needId !== need.id || (pledge as { _deleted?: boolean })._deleted === true) continue;
    const state = derivePledgeState(pledge, eventsByPledge.get(pledge.id) ?? [], serverNow);
    const sameUnit = pledge.unit === need.unit;
    if (sameUnit) received += state.receivedQuantity;
    if (state.status === 'cancelled' || state.status === 'expired') continue;
    livePledges += 1;
    if (sameUnit) pledged += pledge.quantity;
    else livePledgesInOtherUnits += 1;
  }
  pledged = roundQuantity(pledged);
  received = roundQuantity(received);
  const coverage: PledgeCoverage =
    livePledges === 0 ? 'none' : need.quantity === undefined || pledged >= need.quantity ? 'fully' : 'partly';
  return { pledged, received, livePledges, livePledgesInOtherUnits, coverage };
}
