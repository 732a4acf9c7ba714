/** Schema migrations shared by RxDB (on the phone) and the server (pushes from builds not yet updated). */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../domain/collections';
import { ACCEPTED_VERSIONS_BACK, candidateVersions, currentVersion, migrateToCurrent, toCurrentVersion } from '../../domain/migrations';
import { validateDocument } from '../../domain/validation';
import { makeNeed, makeOffer } from '../support/factories';
import NEED_SCHEMA_V0 from '../fixtures/schema-v0/need.json';
import OFFER_SCHEMA_V0 from '../fixtures/schema-v0/offer.json';

const v0Need = (): Record<string, unknown> => {
  const { photoIds: _none, ...need } = makeNeed({ title: 'Generators for the water works' });
  return need;
};
const v0Offer = (): Record<string, unknown> => {
  const { photoIds: _none, ...offer } = makeOffer({ title: 'Field kitchen' });
  return offer;
};

describe('schema version 1 of needs and offers', () => {
  it('is the current version, one step after the frozen version 0', () => {
    expect(currentVersion('needs')).toBe(1);
    expect(currentVersion('offers')).toBe(1);
    expect(NEED_SCHEMA_V0.version).toBe(0);
    expect(OFFER_SCHEMA_V0.version).toBe(0);
  });

  it('adds only the optional photoIds to version 0', () => {
    for (const [current, frozen] of [[COLLECTIONS.needs.schema, NEED_SCHEMA_V0], [COLLECTIONS.offers.schema, OFFER_SCHEMA_V0]] as const) {
      const { photoIds, ...rest } = current.properties as Record<string, unknown>;
      expect(photoIds).toEqual({ type: 'array', items: expect.any(Object) as unknown, uniqueItems: true, maxItems: 10 });
      expect(JSON.parse(JSON.stringify(rest))).toEqual(frozen.properties);
      expect(current.required).toEqual(frozen.required);
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
    ['a version 0 need', 'needs', v0Need, 0],
    ['a version 0 offer', 'offers', v0Offer, 0],
    ['a version 1 need with photos', 'needs', () => makeNeed({ photoIds: ['photo-0001', 'photo-0002'] }), 1],
    ['a version 1 offer with photos', 'offers', () => makeOffer({ photoIds: ['photo-0003'] }), 1],
  ] as const)('keeps %s as it is, and valid under the current schema', (_what, collection, make, from) => {
    const doc = make() as Record<string, unknown>;
    const migrated = migrateToCurrent(collection, doc, from);
    expect(migrated).toEqual({ ok: true, document: doc });
    expect(validateDocument(COLLECTIONS[collection].schema, migrated.ok ? migrated.document : null)).toEqual([]);
  });

  it.each([
    [2, 'version-too-new'],
    [-1, 'not-a-version'],
    [0.5, 'not-a-version'],
  ] as const)('refuses version %s of needs (%s)', (version, reason) => {
    expect(migrateToCurrent('needs', v0Need(), version)).toEqual({ ok: false, reason });
  });

  it('refuses versions older than the rollout window', () => {
    // pledge_events is at version 1 too; the window reaches exactly one version back.
    expect(ACCEPTED_VERSIONS_BACK).toBe(1);
    expect(candidateVersions('needs')).toEqual([1, 0]);
    expect(candidateVersions('members')).toEqual([0]);
  });
});

describe('toCurrentVersion (what the server does with a pushed document)', () => {
  it.each([
    ['stating version 0', 0],
    ['stating version 1', 1],
    ['stating no version', undefined],
  ] as const)('accepts a version 0 need %s', (_what, version) => {
    expect(toCurrentVersion('needs', v0Need(), version)).toEqual({ ok: true, document: v0Need() });
  });

  it('accepts a need with photos without a stated version', () => {
    const need = makeNeed({ photoIds: ['photo-0001'] });
    expect(toCurrentVersion('needs', need, undefined).ok).toBe(true);
  });

  it('accepts a need with photos that claims version 0, since the step is additive', () => {
    // Additive migrations: a v0 claim with photoIds still migrates (identity) into a valid v1 document.
    expect(toCurrentVersion('needs', makeNeed({ photoIds: ['photo-0001'] }), 0).ok).toBe(true);
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
