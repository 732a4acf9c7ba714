/**
 * Schema version 1 of municipalities (per-field stamps): the frozen version 0 (tests/fixtures/schema-v0),
 * the strategy RxDB runs on the phone and the server runs on pushes from a build not yet updated
 * (domain/schemas/migration-strategies.ts), and the rollout window (current and previous version).
 */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, hasFieldStamps } from '../../domain/collections';
import { candidateVersions, currentVersion, migrateToCurrent, toCurrentVersion } from '../../domain/migrations';
import { MUNICIPALITY_STAMPED_FIELDS } from '../../domain/schemas/municipality';
import { MIGRATION_STRATEGIES } from '../../domain/schemas/migration-strategies';
import { validateDocument } from '../../domain/validation';
import { makeMunicipality } from '../support/factories';
import MUNICIPALITY_SCHEMA_V0 from '../fixtures/schema-v0/municipality.json';

/** A profile as a version 0 phone holds it: every optional field set, no stamps. */
const v0Municipality = (): Record<string, unknown> => ({
  ...makeMunicipality({ profile: 'Столиця.', profileLanguage: 'uk', verification: { status: 'rejected', reason: 'Документи не підтверджено' } }),
  meta: { createdAt: 1, createdBy: 'member-olena-01', serverUpdatedAt: 2 },
});

describe('schema version 1 of municipalities', () => {
  it('is the current version, one step after the frozen version 0', () => {
    expect(currentVersion('municipalities')).toBe(1);
    expect(MUNICIPALITY_SCHEMA_V0.version).toBe(0);
  });

  it('adds only the optional fieldStamps to version 0', () => {
    const { fieldStamps, ...rest } = COLLECTIONS.municipalities.schema.properties as Record<string, unknown>;
    expect(fieldStamps).toMatchObject({ type: 'object', additionalProperties: false });
    expect(JSON.parse(JSON.stringify(rest))).toEqual(MUNICIPALITY_SCHEMA_V0.properties);
    expect(COLLECTIONS.municipalities.schema.required).toEqual(MUNICIPALITY_SCHEMA_V0.required);
  });

  it('has a stamp for every field anyone edits, verification included, so no change goes unstamped', () => {
    const editable = Object.keys(COLLECTIONS.municipalities.schema.properties).filter((field) => !['id', 'updatedAt', 'fieldStamps', 'meta'].includes(field));
    expect([...MUNICIPALITY_STAMPED_FIELDS].sort()).toEqual(editable.sort());
    expect(hasFieldStamps('municipalities')).toBe(true);
  });

  it('is migrated by the strategy the collection spec hands to RxDB', () => {
    expect(COLLECTIONS.municipalities.migrationStrategies).toBe(MIGRATION_STRATEGIES.municipalities);
    expect(COLLECTIONS.municipalities.migrationStrategies[1]).toBeTypeOf('function');
  });

  it('a valid version 0 document is valid under version 0 and, migrated, under version 1', () => {
    const doc = v0Municipality();
    expect(validateDocument(MUNICIPALITY_SCHEMA_V0, doc)).toEqual([]);
    const migrated = migrateToCurrent('municipalities', doc, 0);
    expect(migrated).toEqual({ ok: true, document: doc });
    expect(validateDocument(COLLECTIONS.municipalities.schema, migrated.ok ? migrated.document : null)).toEqual([]);
  });

  it('version 0 does not know stamps: a stamped document is not a version 0 one', () => {
    const errors = validateDocument(MUNICIPALITY_SCHEMA_V0, { ...v0Municipality(), fieldStamps: { population: 5 } });
    expect(errors.map((error) => error.keyword)).toContain('additionalProperties');
  });

  it('refuses a stamp for a field that is not editable, and stamps that are not timestamps', () => {
    const schema = COLLECTIONS.municipalities.schema;
    expect(validateDocument(schema, { ...v0Municipality(), fieldStamps: { population: 1_767_225_600_000, verification: 1_767_225_600_001 } })).toEqual([]);
    expect(validateDocument(schema, { ...v0Municipality(), fieldStamps: { id: 1 } }).map((error) => error.field)).toContain('fieldStamps.id');
    expect(validateDocument(schema, { ...v0Municipality(), fieldStamps: { profile: -1 } }).map((error) => error.field)).toContain('fieldStamps.profile');
    expect(validateDocument(schema, { ...v0Municipality(), fieldStamps: { profile: 1.5 } }).map((error) => error.field)).toContain('fieldStamps.profile');
  });
});

describe('the rollout window for municipalities', () => {
  it('takes version 1 and version 0, the one before it', () => {
    expect(candidateVersions('municipalities')).toEqual([1, 0]);
  });

  it.each([
    ['states version 0, the previous one', 0],
    ['states version 1', 1],
    ['states no version', undefined],
  ] as const)('accepts a version 0 profile whose push %s', (_what, version) => {
    expect(toCurrentVersion('municipalities', v0Municipality(), version)).toEqual({ ok: true, document: v0Municipality() });
  });

  it.each([
    [2, 'version-too-new'],
    [-1, 'not-a-version'],
  ] as const)('refuses version %s (%s), telling the phone to update', (version, reason) => {
    expect(migrateToCurrent('municipalities', v0Municipality(), version)).toEqual({ ok: false, reason });
    const result = toCurrentVersion('municipalities', v0Municipality(), version);
    expect(!result.ok && result.message).toMatch(new RegExp(`version ${version} of municipalities is not accepted \\(${reason}\\).*update the app`));
  });

  it('reports field errors against the current schema for an invalid profile', () => {
    const result = toCurrentVersion('municipalities', { ...v0Municipality(), population: -5 }, 0);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.field)).toContain('population');
  });
});
