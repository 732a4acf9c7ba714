/**
 * Carrying a document from an older schema version to the current one, with the very strategies
 * RxDB runs on the phone (domain/schemas/migration-strategies.ts): the server uses it for documents
 * pushed by a build that has not updated yet. Pure.
 *
 * Rollout window: a collection accepts its current version and the one before (ACCEPTED_VERSIONS_BACK);
 * a phone more than one version behind has had a whole release cycle to reload, and its pushes are
 * refused as `invalid-document` until it does. The window ends when the next schema version ships.
 */
import { COLLECTIONS, type CollectionName, type CollectionSpec } from './collections';
import type { MigrationStrategy } from './schemas/migration-strategies';
import { validateDocument, type FieldError } from './validation';

/** How many versions before the current one the server still migrates and accepts. */
export const ACCEPTED_VERSIONS_BACK = 1;

/** The schema version documents of `collection` have on a phone running this build. */
export function currentVersion(collection: CollectionName): number {
  return COLLECTIONS[collection].schema.version;
}

function strategiesOf(collection: CollectionName): Readonly<Record<number, MigrationStrategy>> {
  const spec: Pick<CollectionSpec<unknown>, 'migrationStrategies'> & Pick<(typeof COLLECTIONS)[typeof collection], 'schema'> = COLLECTIONS[collection];
  return spec.migrationStrategies ?? {};
}

export type MigrationResult =
  | { ok: true; document: Record<string, unknown> }
  | { ok: false; reason: 'version-too-old' | 'version-too-new' | 'not-a-version' };

/**
 * `doc`, written under schema version `fromVersion` of `collection`, as a document of the current
 * version: each strategy from `fromVersion + 1` up to the current version applied in turn. Versions
 * older than the rollout window, newer than this build knows, or not whole numbers are refused.
 */
export function migrateToCurrent(collection: CollectionName, doc: Record<string, unknown>, fromVersion: number): MigrationResult {
  const current = currentVersion(collection);
  if (!Number.isInteger(fromVersion) || fromVersion < 0) return { ok: false, reason: 'not-a-version' };
  if (fromVersion > current) return { ok: false, reason: 'version-too-new' };
  if (fromVersion < current - ACCEPTED_VERSIONS_BACK) return { ok: false, reason: 'version-too-old' };
  const strategies = strategiesOf(collection);
  let document = doc;
  for (let version = fromVersion + 1; version <= current; version++) {
    const step = strategies[version];
    // RxDB refuses to open a collection with a missing step (error COL13), so this cannot happen for a built app.
    if (!step) throw new Error(`No migration strategy to version ${version} of ${collection}`);
    document = step(document);
  }
  return { ok: true, document };
}

/**
 * The versions a document that does not say its own may have been written under, newest first:
 * the current one, then each older one inside the rollout window. The server tries them in turn
 * and keeps the first under which the migrated document is valid (with additive steps, the current
 * one already is).
 */
export function candidateVersions(collection: CollectionName): number[] {
  const current = currentVersion(collection);
  const versions: number[] = [];
  for (let version = current; version >= Math.max(0, current - ACCEPTED_VERSIONS_BACK); version--) versions.push(version);
  return versions;
}

export type PushedDocumentCheck = { ok: true; document: Record<string, unknown> } | { ok: false; message: string; errors: FieldError[] };

/**
 * A pushed document (without server-set fields), written under `version` or under a version it does
 * not say, as a valid document of the current version, or why not. A stated version is migrated
 * from; without one, each version of the rollout window is tried, newest first (see
 * `candidateVersions`), and the errors reported are those against the current schema.
 */
export function toCurrentVersion(collection: CollectionName, content: Record<string, unknown>, version: number | undefined): PushedDocumentCheck {
  const schema = COLLECTIONS[collection].schema;
  const invalid = `The ${collection} document does not match its schema`;
  if (version !== undefined) {
    const migrated = migrateToCurrent(collection, content, version);
    if (!migrated.ok) {
      const message = `Schema version ${String(version)} of ${collection} is not accepted (${migrated.reason}); this server takes versions ${candidateVersions(collection).join(', ')}: update the app`;
      return { ok: false, message, errors: [{ field: '', message, keyword: 'version' }] };
    }
    const errors = validateDocument(schema, migrated.document);
    return errors.length === 0 ? { ok: true, document: migrated.document } : { ok: false, message: invalid, errors };
  }
  let firstErrors: FieldError[] | undefined;
  for (const candidate of candidateVersions(collection)) {
    const migrated = migrateToCurrent(collection, content, candidate);
    if (!migrated.ok) continue;
    const errors = validateDocument(schema, migrated.document);
    if (errors.length === 0) return { ok: true, document: migrated.document };
    firstErrors ??= errors;
  }
  return { ok: false, message: invalid, errors: firstErrors ?? [] };
}
