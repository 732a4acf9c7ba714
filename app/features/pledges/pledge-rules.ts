/**
 * Who may pledge against a need, asked of the same rule the server enforces
 * (domain/permissions.ts `checkWrite` on the pledges collection), so the app never offers a
 * pledge the server would refuse: not to one's own municipality, not by pending members or
 * moderators, not against a draft or an unverified municipality's need.
 */
import type { Profile } from '../../../domain/account-protocol';
import { checkWrite } from '../../../domain/permissions';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import type { Pledge } from '../../../domain/schemas/pledge';

/** A pledge like the one the member would make against `need` (ids and dates do not matter to the rule). */
export function pledgeProbe(profile: Profile, need: Need, offer?: Offer): Pledge {
  return {
    id: 'new-pledge-probe',
    needId: need.id,
    ...(offer ? { offerId: offer.id } : {}),
    fromMunicipalityId: profile.actor.municipalityId,
    toMunicipalityId: need.municipalityId,
    quantity: 1,
    unit: need.unit,
    expiresAt: 4_000_000_000_000,
    updatedAt: 0,
  };
}

/** Whether `profile` may pledge against `need` (of `municipality`), drawing on `offer` when given. */
export function canPledge(profile: Profile | null, need: Need, municipality: Municipality | null | undefined, offer?: Offer): boolean {
  if (!profile || !municipality) return false;
  return checkWrite(profile.actor, 'pledges', undefined, pledgeProbe(profile, need, offer), { need, municipality, ...(offer ? { offer } : {}) })
    .allowed;
}
