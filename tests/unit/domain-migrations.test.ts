/** Schema migrations shared by RxDB (on the phone) and the server (pushes from builds not yet updated). */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../domain/collections';
import { ACCEPTED_VERSIONS_BACK, candidateVersions, currentVersion, migrateToCurrent, toCurrentVersion } from '../../domain/migrations';
import { validateDocument } from '../../domain/validation';
import { makeNeed, makeOffer } from '../support/factories';
import NEED_SCHEMA_V0 from '../fixtures/schema-v0/need.json';
import OFFER_SCHEMA_V0 from '../fixtures/schema-v0/offer.json';
import NEED_SCHEMA_V1 from '../fixtures/schema-v1/need.json';
import OFFER_SCHEMA_V1 from '../fixtures/schema-v1/offer.json';
import { NEED_STAMPED_FIELDS } from '../../domain/schemas/need';
import { OFFER_STAMPED_FIELDS } from '../../domain/schemas/offer';

const v0Need = (): Record<string, unknown> => {
  const { photoIds: _none, ...need } = makeNeed({ title: 'Generators for the water works' });
  return need;
};
const v0Offer = (): Record<string, unknown> => {
  const { photoIds: _none, ...offer } = makeOffer({ title: 'Field kitchen' });
  return offer;
};

describe('schema version 2 of needs and offers', () => {
  it('is the current version, one step after the frozen version 1, two after version 0', () => {
    expect(currentVersion('needs')).toBe(2);
    expect(currentVersion('offers')).toBe(2);
    expect([NEED_SCHEMA_V1.version, OFFER_SCHEMA_V1.version]).toEqual([1, 1]);
    expect([NEED_SCHEMA_V0.version, OFFER_SCHEMA_V0.version]).toEqual([0, 0]);
  });

  it('version 2 adds only the optional fieldStamps to version 1', () => {
    for (const [current, frozen] of [[COLLECTIONS.needs.schema, NEED_SCHEMA_V1], [COLLECTIONS.offers.schema, OFFER_SCHEMA_V1]] as const) {
      const { fieldStamps, ...rest } = current.properties as Record<string, unknown>;
      expect(fieldStamps).toMatchObject({ type: 'object', additionalProperties: false });
      expect(JSON.parse(JSON.stringify(rest))).toEqual(frozen.properties);
      expect(current.required).toEqual(frozen.required);
    }
  });

  it('has a stamp for every field a member edits, so no change goes unstamped', () => {
    for (const [schema, stamped] of [[COLLECTIONS.needs.schema, NEED_STAMPED_FIELDS], [COLLECTIONS.offers.schema, OFFER_STAMPED_FIELDS]] as const) {
      const editable = Object.keys(schema.properties).filter((field) => !['id', 'updatedAt', 'fieldStamps', 'meta'].includes(field));
      expect([...stamped].sort()).toEqual(editable.sort());
    }
  });

  it('version 1 added only the optional photoIds to version 0', () => {
    for (const [v1, v0] of [[NEED_SCHEMA_V1, NEED_SCHEMA_V0], [OFFER_SCHEMA_V1, OFFER_SCHEMA_V0]] as const) {
      const { photoIds, ...rest } = v1.properties as Record<string, unknown>;
      expect(photoIds).toEqual({ type: 'array', items: expect.any(Object) as unknown, uniqueItems: true, maxItems: 10 });
      expect(rest).toEqual(v0.properties);
      expect(v1.required).toEqual(v0.required);
    }
  });

  it('has a strategy to every version after 0 for each collection that changed', () => {
    for (const [name, spec] of Object.entries(COLLECTIONS)) {
      const strategies = (spec as { migrationStrategies?: Record<number, unknown> }).migrationStrategies ?? {};
      for (let version = 1; version <= spec.schema.version; version++) expect(strategies[version], `${name} v${version}`).toBeTypeOf('function');
    }
  });
});

describe('migrateToCurrent', () => {
  it.each([
    ['a version 1 need without photos', 'needs', v0Need, 1],
    ['a version 1 offer without photos', 'offers', v0Offer, 1],
    ['a version 1 need with photos', 'needs', () => makeNeed({ photoIds: ['photo-0001', 'photo-0002'] }), 1],
    ['a version 1 offer with photos', 'offers', () => makeOffer({ photoIds: ['photo-0003'] }), 1],
    ['a version 2 need with field stamps', 'needs', () => makeNeed({ fieldStamps: { title: 1_767_225_600_000 } }), 2],
  ] as const)('keeps %s as it is, and valid under the current schema', (_what, collection, make, from) => {
    const doc = make() as Record<string, unknown>;
    const migrated = migrateToCurrent(collection, doc, from);
    expect(migrated).toEqual({ ok: true, document: doc });
    expect(validateDocument(COLLECTIONS[collection].schema, migrated.ok ? migrated.document : null)).toEqual([]);
  });

  it.each([
    [3, 'version-too-new'],
    [0, 'version-too-old'],
    [-1, 'not-a-version'],
    [0.5, 'not-a-version'],
  ] as const)('refuses version %s of needs (%s)', (version, reason) => {
    expect(migrateToCurrent('needs', v0Need(), version)).toEqual({ ok: false, reason });
  });

  it('refuses versions older than the rollout window', () => {
    // The window reaches exactly one version back: a version 0 phone has to update.
    expect(ACCEPTED_VERSIONS_BACK).toBe(1);
    expect(candidateVersions('needs')).toEqual([2, 1]);
    expect(candidateVersions('pledge_events')).toEqual([1, 0]);
    expect(candidateVersions('members')).toEqual([0]);
  });
});

describe('toCurrentVersion (what the server does with a pushed document)', () => {
  it.each([
    ['stating version 1', 1],
    ['stating version 2', 2],
    ['stating no version', undefined],
  ] as const)('accepts a need without photos or stamps %s', (_what, version) => {
    expect(toCurrentVersion('needs', v0Need(), version)).toEqual({ ok: true, document: v0Need() });
  });

  it('refuses a need that says version 0, two versions back: that phone must update', () => {
    const result = toCurrentVersion('needs', v0Need(), 0);
    expect(!result.ok && result.message).toMatch(/version 0 of needs is not accepted \(version-too-old\).*update the app/);
  });

  it('accepts a need with photos without a stated version', () => {
    const need = makeNeed({ photoIds: ['photo-0001'] });
    expect(toCurrentVersion('needs', need, undefined).ok).toBe(true);
  });

  it('accepts a need with stamps that claims version 1, since the step is additive', () => {
    // Additive migrations: a v1 claim with fieldStamps (a v1 phone echoes what it pulled) migrates (identity) into a valid v2 document.
    expect(toCurrentVersion('needs', makeNeed({ fieldStamps: { title: 1 } }), 1).ok).toBe(true);
  });

  it('refuses a version it does not know, saying so', () => {
    const result = toCurrentVersion('offers', v0Offer(), 7);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/version 7 of offers is not accepted .*update the app/);
  });

  it('reports the field errors against the current schema for an invalid document', () => {
    const result = toCurrentVersion('needs', { ...v0Need(), photoIds: 'not-a-list' }, undefined);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.field)).toContain('photoIds');
  });
});
