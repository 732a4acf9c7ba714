/**
 * Status machines shared by needs and offers: a table of allowed moves, and the merge rule for a
 * status changed on two phones at once. The rule is symmetric in its two sides (it only asks which
 * edit is newer), so every replica that merges the same pair picks the same status.
 */
import type { FieldRule } from '../merge';

/** Which statuses each status may move to (staying put is always allowed). */
export type Transitions<Status extends string> = Readonly<Record<Status, readonly Status[]>>;

/** True when `to` may directly follow `from` in `transitions`. */
export function canMove<Status extends string>(transitions: Transitions<Status>, from: Status, to: Status): boolean {
  return from === to || transitions[from].includes(to);
}

/**
 * True when some sequence of allowed moves leads from `from` to `to` (the transition table's
 * closure). A push carries the net result of every move a phone made offline, so this, not
 * `canMove`, is what the server can check.
 */
export function canReach<Status extends string>(transitions: Transitions<Status>, from: Status, to: Status): boolean {
  const seen = new Set<Status>([from]);
  const queue: Status[] = [from];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    if (status === to) return true;
    for (const next of transitions[status] ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

/**
 * The merge rule for a status changed on both sides: replay the two edits in time order. The older
 * one happened first; the newer one applies when some sequence of legal moves leads to it from the
 * older one (`canReach`, the closure the server also accepts on push), otherwise the older one
 * stands. A merge so never yields a status that no sequence of legal single moves explains.
 *
 * The closure, not a single move: with a stale merge base (an answer lost on the link) the "older"
 * side may be a status the newer edit's phone had already moved on from in several steps (closed →
 * open → fulfilled); judging that by one move would silently revert the phone's own later edit
 * (found by tests/chaos/concurrent-edits.test.ts).
 */
export function statusMergeRule<Status extends string>(transitions: Transitions<Status>): FieldRule {
  return ({ master, local, localIsNewer }) => {
    const newer = (localIsNewer ? local : master) as Status;
    const older = (localIsNewer ? master : local) as Status;
    return canReach(transitions, older, newer) ? newer : older;
  };
}
