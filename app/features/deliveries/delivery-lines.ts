/**
 * What field volunteer mode lists: the pledges arriving at and leaving one municipality, each with
 * its status derived from its events (domain/rules/pledge-status.ts, never stored) and its short
 * code. Pure: the hooks feed it what the phone holds.
 *
 * Guarantees: events are grouped by pledge once, so deriving every state is one pass over the
 * events plus one per pledge (no pledge × event scan); pledges between other municipalities are
 * left out; pledges still moving come first, then the newest.
 */
import { derivePledgeState, groupEventsByPledge, isPledgeEnded, type PledgeState } from '../../../domain/rules/pledge-status';
import { shortCodeOf } from '../../../domain/rules/short-code';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';

/** A pledge as the deliveries list shows it. */
export type DeliveryLine = {
  pledge: Pledge;
  state: PledgeState;
  /** The municipality at the other end: the sender of an arriving pledge, the receiver of a leaving one. */
  otherMunicipalityId: Municipality['id'];
  /** The short code printed on the delivery sheet, without separator. */
  code: string;
};

export type Deliveries = { arriving: DeliveryLine[]; leaving: DeliveryLine[] };

const codes = new WeakMap<Pledge, string>();

/** The short code of a pledge, computed once per document object (useDocuments keeps their identity per revision). */
export function codeOfPledge(pledge: Pledge): string {
  let code = codes.get(pledge);
  if (code === undefined) {
    code = shortCodeOf(pledge.id);
    codes.set(pledge, code);
  }
  return code;
}


function compareLines(a: DeliveryLine, b: DeliveryLine): number {
  const ended = Number(isPledgeEnded(a.state.status)) - Number(isPledgeEnded(b.state.status));
  if (ended !== 0) return ended;
  if (a.pledge.updatedAt !== b.pledge.updatedAt) return b.pledge.updatedAt - a.pledge.updatedAt;
  return a.pledge.id < b.pledge.id ? -1 : a.pledge.id > b.pledge.id ? 1 : 0;
}

/** The pledges arriving at (`toMunicipalityId`) and leaving (`fromMunicipalityId`) `municipalityId`, at `now`. */
export function deliveriesOf(pledges: readonly Pledge[], events: readonly PledgeEvent[], municipalityId: Municipality['id'], now: number): Deliveries {
  const grouped = groupEventsByPledge(events);
  const arriving: DeliveryLine[] = [];
  const leaving: DeliveryLine[] = [];
  for (const pledge of pledges) {
    const incoming = pledge.toMunicipalityId === municipalityId;
    const outgoing = pledge.fromMunicipalityId === municipalityId;
    if (!incoming && !outgoing) continue;
    const state = derivePledgeState(pledge, grouped.get(pledge.id) ?? [], now);
    const code = codeOfPledge(pledge);
    if (incoming) arriving.push({ pledge, state, otherMunicipalityId: pledge.fromMunicipalityId, code });
    if (outgoing) leaving.push({ pledge, state, otherMunicipalityId: pledge.toMunicipalityId, code });
  }
  return { arriving: arriving.sort(compareLines), leaving: leaving.sort(compareLines) };
}
