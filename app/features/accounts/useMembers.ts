/**
 * Reactive read of a municipality's members for the coordinator's screen: the members collection is
 * synced, so a removal or an admission made on the server shows up here once it has been pulled.
 */
import { useMemo } from 'react';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { MemberStatus } from '../../../domain/constants';
import type { Member } from '../../../domain/schemas/member';
import type { Municipality } from '../../../domain/schemas/municipality';
import { useLocalStore } from '../../db/LocalStoreProvider';

/** Active members first, then those waiting for a moderator, then removed ones. */
const STATUS_ORDER: Readonly<Record<MemberStatus, number>> = { active: 0, pending: 1, removed: 2 };

/** Members in list order: by status, then by name (in the phone's collation). */
export function sortMembers(members: readonly Member[]): Member[] {
  const collator = new Intl.Collator();
  return [...members].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || collator.compare(a.displayName, b.displayName) || a.id.localeCompare(b.id),
  );
}

/** Every member of `municipalityId` on the phone, in list order, kept current. */
export function useMembers(municipalityId: Municipality['id']): { members: Member[]; loading: boolean } {
  const { db } = useLocalStore();
  // RxDB's hook re-runs the query whenever the query object changes identity.
  const query = useMemo<MangoQuery<Member>>(() => ({ selector: { municipalityId } }), [municipalityId]);
  const { results, loading } = useLiveRxQuery<Member>({ collection: db.members, query });
  const members = useMemo(() => sortMembers(results.map((doc) => doc.toJSON() as Member)), [results]);
  return { members, loading };
}
