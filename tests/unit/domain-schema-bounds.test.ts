/**
 * Values that passed the schemas and should not (issue 8, item 13), checked for the whole class:
 * every required-text field of every collection, every calendar day, every deadline instant and
 * every quantity, found by walking the schemas rather than listed by hand.
 */
import { describe, expect, it } from 'vitest';
import { COUNTABLE_UNITS } from '../../domain/constants';
import { ALL_COLLECTIONS, type EveryCollectionName } from '../../domain/schemas/index';
import { validateDocument } from '../../domain/validation';
import { oneOfEach } from './domain-factories';

const VALID = oneOfEach();
const NAMES = Object.keys(VALID) as EveryCollectionName[];

type Node = { type?: string; properties?: Record<string, Node>; minLength?: number; format?: string; enum?: unknown[]; pattern?: string; minimum?: number };

/** Every property of a schema, with its dotted path (`place.settlement`). */
function propertiesOf(node: Node, prefix = ''): { path: string; node: Node }[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [{ path, node: child }, ...propertiesOf(child, path)];
  });
}

/** `doc` with the value at `path` replaced, creating the parent objects it needs. */
function withValue(doc: object, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const parts = path.split('.');
  let target = copy;
  for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
  target[parts.at(-1)!] = value;
  return copy;
}

function errorsAt(name: EveryCollectionName, path: string, value: unknown): string[] {
  return validateDocument(ALL_COLLECTIONS[name].schema, withValue(VALID[name], path, value)).map((error) => error.field);
}

const fields = (test: (node: Node, path: string) => boolean) =>
  NAMES.flatMap((name) => propertiesOf(ALL_COLLECTIONS[name].schema as Node).filter(({ node, path }) => test(node, path)).map(({ path }) => [name, path] as const));

/** Free text someone must fill in: a string with a minimum length and no fixed vocabulary or shape. */
const REQUIRED_TEXT = fields((node) => node.type === 'string' && (node.minLength ?? 0) >= 1 && !node.enum && !node.format && !node.pattern?.startsWith('^[A-Za-z0-9'));
const DAYS = fields((node) => node.format === 'date');
const DEADLINES = fields((node, path) => node.type === 'integer' && path.endsWith('At') && path !== 'updatedAt' && !path.startsWith('meta.'));
const QUANTITIES = fields((_node, path) => path === 'quantity');

const INVISIBLE_TEXTS = ['\u200B\u200B\u200B\u200B', '   ', '\u00A0\u2060\uFEFF', '\u3164\u3164\u3164', '\u202E\u202D\u200E\u200F'];

describe('the class of fields each rule covers', () => {
  it('finds the fields it is meant to find', () => {
    expect(REQUIRED_TEXT).toEqual(
      expect.arrayContaining([
        ['needs', 'title'],
        ['needs', 'place.settlement'],
        ['offers', 'title'],
        ['offers', 'place.settlement'],
        ['municipalities', 'nameUk'],
        ['municipalities', 'nameLatin'],
        ['members', 'displayName'],
        ['messages', 'body'],
      ]),
    );
    expect(DAYS.length).toBeGreaterThanOrEqual(3);
    expect(DEADLINES).toEqual(expect.arrayContaining([['pledges', 'expiresAt']]));
    expect(QUANTITIES.map(([name]) => name).sort()).toEqual(['needs', 'offers', 'pledge_events', 'pledges']);
  });
});

describe('a text someone must fill in has visible characters', () => {
  it.each(REQUIRED_TEXT.flatMap(([name, path]) => INVISIBLE_TEXTS.map((text) => [name, path, text] as const)))('%s.%s refuses %j', (name, path, text) => {
    expect(errorsAt(name, path, text)).toContain(path);
  });

  it.each(REQUIRED_TEXT)('%s.%s accepts real text in any script', (name, path) => {
    for (const text of ['Київ', 'Łódź', 'Sindelfingen', ' Ліки  для лікарні ']) expect(errorsAt(name, path, text)).toEqual([]);
  });

  it('a title needs three visible characters, not three code points', () => {
    expect(errorsAt('needs', 'title', 'a\u200Bb\u200B')).toContain('title');
    expect(errorsAt('needs', 'title', 'a\u200Bb\u200Bc')).toEqual([]);
  });
});

describe('a calendar day lies between 2020 and 2099', () => {
  it.each(DAYS)('%s.%s', (name, path) => {
    for (const day of ['0000-01-01', '1970-01-01', '2019-12-31', '2100-01-01', '9999-12-31', '2026-02-30']) expect(errorsAt(name, path, day)).toContain(path);
    for (const day of ['2020-01-01', '2026-03-15', '2099-12-31']) expect(errorsAt(name, path, day)).toEqual([]);
  });
});

describe('a deadline instant lies between 2020 and 2100', () => {
  it.each(DEADLINES)('%s.%s', (name, path) => {
    for (const instant of [0, 1, Date.UTC(2019, 11, 31), Date.UTC(2100, 0, 2), 9_999_999_999_999]) expect(errorsAt(name, path, instant)).toContain(path);
    expect(errorsAt(name, path, Date.UTC(2026, 2, 1))).toEqual([]);
  });
});

describe('a quantity is at least a sensible minimum for its unit', () => {
  it.each(QUANTITIES)('%s refuses vanishing amounts', (name) => {
    for (const quantity of [5e-324, 1e-9, 0.0001, 0, -1]) expect(errorsAt(name, 'quantity', quantity)).toContain('quantity');
  });

  const UNIT_NAMES = QUANTITIES.map(([name]) => name).filter((name) => 'unit' in VALID[name]);

  it.each(UNIT_NAMES)('%s: countable units take whole numbers of at least one', (name) => {
    for (const unit of COUNTABLE_UNITS) {
      const doc = { ...VALID[name], unit };
      const schema = ALL_COLLECTIONS[name].schema;
      expect(validateDocument(schema, { ...doc, quantity: 2.5 }).map((error) => error.field)).toContain('quantity');
      expect(validateDocument(schema, { ...doc, quantity: 0.5 }).map((error) => error.field)).toContain('quantity');
      expect(validateDocument(schema, { ...doc, quantity: 3 })).toEqual([]);
    }
  });

  it.each(UNIT_NAMES)('%s: measured units take fractions; person-days at least half a day', (name) => {
    const schema = ALL_COLLECTIONS[name].schema;
    expect(validateDocument(schema, { ...VALID[name], unit: 'kg', quantity: 0.25 })).toEqual([]);
    expect(validateDocument(schema, { ...VALID[name], unit: 'litres', quantity: 0.001 })).toEqual([]);
    expect(validateDocument(schema, { ...VALID[name], unit: 'person-days', quantity: 0.5 })).toEqual([]);
    expect(validateDocument(schema, { ...VALID[name], unit: 'person-days', quantity: 0.25 }).map((error) => error.field)).toContain('quantity');
  });

  it('the error names the field, never the whole document', () => {
    const errors = validateDocument(ALL_COLLECTIONS.needs.schema, { ...VALID.needs, unit: 'pallets', quantity: 1.5 });
    expect(errors.map((error) => error.field)).toEqual(['quantity']);
  });
});
