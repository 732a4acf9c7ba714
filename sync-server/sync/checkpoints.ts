/**
 * The checkpoints the sync server hands out (pull answers and stream events). The client sees
 * `{ seq }`, one opaque string: `<seal>~<database>~<anchor>~<sequence>`. Guarantees:
 * - `seal` is a fingerprint of the reader's rights and of the rest of the checkpoint. Once the
 *   actor's rights change (their municipality or they themself verified, a role changed, another
 *   member on the phone) it no longer matches and the next pull starts again from the beginning of
 *   the feed, so documents filtered out under the old rights and readable now are not skipped for
 *   good; a checkpoint altered or cut on its way does not match either and starts over, so only
 *   the checks of feed-guard.ts decide about a checkpoint this server really issued;
 * - `database` is the identity of the store database the sequence came from (feed-guard.ts): a
 *   database deleted and recreated has another one, so its sequences are never mixed up;
 * - `anchor` names the last change read (its revision and document id), so the server can ask the
 *   store whether it still knows it: after a restore from an older backup it does not;
 * - the store's `sequence` is carried, never interpreted, except for its leading integer (CouchDB
 *   3's `12-g1AAAA…` and the embedded store's `12` alike), compared with the database's end;
 * - anything that does not parse (older formats, junk, objects turned into strings) parses to
 *   `null`, which every caller treats as "start over from the beginning": a phone can never wedge
 *   on a checkpoint, whatever it sends. Which checkpoints are then trusted is feed-guard.ts's job.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/permissions';

const SEPARATOR = '~';
/** A store sequence as CouchDB 2/3 (`N-<base64url>`) or an integer-sequence store (`N`) writes it. */
const SEQUENCE = /^\d+(?:-[\w-]+)?$/;
const REVISION = /^\d+-[0-9a-zA-Z]+$/;

/** A change of the feed: a revision of a document the store can be asked about. */
export type Anchor = { id: string; rev: string };

/** What a checkpoint says, once it parsed and was issued for the reader's rights. */
export type ParsedCheckpoint = { database: string; anchor: Anchor | null; seq: string };

/** A change as `_changes` reports it (a results row, or a line of the continuous feed). */
export type ChangeRow = { seq?: string | number; id?: string; changes?: { rev?: string }[]; doc?: { _rev?: string } };

/** A short fingerprint of everything `mayRead` asks of an actor. */
export function rightsKey(actor: Actor): string {
  const rights = [actor.memberId, actor.municipalityId, actor.role, actor.memberStatus, actor.municipalityVerified];
  return createHash('sha256').update(JSON.stringify(rights)).digest('base64url').slice(0, 12);
}

/** The change a row of `_changes` reports, or null when it names no revision. */
export function anchorOf(change: ChangeRow): Anchor | null {
  const rev = change.changes?.[0]?.rev ?? change.doc?._rev;
  return typeof change.id === 'string' && typeof rev === 'string' ? { id: change.id, rev } : null;
}

/**
 * Where a read of the feed stopped: the last change read and the store's sequence after it, as one
 * string (the changes hub hands it out with each batch; checkpointFor completes it).
 */
export function feedPosition(anchor: Anchor | null, seq: string | number): string {
  const anchorText = anchor ? `${anchor.rev}.${Buffer.from(anchor.id).toString('base64url')}` : '';
  return `${anchorText}${SEPARATOR}${String(seq)}`;
}

/** The checkpoint handed to `actor` for a position (feedPosition) in the database `database`. */
export function checkpointFor(actor: Actor, database: string, position: string): string {
  const body = `${database}${SEPARATOR}${position}`;
  return `${sealOf(actor, body)}${SEPARATOR}${body}`;
}

/** Binds a checkpoint's body to the reader's rights (not a secret: it catches mix-ups and damage, not forgery, which would only hurt the forger's own phone). */
function sealOf(actor: Actor, body: string): string {
  return createHash('sha256').update(`${rightsKey(actor)}${SEPARATOR}${body}`).digest('base64url').slice(0, 16);
}

/** The leading integer of a store sequence (NaN when it has none): comparable across both stores. */
export function sequenceNumber(seq: string | number): number {
  return parseInt(String(seq), 10);
}

/** What `actor`'s checkpoint says, or null when it must start over (not ours, not theirs, malformed). */
export function parseCheckpoint(actor: Actor, checkpoint: string): ParsedCheckpoint | null {
  const parts = checkpoint.split(SEPARATOR);
  if (parts.length !== 4) return null;
  const [seal, database, anchorText, seq] = parts as [string, string, string, string];
  if (seal !== sealOf(actor, parts.slice(1).join(SEPARATOR)) || database === '' || !SEQUENCE.test(seq)) return null;
  if (anchorText === '') return { database, anchor: null, seq };
  const dot = anchorText.indexOf('.');
  const rev = anchorText.slice(0, dot);
  const id = Buffer.from(anchorText.slice(dot + 1), 'base64url').toString();
  if (dot < 0 || !REVISION.test(rev) || id === '') return null;
  return { database, anchor: { id, rev }, seq };
}
