/**
 * Three-way, field-by-field merge used as RxDB's conflict handler for editable documents (needs,
 * offers, profiles). Inputs: the state the phone last saw from the server (the common base), the
 * server's current state, and the phone's new state.
 *
 * Guarantees:
 * - a field changed on one side only keeps that change;
 * - a field changed on both sides takes the value of the side with the later stamp; on equal
 *   stamps the larger JSON text wins, so every replica picks the same value whichever side it is on;
 * - stamps are per field where the documents carry them (`fieldStamps`, field-stamps.ts): "changed"
 *   then means "stamped differently from the base", and "later" compares the field's own stamps,
 *   so an older value of a field never beats a newer one just because its document was touched
 *   later, and an undo (same value, new stamp) is a change. A field no side has stamped is merged
 *   as before stamps: changed means a value different from the base's, later means the later
 *   document `updatedAt`;
 * - a field may have its own rule (`fieldRules`), e.g. status transitions;
 * - fields whose values only make sense together (`fieldGroups`: a quantity and its unit) merge as
 *   one: a group changed on one side only comes whole from that side, so a merge never pairs one
 *   side's unit with the other side's quantity (schemas check them together, see QUANTITY_BY_UNIT);
 * - server-set fields come from the server's state; `updatedAt` is the larger of the two; each field's
 *   stamp comes with the value the merge kept (the later one where both sides hold the same value);
 *   a group's member that the kept side never stamped but that differs from the other side's takes
 *   the group's stamp, so every field a merge changes is stamped by an edit, never by the server.
 */
import { jsonEqual, type WireDocument } from './documents';
import { FIELD_STAMPS, stampOf, stampsOf, type FieldStamps } from './field-stamps';
import { SERVER_SET_FIELDS } from './schemas/meta';

/** Resolves a field changed on both sides; gets the values and which side is newer. */
export type FieldRule = (input: { base: unknown; master: unknown; local: unknown; localIsNewer: boolean }) => unknown;

export type MergeOptions = {
  fieldRules?: Readonly<Record<string, FieldRule>>;
  /** Fields merged as one value (e.g. `['quantity', 'unit']`); a field belongs to one group at most. */
  fieldGroups?: readonly (readonly string[])[];
};

const SKIPPED = new Set<string>([...SERVER_SET_FIELDS, 'id', 'updatedAt', FIELD_STAMPS]);

function localWinsTie(masterStamp: number, localStamp: number, masterValue: unknown, localValue: unknown): boolean {
  if (localStamp !== masterStamp) return localStamp > masterStamp;
  return JSON.stringify(localValue ?? null) > JSON.stringify(masterValue ?? null);
}

/** Which sides changed a unit since the base, and whether local's value is the newer one. */
type Verdict = { localChanged: boolean; masterChanged: boolean; localIsNewer: boolean };

function judgeUnit<T extends WireDocument>(fields: readonly string[], base: T | undefined, master: T, local: T, values: { base: unknown; master: unknown; local: unknown }): Verdict {
  const masterStamp = stampOf(master, fields);
  const localStamp = stampOf(local, fields);
  if (masterStamp === undefined && localStamp === undefined) {
    // Neither side stamped this field: as before stamps, by value against the base and by document stamp.
    return {
      localChanged: base === undefined || !jsonEqual(values.local, values.base),
      masterChanged: base === undefined || !jsonEqual(values.master, values.base),
      localIsNewer: localWinsTie(master.updatedAt ?? 0, local.updatedAt ?? 0, values.master, values.local),
    };
  }
  // An unstamped value predates every stamped one (field-stamps.ts): a side that holds none where
  // the base holds one did not change the field (every edit stamps it); it holds an older copy (a
  // phone whose copy went back to an older server state for a moment, the link-fault campaign,
  // seed 1465469614), which must not count as an edit and beat the value the base had.
  // For the same reason a side stamped before the base is an older copy too: every edit stamps
  // past every stamp of the copy it was made on (stampChanges), so a change made since the base
  // carries a later stamp. The base may be newer than the server's state: RxDB takes the phone's
  // own copy as the server's when a pulled state proves older (replication.ts `newerThanHeld`)
  // while the server has not yet received the phone's push (the crash campaign, CI seed
  // 696053204: the server's older urgency beat the phone's later one and an edit was lost).
  const baseStamp = base === undefined ? undefined : stampOf(base, fields);
  const changed = (stamp: number | undefined) =>
    base === undefined || (stamp !== baseStamp && !(baseStamp !== undefined && (stamp === undefined || stamp < baseStamp)));
  return {
    localChanged: changed(localStamp),
    masterChanged: changed(masterStamp),
    localIsNewer: localWinsTie(masterStamp ?? -1, localStamp ?? -1, values.master, values.local),
  };
}

/** Merges `local` into `master` relative to `base` (see the module header). */
export function mergeThreeWay<T extends WireDocument>(
  base: T | undefined,
  master: T,
  local: T,
  options: MergeOptions = {},
): T {
  const merged: Record<string, unknown> = { ...master };
  const stamps: FieldStamps = { ...stampsOf(master) };
  const groups = options.fieldGroups ?? [];
  const grouped = new Set(groups.flat());
  const keys = new Set([master, local, base].flatMap((doc) => [...Object.keys(doc ?? {}), ...Object.keys(stampsOf(doc))]));
  const valueOf = (doc: T | undefined, key: string): unknown => {
    const group = groups.find((fields) => fields[0] === key);
    return group ? Object.fromEntries(group.map((field) => [field, doc?.[field]])) : doc?.[key];
  };
  const units = [...[...keys].filter((key) => !grouped.has(key)), ...groups.map((fields) => fields[0] ?? '')];
  for (const key of units) {
    if (SKIPPED.has(key)) continue;
    const group = groups.find((fields) => fields[0] === key);
    const fields = group ?? [key];
    const baseValue = base === undefined ? undefined : valueOf(base, key);
    const masterValue = valueOf(master, key);
    const localValue = valueOf(local, key);
    if (jsonEqual(masterValue, localValue)) {
      // Same value on both sides: its stamp merges three-way too. A side that kept the base's stamp
      // takes the other's (the server clamped this phone's stamp: the phone must not push the
      // unclamped one again); if both moved it, the later one (the same on every replica).
      for (const field of fields) {
        const baseStamp = base === undefined ? undefined : stampsOf(base)[field];
        const masterStamp = stampsOf(master)[field];
        const localStamp = stampsOf(local)[field];
        const kept =
          base !== undefined && localStamp === baseStamp
            ? masterStamp
            : base !== undefined && masterStamp === baseStamp
              ? localStamp
              : Math.max(masterStamp ?? -1, localStamp ?? -1);
        if (kept === undefined || kept < 0) delete stamps[field];
        else stamps[field] = kept;
      }
      continue;
    }
    const { localChanged, masterChanged, localIsNewer } = judgeUnit(fields, base, master, local, { base: baseValue, master: masterValue, local: localValue });
    let value: unknown = masterValue;
    if (localChanged && !masterChanged) value = localValue;
    else if (localChanged === masterChanged) {
      // Both changed it (or, with stamps, neither seems to: a stale base); the rule or the newer one decides.
      const rule = options.fieldRules?.[key];
      value = rule
        ? rule({ base: baseValue, master: masterValue, local: localValue, localIsNewer })
        : localIsNewer
          ? localValue
          : masterValue;
    }
    const assignments = group ? group.map((field) => [field, (value as Record<string, unknown>)[field]] as const) : [[key, value] as const];
    for (const [field, fieldValue] of assignments) {
      if (fieldValue === undefined) delete merged[field];
      else merged[field] = fieldValue;
    }
    // The stamps travel with the value kept. A group kept whole from one side lends its stamp (the
    // latest of its fields there) to a member that side never stamped but which differs from the
    // other side's: left unstamped, the server would stamp that member on push with the document's
    // `updatedAt`, a stamp of some other edit (another phone's, as clocks tie), and a later edit of
    // the field stamped the same would then tie with this value and could lose to it (the
    // concurrent-edits campaign, seed 835462286, lost a quantity edit so). Either side lends, so the
    // merge stays the same whichever side runs it.
    const fromLocal = jsonEqual(value, localValue) && !jsonEqual(value, masterValue);
    const [from, other] = fromLocal ? [local, master] : [master, local];
    const groupStamp = group ? stampOf(from, group) : undefined;
    for (const field of fields) {
      const lent = groupStamp !== undefined && !jsonEqual(from[field], other[field]) ? groupStamp : undefined;
      const stamp = stampsOf(from)[field] ?? lent;
      if (stamp === undefined) delete stamps[field];
      else stamps[field] = stamp;
    }
  }
  if (Object.keys(stamps).length > 0) merged[FIELD_STAMPS] = stamps;
  else delete merged[FIELD_STAMPS];
  merged.updatedAt = Math.max(master.updatedAt ?? 0, local.updatedAt ?? 0);
  return merged as T;
}

/**
 * The merge base for a conflict that may involve this phone's own unanswered writes (a push whose
 * answer was lost may have been written). A field the server holds as this phone sent it and never
 * heard back about counts as already the phone's own: the phone's later value of that field is
 * then a change on top of it (an undo, a correction), not a stale copy the server's would beat.
 * "As sent" means the same value and the same stamp: a value someone set again later (the same
 * text, a newer stamp) is theirs, not a leftover of this phone's old push.
 */
export function rebaseOnUnanswered<T extends WireDocument>(base: T | undefined, master: T, unanswered: readonly T[]): T | undefined {
  if (unanswered.length === 0) return base;
  const rebased: Record<string, unknown> = { ...(base ?? {}) };
  const stamps: FieldStamps = { ...stampsOf(base) };
  const keys = new Set([master, base, ...unanswered].flatMap((doc) => [...Object.keys(doc ?? {}), ...Object.keys(stampsOf(doc))]));
  const masterStamps = stampsOf(master);
  for (const key of keys) {
    if (SKIPPED.has(key)) continue;
    if (unanswered.some((sent) => jsonEqual(sent[key], master[key]) && stampsOf(sent)[key] === masterStamps[key])) {
      if (master[key] === undefined) delete rebased[key];
      else rebased[key] = master[key];
      const stamp = masterStamps[key];
      if (stamp === undefined) delete stamps[key];
      else stamps[key] = stamp;
    }
  }
  if (Object.keys(stamps).length > 0) rebased[FIELD_STAMPS] = stamps;
  else delete rebased[FIELD_STAMPS];
  return (base === undefined && Object.keys(rebased).length === 0 ? undefined : rebased) as T | undefined;
}
