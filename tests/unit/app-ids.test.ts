import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../domain/constants';
import { newId } from '../../app/db/ids';

type GetRandomValues = Crypto['getRandomValues'];
const fillRandom: GetRandomValues = (array) => webcrypto.getRandomValues(array as unknown as Uint8Array) as unknown as typeof array;
const fill =
  (byte: number): GetRandomValues =>
  (array) => {
    (array as unknown as Uint8Array).fill(byte);
    return array;
  };

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('uses crypto.randomUUID where the browser has it', () => {
    expect(newId({ getRandomValues: fillRandom, randomUUID: () => 'from-random-uuid' })).toBe('from-random-uuid');
  });

  it('builds a version-4 UUID from random bytes elsewhere (insecure contexts, older browsers)', () => {
    const ids = Array.from({ length: 200 }, () => newId({ getRandomValues: fillRandom }));
    for (const id of ids) {
      expect(id).toMatch(UUID_V4);
      expect(id).toMatch(new RegExp(ID_PATTERN));
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sets the version and variant bits even when the random bytes are all ones', () => {
    expect(newId({ getRandomValues: fill(0xff) })).toBe(
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
    );
  });
});
