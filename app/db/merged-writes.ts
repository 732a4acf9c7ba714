/**
 * Edits of this phone that the conflict handler merged with a different edit on the server, kept per
 * device (one RxDB local document, never synced) so each record can say "merged with an edit from …:
 * status, quantity" until the member dismisses it or `MERGED_SHOWN_DAYS` have passed.
 * Guarantees:
 * - a merge is recorded only when the server's state changed a field of the phone's edit (a field
 *   the server holds at a value other than the common base and other than the phone's); a server
 *   that holds exactly what the phone sent (an echo) records nothing;
 * - one entry per document (`collection/id`), the newest merge replacing older ones; writes of the
 *   local document are serialised per database, so two quick merges never lose one another;
 * - entries older than `MERGED_SHOWN_DAYS` are neither shown nor kept.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { CollectionName } from '../../domain/collections';
import { jsonEqual, type WireDocument } from '../../domain/documents';
import { FIELD_STAMPS } from '../../domain/field-stamps';
import { SERVER_SET_FIELDS } from '../../domain/schemas/meta';

/** How long a merge stays shown on its record unless the member dismisses it. */
export const MERGED_SHOWN_DAYS = 7;
const SHOWN_MS = MERGED_SHOWN_DAYS * 24 * 60 * 60 * 1000;

/** The id of the local document holding the merges. */
export const MERGED_WRITES_ID = 'merged-writes';

/** One merge of the phone's edit with another edit, as recorded. */
export type MergedWrite = {
  /** When the phone merged (its clock, ms). */
  at: number;
  /** Fields the other side changed whose value the phone now shows (theirs won or only they changed it). */
  fields: string[];
  /** Every field the other side changed that differed from the phone's edit (`fields` plus those the phone's newer edit kept). */
  theirFields: string[];
  /** Who wrote the server's state (member id), when the server said. */
  by?: string;
  /** The municipality of the record (for needs and offers, the one whose members edit it). */
  municipalityId?: string;
};

type MergedData = { items: Record<string, MergedWrite> };

// The field stamps are bookkeeping of the merge, not a field anyone edited: never shown as merged.
const IGNORED = new Set<string>([...SERVER_SET_FIELDS, 'id', 'updatedAt', '_deleted', '_meta', '_rev', '_attachments', FIELD_STAMPS]);

/**
 * What the other side's edit changed of the phone's (pure): the fields where the server's state
 * (`master`) moved away from the common `base` to a value the phone's state (`local`) does not hold,
 * and of those the ones the merged state takes from the server. With no base (both sides created
 * the document), every field where the two differ counts as changed by the other side.
 */
export function mergedFieldsOf(
  base: WireDocument | undefined,
  master: WireDocument,
  local: WireDocument,
  merged: WireDocument,
): { fields: string[]; theirFields: string[] } {
  const keys = new Set([...Object.keys(master), ...Object.keys(local), ...Object.keys(base ?? {})]);
  const theirFields = [...keys].filter(
    (key) => !IGNORED.has(key) && !jsonEqual(master[key], local[key]) && (base === undefined || !jsonEqual(master[key], base[key])),
  );
  const fields = theirFields.filter((key) => jsonEqual(merged[key], master[key]));
  return { fields, theirFields };
}

/** What a database needs for merge bookkeeping: its local documents, read reactively. */
export type MergedWritesHolder = {
  readonly closed: boolean;
  getLocal(id: string): Promise<{ toJSON(): { data: unknown } } | null>;
  upsertLocal(id: string, data: Record<string, unknown>): Promise<unknown>;
  getLocal$(id: string): Observable<{ toJSON(): { data: unknown } } | null>;
};

/** The merges recorded on one database, in memory for synchronous lookups (cards) and as they change. */
export class MergedWrites {
  private readonly subject = new BehaviorSubject<Readonly<Record<string, MergedWrite>>>({});
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly holder: MergedWritesHolder) {
    holder.getLocal$(MERGED_WRITES_ID).subscribe({
      next: (doc) => this.subject.next(doc ? (doc.toJSON().data as MergedData).items : {}),
      // A closed database ends the stream; what was read stays valid for a last render.
      error: () => this.subject.complete(),
    });
  }

  /** Every shown merge (`collection/id` → merge), as it changes. */
  get items$(): Observable<Readonly<Record<string, MergedWrite>>> {
    return this.subject.asObservable();
  }

  /** The shown merge of `collection/id`, if any (none once `MERGED_SHOWN_DAYS` have passed). */
  find(collection: CollectionName, id: string, now = Date.now()): MergedWrite | undefined {
    const item = this.subject.value[keyOf(collection, id)];
    return item && now - item.at < SHOWN_MS ? item : undefined;
  }

  /** Records (replacing an older one) the merge of `collection/id`; drops expired entries. */
  record(collection: CollectionName, id: string, item: MergedWrite): Promise<void> {
    return this.update((items) => ({ ...items, [keyOf(collection, id)]: item }), item.at);
  }

  /** The member has read it: no longer shown. */
  dismiss(collection: CollectionName, id: string): Promise<void> {
    return this.update((items) => {
      const { [keyOf(collection, id)]: _dismissed, ...rest } = items;
      return rest;
    });
  }

  private update(change: (items: Record<string, MergedWrite>) => Record<string, MergedWrite>, now = Date.now()): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.holder.closed) return;
      const stored = await this.holder.getLocal(MERGED_WRITES_ID);
      const current = stored ? (stored.toJSON().data as MergedData).items : {};
      const next = Object.fromEntries(Object.entries(change({ ...current })).filter(([, item]) => now - item.at < SHOWN_MS));
      await this.holder.upsertLocal(MERGED_WRITES_ID, { items: next } satisfies MergedData);
    });
    // The caller sees a failure through `run`; the queue itself keeps going.
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function keyOf(collection: CollectionName, id: string): string {
  return `${collection}/${id}`;
}

const byHolder = new WeakMap<MergedWritesHolder, MergedWrites>();

/** The merge bookkeeping of a database (one per database, created on first use). */
export function mergedWritesOf(holder: MergedWritesHolder): MergedWrites {
  let merged = byHolder.get(holder);
  if (!merged) {
    merged = new MergedWrites(holder);
    byHolder.set(holder, merged);
  }
  return merged;
}

/**
 * Records the merge of a conflict when the other side's edit changed something of the phone's
 * (see `mergedFieldsOf`); answers whether it did. For the conflict handler, and for any other place
 * that merges the phone's edit with the server's (a push whose answer was lost).
 */
export async function recordMerge(
  holder: MergedWritesHolder,
  collection: CollectionName,
  input: { base: WireDocument | undefined; master: WireDocument; local: WireDocument; merged: WireDocument },
  now = Date.now(),
): Promise<boolean> {
  const { fields, theirFields } = mergedFieldsOf(input.base, input.master, input.local, input.merged);
  if (theirFields.length === 0) return false;
  const by = (input.master.meta as { updatedBy?: unknown } | undefined)?.updatedBy;
  const municipalityId = input.master.municipalityId;
  await mergedWritesOf(holder).record(collection, input.master.id, {
    at: now,
    fields,
    theirFields,
    ...(typeof by === 'string' ? { by } : {}),
    ...(typeof municipalityId === 'string' ? { municipalityId } : {}),
  });
  return true;
}
