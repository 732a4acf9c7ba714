/**
 * Three-way, field-by-field merge used as RxDB's conflict handler for editable documents (needs,
 * offers, profiles). Inputs: the state the phone last saw from the server (the common base), the
 * server's current state, and the phone's new state.
 *
 * Guarantees:
 * - a field changed on one side only keeps that change;
 * - a field changed on both sides takes the value of the side with the later `updatedAt`; on equal
 *   stamps the larger JSON text wins, so every replica picks the same value whichever side it is on;
 * - a field may have its own rule (`fieldRules`), e.g. status transitions;
 * - fields whose values only make sense together (`fieldGroups`: a quantity and its unit) merge as
 *   one: a group changed on one side only comes whole from that side, so a merge never pairs one
 *   side's unit with the other side's quantity (schemas check them together, see QUANTITY_BY_UNIT);
 * - server-set fields come from the server's state; `updatedAt` is the larger of the two.
 */
import { jsonEqual, type WireDocument } from './documents';
import { SERVER_SET_FIELDS } from './schemas/meta';

/** Resolves a field changed on both sides; gets the values and which side is newer. */
export type FieldRule = (input: { base: unknown; master: unknown; local: unknown; localIsNewer: boolean }) => unknown;

export type MergeOptions = {
  fieldRules?: Readonly<Record<string, FieldRule>>;
  /** Fields merged as one value (e.g. `['quantity', 'unit']`); a field belongs to one group at most. */
  fieldGroups?: readonly (readonly string[])[];
};

const SKIPPED = new Set<string>([...SERVER_SET_FIELDS, 'id', 'updatedAt']);

function localWinsTie(master: WireDocument, local: WireDocument, masterValue: unknown, localValue: unknown): boolean {
  const masterStamp = master.updatedAt ?? 0;
  const localStamp = local.updatedAt ?? 0;
  if (localStamp !== masterStamp) return localStamp > masterStamp;
  return JSON.stringify(localValue ?? null) > JSON.stringify(masterValue ?? null);
}

/** Merges `local` into `master` relative to `base` (see the module header). */
export function mergeThreeWay<T extends WireDocument>(
  base: T | undefined,
  master: T,
  local: T,
  options: MergeOptions = {},
): T {
  const merged: Record<string, unknown> = { ...master };
  const groups = options.fieldGroups ?? [];
  const grouped = new Set(groups.flat());
  const keys = new Set([...Object.keys(master), ...Object.keys(local), ...Object.keys(base ?? {})]);
  const valueOf = (doc: T | undefined, key: string): unknown => {
    const group = groups.find((fields) => fields[0] === key);
    return group ? Object.fromEntries(group.map((field) => [field, doc?.[field]])) : doc?.[key];
  };
  const units = [...[...keys].filter((key) => !grouped.has(key)), ...groups.map((fields) => fields[0] ?? '')];
  for (const key of units) {
    if (SKIPPED.has(key)) continue;
    const baseValue = base === undefined ? undefined : valueOf(base, key);
    const masterValue = valueOf(master, key);
    const localValue = valueOf(local, key);
    if (jsonEqual(masterValue, localValue)) continue;
    const localChanged = base === undefined || !jsonEqual(localValue, baseValue);
    const masterChanged = base === undefined || !jsonEqual(masterValue, baseValue);
    let value: unknown = masterValue;
    if (localChanged && !masterChanged) value = localValue;
    else if (localChanged && masterChanged) {
      const localIsNewer = localWinsTie(master, local, masterValue, localValue);
      const rule = options.fieldRules?.[key];
      value = rule
        ? rule({ base: baseValue, master: masterValue, local: localValue, localIsNewer })
        : localIsNewer
          ? localValue
          : masterValue;
    }
    const group = groups.find((fields) => fields[0] === key);
    const assignments = group ? group.map((field) => [field, (value as Record<string, unknown>)[field]] as const) : [[key, value] as const];
    for (const [field, fieldValue] of assignments) {
      if (fieldValue === undefined) delete merged[field];
      else merged[field] = fieldValue;
    }
  }
  merged.updatedAt = Math.max(master.updatedAt ?? 0, local.updatedAt ?? 0);
  return merged as T;
}

/**
 * The merge base for a conflict that may involve this phone's own unanswered writes (a push whose
 * answer was lost may have been written). A field the server holds at a value this phone sent and
 * never heard back about counts as already the phone's own: the phone's later value of that field
 * is then a change on top of it (an undo, a correction), not a stale copy the server's would beat.
 */
export function rebaseOnUnanswered<T extends WireDocument>(base: T | undefined, master: T, unanswered: readonly T[]): T | undefined {
  if (unanswered.length === 0) return base;
  const rebased: Record<string, unknown> = { ...(base ?? {}) };
  const keys = new Set([...Object.keys(master), ...Object.keys(base ?? {}), ...unanswered.flatMap((sent) => Object.keys(sent))]);
  for (const key of keys) {
    if (SKIPPED.has(key)) continue;
    if (unanswered.some((sent) => jsonEqual(sent[key], master[key]))) {
      if (master[key] === undefined) delete rebased[key];
      else rebased[key] = master[key];
    }
  }
  return (base === undefined && Object.keys(rebased).length === 0 ? undefined : rebased) as T | undefined;
}
