/**
 * How a document of one schema version becomes one of the next, per collection: RxDB runs these on
 * the phone when a new build opens an older database (`migrationStrategies` of the collection
 * specs), and the server runs the same functions on documents pushed under an older version
 * (domain/migrations.ts `migrateToCurrent`). Keyed by the version they migrate TO; pure, total,
 * and never dropping a field the user wrote.
 *
 * Rollout window: the server accepts documents of the current version and of the one before it.
 * A strategy added here must stay until the version after next ships (then clients of two versions
 * ago are refused with `invalid-document` and must update); as long as every step is additive, as
 * all are so far, a document from the previous version is also valid as it is, so a push that does
 * not say its version is judged correctly either way.
 */

/** One step: a document of version N-1 as stored, to version N. */
export type MigrationStrategy = (old: Record<string, unknown>) => Record<string, unknown>;

/** A document valid under the previous version is valid as it is: the step only raised the version. */
const unchanged: MigrationStrategy = (old) => old;

export const MIGRATION_STRATEGIES = {
  // v1 (issue 11): optional `photoIds`, photos of the need or offer.
  // v2 (issue 13): optional `fieldStamps`. An older document has none: its fields count as older
  // than any stamped change, and the server stamps the fields a previous-version push changes
  // (domain/field-stamps.ts `stampPushed`), so nothing needs rewriting here.
  needs: { 1: unchanged, 2: unchanged },
  offers: { 1: unchanged, 2: unchanged },
  // v1 (issue 13): optional `fieldStamps`, as needs and offers got at their v2: profile edits by two
  // coordinators, or a coordinator and a moderator, merge field by field. Nothing to rewrite (same
  // reasoning as needs v2).
  municipalities: { 1: unchanged },
  // v1 (issue 10): optional dispatch details.
  pledge_events: { 1: unchanged },
} as const satisfies Readonly<Record<string, Readonly<Record<number, MigrationStrategy>>>>;
