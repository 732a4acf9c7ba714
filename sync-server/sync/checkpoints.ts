/**
 * The checkpoints the sync server hands out (pull answers and stream events): CouchDB's `_changes`
 * sequence, tagged with the rights of the reader it was issued to. Guarantees:
 * - the client sees `{ seq }`, an opaque string, as before; the store's sequence inside it is never
 *   parsed, only carried;
 * - a checkpoint is continued only by a reader with the same rights: once the actor's rights change
 *   (their municipality or they themself verified, a role changed, another member on the phone),
 *   the next pull starts again from the beginning of the feed, so documents that were filtered out
 *   under the old rights and are readable now are not skipped for good. A checkpoint without a tag
 *   (issued before checkpoints had one) starts over once, too.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/permissions';

const SEPARATOR = '~';

/** A short fingerprint of everything `mayRead` asks of an actor. */
export function rightsKey(actor: Actor): string {
  const rights = [actor.memberId, actor.municipalityId, actor.role, actor.memberStatus, actor.municipalityVerified];
  return createHash('sha256').update(JSON.stringify(rights)).digest('base64url').slice(0, 12);
}

/** The checkpoint handed to `actor` for the store's sequence `seq`. */
export function checkpointFor(actor: Actor, seq: string): string {
  return `${rightsKey(actor)}${SEPARATOR}${seq}`;
}

/** The store sequence to read from for `actor`'s checkpoint: its own, or '0' when it was issued under other rights. */
export function sinceOf(actor: Actor, checkpoint: string): string {
  const separator = checkpoint.indexOf(SEPARATOR);
  if (separator < 0 || checkpoint.slice(0, separator) !== rightsKey(actor)) return '0';
  return checkpoint.slice(separator + 1) || '0';
}
