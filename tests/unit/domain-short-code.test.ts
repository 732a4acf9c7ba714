/**
 * Short codes (domain/rules/short-code.ts): the code printed on a delivery sheet is derived from the
 * pledge id alone, so it must never change between versions (sheets already printed would stop
 * working); typing is forgiving; a code two pledges share is never resolved silently.
 */
import { describe, expect, it } from 'vitest';
import { findByShortCode, formatShortCode, normalizeShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, shortCodeOf } from '../../domain/rules/short-code';

describe('shortCodeOf', () => {
  // Pinned: FNV-1a 64 of the id, in base 29 least significant digit first. "a" hashes to
  // 0xaf63dc4c8601ec8c, the published FNV-1a test vector.
  it.each([
    ['a', '2ZBEDRTN'],
    ['pledge-generators-01', 'KASF7768'],
    ['3f1c2a9e-7b4d-4e21-9a0c-5d6e7f8a9b0c', 'E5J2F5CX'],
  ])('gives %s the stable code %s', (id, code) => {
    expect(shortCodeOf(id)).toBe(code);
  });

  it('uses no characters people confuse: 0/O, 1/I/L, U/V', () => {
    for (const confusing of ['0', 'O', '1', 'I', 'L', 'U', 'V']) expect(SHORT_CODE_ALPHABET).not.toContain(confusing);
    const codes = Array.from({ length: 500 }, (_, index) => shortCodeOf(`pledge-${index}`));
    for (const code of codes) {
      expect(code).toHaveLength(SHORT_CODE_LENGTH);
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]+$/);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is printed as two groups of four', () => {
    expect(formatShortCode('KASF7768')).toBe('KASF-7768');
  });
});

describe('normalizeShortCode', () => {
  it.each([
    ['KASF7768', 'KASF7768'],
    ['kasf7768', 'KASF7768'],
    ['KASF-7768', 'KASF7768'],
    [' kasf 7768 ', 'KASF7768'],
    ['ka-sf 77—68', 'KASF7768'],
    ['https://x/p/kasf-7768', 'KASF7768'],
    ['https://cities4cities.example/p/KASF-7768', 'KASF7768'],
    ['https://x/p/abcd-efgh', 'ABCDEFGH'],
  ])('reads %j as %s', (input, code) => {
    expect(normalizeShortCode(input)).toBe(code);
  });

  it.each([
    ['empty', ''],
    ['too short', 'KASF776'],
    ['too long', 'KASF77682'],
    ['a zero', 'KASF7760'],
    ['an O', 'KASF776O'],
    ['a one', 'KASF7761'],
    ['an I', 'KASFI768'],
    ['an L', 'KASFL768'],
    ['a U', 'KASFU768'],
    ['a V', 'KASFV768'],
    ['a Cyrillic letter', 'КASF7768'],
    ['a link to something else', 'https://x/needs/kasf-7768'],
    ['a mangled link', 'https://x/p/%E0%A4%A'],
  ])('refuses %s', (_what, input) => {
    expect(normalizeShortCode(input)).toBeNull();
  });
});

describe('findByShortCode', () => {
  const pledges = [{ id: 'a' }, { id: 'pledge-generators-01' }, { id: 'b' }];

  it('finds the one pledge with the code', () => {
    expect(findByShortCode(pledges, 'KASF7768')).toEqual([{ id: 'pledge-generators-01' }]);
  });

  it('finds nothing for a code no pledge here has', () => {
    expect(findByShortCode(pledges, 'ABCDEFGH')).toEqual([]);
  });

  it('lists every pledge on a collision rather than picking one', () => {
    // A real collision, found by hashing pledge-0000000 … pledge-8912014.
    expect(shortCodeOf('pledge-7001014')).toBe('XHCFET3T');
    expect(shortCodeOf('pledge-8912014')).toBe('XHCFET3T');
    const colliding = [{ id: 'pledge-7001014' }, { id: 'a' }, { id: 'pledge-8912014' }];
    expect(findByShortCode(colliding, 'XHCFET3T')).toEqual([{ id: 'pledge-7001014' }, { id: 'pledge-8912014' }]);
  });
});
