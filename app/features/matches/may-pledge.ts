/**
 * Whether a member may pledge against a need drawing on an offer, asked of the same rule the server
 * applies to a new pledge (domain/permissions.ts), so a suggestion offers "Pledge" only where the
 * pledge would be accepted: a verified member, their own offer, another verified municipality's
 * published need.
 */
import { checkWrite, type Actor } from '../../../domain/permissions';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import type { Pledge } from '../../../domain/schemas/pledge';

export function mayPledge(actor: Actor | null, need: Need, offer: Offer, needMunicipality: Municipality | undefined): boolean {
  if (actor === null) return false;
  const probe: Pledge = {
    id: 'pledge-probe',
    needId: need.id,
    offerId: offer.id,
    fromMunicipalityId: actor.municipalityId,
    toMunicipalityId: need.municipalityId,
    quantity: 1,
    unit: need.unit,
    expiresAt: 0,
    updatedAt: 0,
  };
  return checkWrite(actor, 'pledges', undefined, probe, { need, offer, ...(needMunicipality ? { municipality: needMunicipality } : {}) }).allowed;
}
