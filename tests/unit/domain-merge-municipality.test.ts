/**
 * Municipality profiles merge field by field with per-field stamps (schema v1, domain/field-stamps.ts),
 * through the collection's own merge (`mergeFor('municipalities')`: the country and its first-level
 * unit, and the profile text and its language, merge as pairs). Edits are made as the phone makes
 * them (`stampChanges` over the copy it holds) and a moderator's decision as the server's route
 * makes it (sync-server/store/server-writes.ts: `stampChanges` too). Each row reads
 * `local, remote → expected` over a common base and names the winner of each field.
 */
import { describe, expect, it } from 'vitest';
import { mergeFor } from '../../domain/collections';
import { stampChanges, stampPushed } from '../../domain/field-stamps';
import type { Municipality } from '../../domain/schemas/municipality';
import { MUNICIPALITY_SCHEMA } from '../../domain/schemas/municipality';
import { validateDocument } from '../../domain/validation';
import { LVIV, MUNICH, T0, makeMunicipality } from './domain-factories';

const merge = mergeFor('municipalities');
const STALE_BASE = 'regression: two coordinators editing different fields of one profile keep both edits, also when a lost push answer left one base stale';
const MINUTE = 60_000;

/** The profile both sides start from: as the server stored it, stamped (`stamps`) or not (a v0 document). */
const base = (stamps?: Municipality['fieldStamps'], overrides: Partial<Municipality> = {}): Municipality =>
  makeMunicipality({ verification: { status: 'pending' }, profile: 'Столиця.', profileLanguage: 'uk', ...overrides, ...(stamps ? { fieldStamps: stamps } : {}) });

/** An edit of `from` at `at`, stamped as a phone stamps it (app/db/local-store.ts saveDocument). */
function edit(from: Municipality, at: number, change: Partial<Municipality>): Municipality {
  const { doc, latest } = stampChanges(from, { ...from, ...change }, at);
  return { ...doc, updatedAt: latest };
}

/** Removes optional fields, as a form does when a field is emptied. */
function without(from: Municipality, at: number, field: keyof Municipality): Municipality {
  const { [field]: _gone, ...rest } = from;
  const { doc, latest } = stampChanges(from, rest as Municipality, at);
  return { ...doc, updatedAt: latest };
}

type Row = {
  name: string;
  base: Municipality;
  local: (base: Municipality) => Municipality;
  remote: (base: Municipality) => Municipality;
  /** Fields of the merged profile, with the side that won each. */
  expected: Partial<Record<keyof Municipality, { value: unknown; winner: 'local' | 'remote' | 'both' | 'base' }>>;
};

const ROWS: Row[] = [
  {
    name: 'regression: two coordinators editing different fields of one profile keep both edits',
    base: base(),
    local: (b) => edit(b, T0 + 10 * MINUTE, { population: 3_000_000 }),
    remote: (b) => edit(b, T0 + 20 * MINUTE, { partnerIds: [MUNICH, LVIV] }),
    expected: {
      population: { value: 3_000_000, winner: 'local' },
      partnerIds: { value: [MUNICH, LVIV], winner: 'remote' },
      profile: { value: 'Столиця.', winner: 'base' },
    },
  },
  {
    name: STALE_BASE,
    base: base(),
    // Coordinator A pushed population 2.8 M (the server wrote it, the answer was lost, so A's base is
    // still the old profile), then corrected it to 2.9 M offline.
    local: (b) => edit(edit(b, T0 + 10 * MINUTE, { population: 2_800_000 }), T0 + 30 * MINUTE, { population: 2_900_000 }),
    // Coordinator B pulled the 2.8 M and added a partner later: B never touched the population.
    remote: (b) => edit(edit(b, T0 + 10 * MINUTE, { population: 2_800_000 }), T0 + 40 * MINUTE, { partnerIds: [MUNICH, LVIV] }),
    expected: {
      population: { value: 2_900_000, winner: 'local' },
      partnerIds: { value: [MUNICH, LVIV], winner: 'remote' },
    },
  },
  {
    name: 'two coordinators, four fields between them, stamped profile: every edit kept',
    base: base({ kind: T0, languages: T0 }),
    local: (b) => edit(b, T0 + 30 * MINUTE, { kind: 'hromada', languages: ['uk', 'pl'] }),
    remote: (b) => edit(b, T0 + 5 * MINUTE, { population: 2_900_000, location: { lat: 50.4501, lon: 30.5234 } }),
    expected: {
      kind: { value: 'hromada', winner: 'local' },
      languages: { value: ['uk', 'pl'], winner: 'local' },
      population: { value: 2_900_000, winner: 'remote' },
      location: { value: { lat: 50.4501, lon: 30.5234 }, winner: 'remote' },
    },
  },
  {
    name: 'a coordinator’s offline profile edit and a moderator’s verification both stay',
    base: base(),
    local: (b) => edit(b, T0 + 10 * MINUTE, { profile: 'Громада шукає партнерів.', profileLanguage: 'uk', languages: ['uk', 'de'] }),
    remote: (b) => edit(b, T0 + 60 * MINUTE, { verification: { status: 'verified' } }),
    expected: {
      profile: { value: 'Громада шукає партнерів.', winner: 'local' },
      languages: { value: ['uk', 'de'], winner: 'local' },
      verification: { value: { status: 'verified' }, winner: 'remote' },
    },
  },
  {
    name: 'a moderator’s rejection is not undone by a coordinator whose later edit carries the old verification along',
    base: base({ verification: T0 }),
    // The coordinator's clock is ahead: its document stamp is the later one, but it never changed verification.
    local: (b) => edit(b, T0 + 3 * 60 * MINUTE, { population: 1_000 }),
    remote: (b) => edit(b, T0 + 30 * MINUTE, { verification: { status: 'rejected', reason: 'Not a municipality' } }),
    expected: {
      verification: { value: { status: 'rejected', reason: 'Not a municipality' }, winner: 'remote' },
      population: { value: 1_000, winner: 'local' },
    },
  },
  {
    name: 'both changed the population: the later field stamp wins, not the later document',
    base: base({ population: T0 }),
    // Local's document is touched last (languages) but its population edit is older than remote's.
    local: (b) => edit(edit(b, T0 + 10 * MINUTE, { population: 3_100_000 }), T0 + 90 * MINUTE, { languages: ['uk', 'fr'] }),
    remote: (b) => edit(b, T0 + 40 * MINUTE, { population: 3_200_000 }),
    expected: {
      population: { value: 3_200_000, winner: 'remote' },
      languages: { value: ['uk', 'fr'], winner: 'local' },
    },
  },
  {
    name: 'the profile text and its language merge as one: one side’s text never gets the other side’s language',
    base: base({ profile: T0, profileLanguage: T0 }),
    local: (b) => edit(b, T0 + 10 * MINUTE, { profile: 'Столиця України.' }),
    remote: (b) => edit(b, T0 + 20 * MINUTE, { profile: 'The capital.', profileLanguage: 'en' }),
    expected: {
      profile: { value: 'The capital.', winner: 'remote' },
      profileLanguage: { value: 'en', winner: 'remote' },
    },
  },
  {
    name: 'a text pair changed on one side only comes whole from that side',
    base: base(),
    local: (b) => edit(b, T0 + 10 * MINUTE, { profile: 'Miasto partnerskie.', profileLanguage: 'pl' }),
    remote: (b) => edit(b, T0 + 20 * MINUTE, { population: 10 }),
    expected: {
      profile: { value: 'Miasto partnerskie.', winner: 'local' },
      profileLanguage: { value: 'pl', winner: 'local' },
      population: { value: 10, winner: 'remote' },
    },
  },
  {
    name: 'country and first-level unit merge as one (a moderator’s correction against another’s unit fix)',
    base: base(undefined, { country: 'UA', adm1: 'UA80' }),
    local: (b) => edit(b, T0 + 10 * MINUTE, { adm1: 'UA32' }),
    remote: (b) => edit(b, T0 + 20 * MINUTE, { country: 'PL', adm1: 'PL-MA' }),
    expected: {
      country: { value: 'PL', winner: 'remote' },
      adm1: { value: 'PL-MA', winner: 'remote' },
    },
  },
  {
    name: 'an emptied profile text (removal) is an edit like any other and is kept against an older text edit',
    base: base({ profile: T0 }),
    local: (b) => without(without(b, T0 + 40 * MINUTE, 'profile'), T0 + 40 * MINUTE, 'population'),
    remote: (b) => edit(b, T0 + 20 * MINUTE, { partnerIds: [] }),
    expected: {
      profile: { value: undefined, winner: 'local' },
      population: { value: undefined, winner: 'local' },
      partnerIds: { value: [], winner: 'remote' },
    },
  },
  {
    name: 'a version 0 profile (no stamps) edited on both sides, different fields: both edits kept',
    base: base(undefined, { updatedAt: T0 + 99 * MINUTE }),
    local: (b) => edit(b, T0 + 10 * MINUTE, { nameLatin: 'Kyiv City' }),
    remote: (b) => edit(b, T0 + 5 * MINUTE, { nameUk: 'м. Київ' }),
    expected: {
      nameLatin: { value: 'Kyiv City', winner: 'local' },
      nameUk: { value: 'м. Київ', winner: 'remote' },
    },
  },
];

const valueOf = (row: Row, side: 'local' | 'remote' | 'base', field: keyof Municipality): unknown =>
  side === 'base' ? row.base[field] : row[side](row.base)[field];

describe('municipality profiles merge field by field (local, remote → expected)', () => {
  it.each(ROWS)('$name', (row) => {
    const local = row.local(row.base);
    const remote = row.remote(row.base);
    const merged = merge(row.base, remote, local);
    for (const [field, { value, winner }] of Object.entries(row.expected) as [keyof Municipality, { value: unknown; winner: 'local' | 'remote' | 'both' | 'base' }][]) {
      expect(merged[field], `${field} (${winner})`).toEqual(value);
      // The named winner holds that value, so the row says who won, not only what.
      if (winner !== 'both') expect(valueOf(row, winner, field), `${field} comes from ${winner}`).toEqual(value);
    }
    expect(merged.updatedAt).toBe(Math.max(local.updatedAt, remote.updatedAt));
    expect(validateDocument(MUNICIPALITY_SCHEMA, merged)).toEqual([]);
  });

  it.each(ROWS)('is the same whichever side merges: $name', (row) => {
    const local = row.local(row.base);
    const remote = row.remote(row.base);
    expect(merge(row.base, remote, local)).toEqual(merge(row.base, local, remote));
  });

  it.each(ROWS)('the server keeps the merge as it is when the phone pushes it: $name', (row) => {
    const remote = row.remote(row.base);
    const merged = merge(row.base, remote, row.local(row.base));
    // A phone of this build pushes the merged state over `remote`: the stamps it carries are kept.
    expect(stampPushed(remote, merged, T0 + 1_000 * MINUTE, true)).toEqual(merged);
  });
});

describe('what the stamps fix', () => {
  it('without stamps (merging by the document’s updatedAt) the stale-base row lost coordinator A’s correction', () => {
    const row = ROWS.find((candidate) => candidate.name === STALE_BASE)!;
    const unstamped = (doc: Municipality): Municipality => {
      const { fieldStamps: _none, ...rest } = doc;
      return rest;
    };
    // The same documents merged as version 0 did: B's later document wins the field both "changed".
    const before = merge(row.base, unstamped(row.remote(row.base)), unstamped(row.local(row.base)));
    expect(before.population).toBe(2_800_000);
    expect(merge(row.base, row.remote(row.base), row.local(row.base)).population).toBe(2_900_000);
  });
});

describe('a moderator’s decision on the server and a coordinator’s profile edit', () => {
  it('the decision is stamped past every stamp of the profile, so a phone merging it sees it changed', () => {
    const stored = base({ profile: T0 + 50 * MINUTE });
    // The route's clock is behind the profile's latest stamp (a coordinator's clock ran ahead, clamped).
    const { doc: decided } = stampChanges(stored, { ...stored, verification: { status: 'verified' } }, T0 + 10 * MINUTE);
    expect(decided.fieldStamps).toEqual({ profile: T0 + 50 * MINUTE, verification: T0 + 50 * MINUTE + 1 });
    const coordinator = edit(stored, T0 + 20 * MINUTE, { partnerIds: [MUNICH, LVIV] });
    const merged = merge(stored, decided, coordinator);
    expect(merged).toMatchObject({ verification: { status: 'verified' }, partnerIds: [MUNICH, LVIV], profile: 'Столиця.' });
  });
});
