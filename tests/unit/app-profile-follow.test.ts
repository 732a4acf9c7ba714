// @vitest-environment jsdom
/**
 * The profile follows what sync brings: a moderator's verification (or a removal) arriving in the
 * member's own documents makes the app ask the server for the profile again, once per change.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../domain/account-protocol';
import { followOwnDocuments } from '../../app/db/profile-follow';
import { openLocalStore, type LocalStore } from '../../app/db/local-store';
import { makeMember, makeMunicipality } from '../support/factories';

let store: LocalStore;

beforeAll(async () => {
  store = await openLocalStore(getRxStorageMemory(), `follow-${Date.now()}`, ['members', 'municipalities']);
});

afterAll(async () => {
  await store.db.close();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the profile follows synced documents', () => {
  it('asks again when the municipality is verified or the member removed, not for unrelated changes', async () => {
    const municipality = makeMunicipality({ verification: { status: 'pending' } });
    const member = makeMember({ municipalityId: municipality.id, status: 'pending', role: 'coordinator' });
    const profile: Profile = {
      email: 'olena@hromada.example',
      actor: { memberId: member.id, municipalityId: municipality.id, role: 'coordinator', memberStatus: 'pending', municipalityVerified: false },
      member,
      municipality,
    };
    let refreshes = 0;
    const subscription = followOwnDocuments(store, () => profile, () => (refreshes += 1));

    await store.db.municipalities.insert(municipality);
    await store.db.members.insert(member);
    await settle();
    expect(refreshes).toBe(0);

    await store.db.members.upsert({ ...member, displayName: 'Олена К.', updatedAt: member.updatedAt + 1 });
    await settle();
    expect(refreshes).toBe(0);

    await store.db.municipalities.upsert({ ...municipality, verification: { status: 'verified' }, updatedAt: municipality.updatedAt + 1 });
    await settle();
    expect(refreshes).toBe(1);

    await store.db.members.upsert({ ...member, status: 'removed', updatedAt: member.updatedAt + 2 });
    await settle();
    expect(refreshes).toBe(2);
    subscription.unsubscribe();
  });
});
