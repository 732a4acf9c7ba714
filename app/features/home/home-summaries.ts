/**
 * What the home screen condenses: pledges split by direction (to us, by us) with their derived
 * status, and the newest suggestions across all of my items. Pure: the screen feeds it what the
 * phone holds.
 */
import { derivePledgeState, groupEventsByPledge, isPledgeEnded, type PledgeState } from '../../../domain/rules/pledge-status';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { compareIds, postedAt } from '../../lists/list-filters';
import type { MunicipalityMatches, Suggestion } from '../matches';

/** A pledge as the home screen lists it: its derived state and the municipality on the other side. */
export type PledgeLine = { pledge: Pledge; state: PledgeState; otherMunicipalityId: Municipality['id'] };

export type PledgesByDirection = { toUs: PledgeLine[]; byUs: PledgeLine[] };

/** Pledges still moving come first (they need someone to act), then the newest. */
function comparePledgeLines(a: PledgeLine, b: PledgeLine): number {
  const ended = Number(isPledgeEnded(a.state.status)) - Number(isPledgeEnded(b.state.status));
  return ended || b.pledge.updatedAt - a.pledge.updatedAt || compareIds(a.pledge.id, b.pledge.id);
}

/**
 * The pledges made to `myMunicipalityId` (against its needs) and by it, each with its status derived
 * from its events at `now`; pledges between other municipalities are left out.
 */
export function pledgesByDirection(pledges: readonly Pledge[], events: readonly PledgeEvent[], myMunicipalityId: Municipality['id'], now: number): PledgesByDirection {
  const eventsByPledge = groupEventsByPledge(events);
  const toUs: PledgeLine[] = [];
  const byUs: PledgeLine[] = [];
  for (const pledge of pledges) {
    const toMe = pledge.toMunicipalityId === myMunicipalityId;
    const byMe = pledge.fromMunicipalityId === myMunicipalityId;
    if (!toMe && !byMe) continue;
    const state = derivePledgeState(pledge, eventsByPledge.get(pledge.id) ?? [], now);
    if (toMe) toUs.push({ pledge, state, otherMunicipalityId: pledge.fromMunicipalityId });
    if (byMe) byUs.push({ pledge, state, otherMunicipalityId: pledge.toMunicipalityId });
  }
  return { toUs: toUs.sort(comparePledgeLines), byUs: byUs.sort(comparePledgeLines) };
}

/** A suggestion with the member's own item it is for. */
export type MatchPair =
  | { kind: 'offer'; mine: Need; suggestion: Suggestion<Offer> }
  | { kind: 'need'; mine: Offer; suggestion: Suggestion<Need> };

/** The `limit` newest suggested items across all of my needs and offers (then best score, then id). */
export function newestMatches(matches: MunicipalityMatches, limit: number): MatchPair[] {
  const pairs: MatchPair[] = [
    ...matches.needs.flatMap(({ need, offers }) => offers.map((suggestion): MatchPair => ({ kind: 'offer', mine: need, suggestion }))),
    ...matches.offers.flatMap(({ offer, needs }) => needs.map((suggestion): MatchPair => ({ kind: 'need', mine: offer, suggestion }))),
  ];
  pairs.sort(
    (a, b) =>
      postedAt(b.suggestion.item) - postedAt(a.suggestion.item) ||
      b.suggestion.score - a.suggestion.score ||
      compareIds(a.suggestion.item.id, b.suggestion.item.id) ||
      compareIds(a.mine.id, b.mine.id),
  );
  return pairs.slice(0, Math.max(0, limit));
}
