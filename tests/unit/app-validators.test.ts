/**
 * The browser validates with ajv code generated at build time (no eval under a strict CSP). It must
 * say exactly what the server's run-time ajv says, for valid documents and for every kind of error.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../../domain/collections';
import { validateDocument } from '../../domain/validation';
import { toFieldErrors } from '../../app/forms/field-errors';
import { validatorSource } from '../../scripts/vite-plugin-validators';
import { makeNeed } from '../support/factories';

type Compiled = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const validators: Partial<Record<CollectionName, Compiled>> = {};
// Written inside the project so the generated imports resolve against its node_modules.
const dir = path.resolve(import.meta.dirname, `../../node_modules/.cache/c4c-unit/validators-${process.pid}`);

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  for (const collection of COLLECTION_NAMES) {
    const file = path.join(dir, `${collection}.mjs`);
    writeFileSync(file, validatorSource(collection));
    ({ validate: validators[collection] } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { validate: Compiled });
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generated(collection: CollectionName, doc: unknown) {
  const validate = validators[collection]!;
  return validate(doc) ? [] : toFieldErrors(validate.errors ?? []);
}

describe('build-time validators', () => {
  it('build for every collection and accept nothing', () => {
    for (const collection of COLLECTION_NAMES) expect(generated(collection, {}), collection).toEqual(validateDocument(COLLECTIONS[collection].schema, {}));
  });

  const needCases: [string, unknown][] = [
    ['a valid need', makeNeed()],
    ['a need without a quantity', (({ quantity: _quantity, ...need }) => need)(makeNeed())],
    ['missing fields', { id: 'abcdefgh-1' }],
    ['an unknown field', { ...makeNeed(), colour: 'red' }],
    ['a short title', makeNeed({ title: 'ab' })],
    ['a title of two emoji (code points, not UTF-16 units)', makeNeed({ title: '🔋🔋' })],
    ['a title of three emoji', makeNeed({ title: '🔋🔋🔋' })],
    ['an impossible date', makeNeed({ neededBy: '2030-02-30' })],
    ['a bad P-code', makeNeed({ place: { settlement: 'X', pcode: 'PL14' } })],
    ['a zero quantity', makeNeed({ quantity: 0 })],
    ['a quantity as text', { ...makeNeed(), quantity: '3' }],
    ['an unknown unit', { ...makeNeed(), unit: 'barrels' }],
    ['not an object', 'need'],
  ];

  it.each(needCases)('agree with the server on %s', (_name, doc) => {
    expect(generated('needs', doc)).toEqual(validateDocument(COLLECTIONS.needs.schema, doc));
  });
});
