/**
 * What a municipality's profile page shows besides the municipality: its open needs and offers,
 * its active members and whatever contact details of theirs the phone holds (the server sends
 * contacts to verified members only, so a phone holding none shows none).
 */
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { Contact } from '../../../domain/schemas/contact';
import type { Member } from '../../../domain/schemas/member';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import { useDocuments } from '../../db/useDocuments';
import { URGENCIES } from '../../../domain/constants';

export type MunicipalityProfileData = {
  needs: Need[];
  offers: Offer[];
  members: Member[];
  /** Contact details by member id. */
  contacts: ReadonlyMap<Member['id'], Contact>;
  loading: boolean;
};

const URGENCY_RANK = new Map<string, number>(URGENCIES.map((urgency, index) => [urgency, index]));

/** Most urgent first, then the nearest deadline, then by id (the needs list's usual order, simplified). */
function compareNeeds(a: Need, b: Need): number {
  return (
    (URGENCY_RANK.get(a.urgency) ?? 0) - (URGENCY_RANK.get(b.urgency) ?? 0) ||
    (a.neededBy ?? '9999').localeCompare(b.neededBy ?? '9999') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function useMunicipalityProfile(id: Municipality['id']): MunicipalityProfileData {
  const needQuery = useMemo<MangoQuery<Need>>(() => ({ selector: { municipalityId: id, status: 'open' } }), [id]);
  const offerQuery = useMemo<MangoQuery<Offer>>(() => ({ selector: { municipalityId: id, status: 'open' } }), [id]);
  const memberQuery = useMemo<MangoQuery<Member>>(() => ({ selector: { municipalityId: id, status: 'active' } }), [id]);
  const needs = useDocuments('needs', needQuery);
  const offers = useDocuments('offers', offerQuery);
  const members = useDocuments('members', memberQuery);

  const memberIds = useMemo(() => members.documents.map((member) => member.id).sort(), [members.documents]);
  const memberKey = memberIds.join(' ');
  // Keyed by the ids' text so that a member's edit (same ids) does not re-run the query.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const contactQuery = useMemo<MangoQuery<Contact>>(() => ({ selector: { memberId: { $in: memberIds } } }), [memberKey]);
  const contacts = useDocuments('contacts', contactQuery);

  const sortedMembers = useMemo(() => {
    const collator = new Intl.Collator();
    return [...members.documents].sort((a, b) => collator.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1));
  }, [members.documents]);
  const contactsByMember = useMemo(() => new Map(contacts.documents.map((contact) => [contact.memberId, contact])), [contacts.documents]);
  const sortedNeeds = useMemo(() => [...needs.documents].sort(compareNeeds), [needs.documents]);
  const sortedOffers = useMemo(() => [...offers.documents].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)), [offers.documents]);

  return {
    needs: sortedNeeds,
    offers: sortedOffers,
    members: sortedMembers,
    contacts: contactsByMember,
    loading: needs.loading || offers.loading || members.loading,
  };
}
