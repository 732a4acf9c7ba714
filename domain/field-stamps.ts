/**
 * Per-field stamps: `fieldStamps` maps a field of an editable document to the hybrid-clock stamp
 * (domain/hlc.ts) of its last change. The three-way merge (merge.ts) decides a field changed on both
 * sides by these stamps rather than by the document's `updatedAt`, and tells its own earlier writes
 * from others' by them, so one phone's edit of a field is never beaten by an older value of that
 * field that merely sits in a document touched later (the loss the lossy-link property test found).
 *
 * Invariants:
 * - a field without a stamp has not changed since its document was created (or since stamps
 *   began, schema version 2 of needs and offers): it counts as older than any stamped value;
 * - a phone stamps only the fields it changes, with a stamp later than every stamp of the document
 *   it edited (`stampChanges`), so an edit always supersedes what its editor saw, whatever the
 *   clocks, also where fields merge as a group (a quantity and its unit take the later stamp of the two);
 * - the server clamps stamps from its future like `updatedAt`, and stamps on behalf of a build that
 *   does not know stamps yet (`stampPushed`), so every stored change has a stamp from then on.
 */
import { jsonEqual, type WireDocument } from './documents';
import { clampTimestamp } from './hlc';
import { SERVER_SET_FIELDS } from './schemas/meta';

/** The document field that holds the stamps. */
export const FIELD_STAMPS = 'fieldStamps';

/** Stamps by field name. */
export type FieldStamps = Partial<Record<string, number>>;

/** Fields that are never stamped: identity, the document stamp, server-set fields and the stamps themselves. */
export const UNSTAMPED_FIELDS: ReadonlySet<string> = new Set<string>([...SERVER_SET_FIELDS, 'id', 'updatedAt', '_deleted', FIELD_STAMPS]);

/** A stamp as the schema has it (an HLC timestamp). */
export const FIELD_STAMP_SCHEMA = { type: 'integer', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 } as const;

/** The schema of `fieldStamps` for a document with these editable fields (each optional). */
export function fieldStampsSchema<const Fields extends readonly string[]>(
  fields: Fields,
): { type: 'object'; additionalProperties: false; properties: { [Field in Fields[number]]: typeof FIELD_STAMP_SCHEMA } } {
  const properties = Object.fromEntries(fields.map((field) => [field, FIELD_STAMP_SCHEMA])) as { [Field in Fields[number]]: typeof FIELD_STAMP_SCHEMA };
  return { type: 'object', additionalProperties: false, properties };
}

/** The stamps of `doc` (empty when it has none). */
export function stampsOf(doc: object | undefined): FieldStamps {
  const stamps = (doc as Record<string, unknown> | undefined)?.[FIELD_STAMPS];
  return typeof stamps === 'object' && stamps !== null ? stamps : {};
}

/** The stamp of a field, or of a group of fields (the latest of theirs); undefined when none has one. */
export function stampOf(doc: object | undefined, fields: readonly string[]): number | undefined {
  const stamps = stampsOf(doc);
  let latest: number | undefined;
  for (const field of fields) {
    const stamp = stamps[field];
    if (typeof stamp === 'number' && (latest === undefined || stamp > latest)) latest = stamp;
  }
  return latest;
}

function editableFields(...docs: (object | undefined)[]): string[] {
  const fields = new Set<string>();
  // A removed optional field keeps its stamp: the removal is a change like any other.
  for (const doc of docs) for (const key of [...Object.keys(doc ?? {}), ...Object.keys(stampsOf(doc))]) if (!UNSTAMPED_FIELDS.has(key)) fields.add(key);
  return [...fields];
}

function withStamps<T extends object>(doc: T, stamps: FieldStamps): T {
  const copy = { ...doc } as Record<string, unknown>;
  if (Object.keys(stamps).length === 0) delete copy[FIELD_STAMPS];
  else copy[FIELD_STAMPS] = stamps;
  return copy as T;
}

/**
 * A phone's write: `next` with the stamps of `previous` (the document as stored before this write;
 * undefined for a new one), and `stamp` on each field whose value changed, raised above every stamp
 * `previous` holds (the clock observes what the phone shows before it writes). Stamps that `next` brings along (a form spreads the stored document)
 * are ignored: only a change earns a stamp. A new document gets none (see the module header).
 * Returns the document and the latest stamp it holds, for its `updatedAt`.
 */
export function stampChanges<T extends WireDocument>(previous: WireDocument | undefined, next: T, stamp: number): { doc: T; latest: number } {
  if (previous === undefined) return { doc: withStamps(next, {}), latest: stamp };
  const before = stampsOf(previous);
  const seen = Math.max(-1, ...Object.values(before).filter((value): value is number => typeof value === 'number'));
  const fieldStamp = Math.max(stamp, seen + 1);
  const stamps: FieldStamps = {};
  let latest = stamp;
  for (const field of editableFields(previous, next)) {
    if (jsonEqual(previous[field], next[field])) {
      if (before[field] !== undefined) stamps[field] = before[field];
      continue;
    }
    stamps[field] = fieldStamp;
    latest = Math.max(latest, fieldStamp);
  }
  return { doc: withStamps(next, stamps), latest };
}

/**
 * The caller's document rebased on the stored copy it is about to replace. A screen builds `next`
 * from the copy it showed (it spreads that document, stamps and `updatedAt` included), and a pull or
 * a merged conflict may have changed the stored copy since: a field the stored copy stamped later
 * than the shown copy did changed underneath, and `next` holds that field's older value only
 * because it was spread along, not because the member changed it. Stamped as a change (by
 * `stampChanges`, which compares with the stored copy) that leftover would carry the newest stamp
 * and undo another phone's later edit everywhere (the crash campaign, seed 578467062, lost a need's
 * urgency so: one phone's title edit, built a moment before a pull brought the other phone's
 * urgency, put the older urgency back). Such a field (a group of `groups`: as a whole) takes the
 * stored value. What `next` was built from: its stamps where it carries a `fieldStamps` object (a
 * field it carries none for is older than any stamp), else its `updatedAt` (no stored stamp of its
 * copy was later); with neither, nothing tells and `next` is taken as it is. A field changed on
 * both sides in that window keeps the stored, later-stamped value, as the merge would for a
 * concurrent edit of the same field (merge.ts).
 */
export function rebaseOnStored<T extends WireDocument>(stored: WireDocument | undefined, next: T, groups: readonly (readonly string[])[] = []): T {
  if (stored === undefined) return next;
  const carriesStamps = typeof (next as Record<string, unknown>)[FIELD_STAMPS] === 'object';
  const builtAt = typeof next.updatedAt === 'number' ? next.updatedAt : undefined;
  if (!carriesStamps && builtAt === undefined) return next;
  const shown = stampsOf(next);
  const held = stampsOf(stored);
  const changedSince = (field: string): boolean => {
    const stamp = held[field];
    if (stamp === undefined) return false;
    return carriesStamps ? stamp > (shown[field] ?? -1) : stamp > (builtAt ?? Number.POSITIVE_INFINITY);
  };
  const grouped = new Set(groups.flat());
  const units = [...editableFields(stored, next).filter((field) => !grouped.has(field)).map((field) => [field]), ...groups];
  const rebased = { ...next } as Record<string, unknown>;
  for (const unit of units) {
    if (!unit.some(changedSince)) continue;
    for (const field of unit) {
      if (stored[field] === undefined) delete rebased[field];
      else rebased[field] = stored[field];
    }
  }
  return rebased as T;
}

/**
 * Whether `incoming`, a server state of a document, is older than `held`, the phone's copy: `held`
 * is stamped later as a document, no field of `incoming` is stamped later than in `held`, and every
 * field where they differ is stamped later in `held`. A server state read before the phone's own
 * later push was answered can reach the phone after it (RxDB holds stream events while a push is
 * out); stored, it would take the phone back to that state until the next event (the link-fault
 * campaign, seed 1465469614, lost an edit made on such a copy). Where nothing tells (a field they
 * differ on with no stamp on either side, a deletion on one side only), it is not older.
 */
export function isOlderState(incoming: WireDocument, held: WireDocument): boolean {
  if ((incoming._deleted === true) !== (held._deleted === true)) return false;
  if ((held.updatedAt ?? 0) <= (incoming.updatedAt ?? 0)) return false;
  const incomingStamps = stampsOf(incoming);
  const heldStamps = stampsOf(held);
  for (const field of editableFields(incoming, held)) {
    const incomingStamp = incomingStamps[field] ?? -1;
    const heldStamp = heldStamps[field] ?? -1;
    if (incomingStamp > heldStamp) return false;
    if (incomingStamp === heldStamp && !jsonEqual(incoming[field], held[field])) return false;
  }
  return true;
}

/**
 * The server's side of stamps, for a pushed document about to be written over `stored`:
 * - every stamp from more than the allowed skew in the server's future becomes the server's time
 *   (as `updatedAt` does, so a phone whose clock runs ahead cannot win every later merge);
 * - a push from a build that knows no stamps (`trustsStamps` false: the previous schema version)
 *   keeps the stored stamps for the fields it left alone and gets its (clamped) `updatedAt` on each
 *   field it changed; any stamps it carries are copies of what it pulled and say nothing;
 * - a push that trusts stamps but changed a field without stamping it (an edit made before the
 *   update and migrated) gets the same stamp for that field.
 */
export function stampPushed<T extends WireDocument>(stored: WireDocument | undefined, pushed: T, serverNow: number, trustsStamps: boolean): T {
  const clamp = (stamp: number) => clampTimestamp(stamp, serverNow);
  const pushedStamp = clamp(pushed.updatedAt ?? 0);
  const storedStamps = stampsOf(stored);
  const own = trustsStamps ? stampsOf(pushed) : {};
  const stamps: FieldStamps = {};
  for (const field of editableFields(stored, pushed)) {
    const changed = stored === undefined || !jsonEqual(stored[field], pushed[field]);
    const claimed = own[field];
    if (claimed !== undefined) stamps[field] = clamp(claimed);
    else if (changed && stored !== undefined) stamps[field] = pushedStamp;
    else if (!changed && storedStamps[field] !== undefined) stamps[field] = storedStamps[field];
  }
  return withStamps(pushed, stamps);
}
