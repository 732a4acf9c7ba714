/**
 * Whether the signed-in member may pledge against a need drawing on one of their offers: the
 * same rule the server applies to the pledge (domain/permissions.ts), asked on a probe pledge.
 */
import type { Profile } from '../../../domain/account-protocol';
import { checkWrite } from '../../../domain/permissions';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import type { Pledge } from '../../../domain/schemas/pledge';

/** A deadline inside the schema's range; the probe's dates do not matter to the rule. */
const PROBE_EXPIRY = 1_900_000_000_000;

export function mayPledgeFromOffer(profile: Profile | null, offer: Offer, need: Need, needMunicipality: Municipality | undefined): boolean {
  if (!profile || offer.municipalityId !== profile.actor.municipalityId) return false;
  const probe: Pledge = {
    id: 'pledge-probe',
    needId: need.id,
    offerId: offer.id,
    fromMunicipalityId: profile.actor.municipalityId,
    toMunicipalityId: need.municipalityId,
    quantity: 1,
    unit: need.unit,
    expiresAt: PROBE_EXPIRY,
    updatedAt: 0,
  };
  return checkWrite(profile.actor, 'pledges', undefined, probe, { need, offer, municipality: needMunicipality }).allowed;
}
