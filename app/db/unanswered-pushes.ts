/**
 * States of documents this phone pushed without hearing back (a timeout, a cut connection): the
 * server may have written them. The push (replication.ts) records them; the conflict handler
 * (database.ts) merges a later conflict of the same document against a base that counts them as
 * the phone's own (domain/merge.ts `rebaseOnUnanswered`): merged against the older base, an undo
 * of an unanswered edit would look like "no change" and be lost. Kept in memory, per database and
 * collection: after a reload nothing is in doubt that a plain merge would get wrong, as the phone
 * pulls what the server holds before it pushes again.
 *
 * Guarantees: a state counts as unanswered from the moment it is sent until an answer says what
 * became of it; a conflict keeps the states sent before the conflicting one (the conflict itself
 * is an answer for that one), and the merge that resolves the conflict uses them up.
 */
import type { CollectionName } from '../../domain/collections';
import { sameContent, type WireDocument } from '../../domain/documents';

/** More unanswered states of one document than this are not kept: the oldest go first. */
const MAX_STATES = 10;

export class UnansweredPushes {
  private readonly states = new Map<string, WireDocument[]>();

  /** The states of `id` sent without an answer. */
  of(id: string): readonly WireDocument[] {
    return this.states.get(id) ?? [];
  }

  /** `docs` are being sent. */
  sending(docs: readonly WireDocument[]): void {
    for (const doc of docs) {
      const states = this.of(doc.id);
      if (!states.some((state) => sameContent(state, doc))) this.states.set(doc.id, [...states, doc].slice(-MAX_STATES));
    }
  }

  /**
   * The server answered for `docs`. Written or refused, nothing of the document is in doubt any
   * more; for a conflict (`conflictIds`) the states sent before stay until the merge uses them.
   */
  answered(docs: readonly WireDocument[], before: ReadonlyMap<string, readonly WireDocument[]>, conflictIds: ReadonlySet<string>): void {
    for (const doc of docs) {
      const earlier = before.get(doc.id) ?? [];
      if (conflictIds.has(doc.id) && earlier.length > 0) this.states.set(doc.id, [...earlier]);
      else this.states.delete(doc.id);
    }
  }

  /** The states of `id` for a merge, which then needs them no more. */
  take(id: string): readonly WireDocument[] {
    const states = this.of(id);
    this.states.delete(id);
    return states;
  }
}

const byDatabase = new WeakMap<object, Map<CollectionName, UnansweredPushes>>();

/** The unanswered pushes of one collection of a database (created on first use). */
export function unansweredPushesOf(database: object, collection: CollectionName): UnansweredPushes {
  let collections = byDatabase.get(database);
  if (!collections) {
    collections = new Map();
    byDatabase.set(database, collections);
  }
  let pushes = collections.get(collection);
  if (!pushes) {
    pushes = new UnansweredPushes();
    collections.set(collection, pushes);
  }
  return pushes;
}
