/**
 * A pledge's short code: eight characters printed on the delivery sheet and held by its QR code, so
 * a volunteer on site can find the pledge on an offline phone by scanning or typing it.
 *
 * Guarantees:
 * - derived from the pledge id alone (FNV-1a, 64 bits), so every phone computes the same code
 *   offline and nothing extra is stored or synced;
 * - the alphabet has no characters people confuse when reading or typing (no 0/O, 1/I/L, U/V);
 * - typing is forgiving: case, spaces, dashes and a pasted link are ignored (`normalizeShortCode`);
 * - 29^8 ≈ 5·10^11 codes: among the few thousand pledges a phone holds a collision is practically
 *   impossible, and `findByShortCode` lists every match rather than picking one silently.
 */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const SHORT_CODE_LENGTH = 8;

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash;
}

/** The short code of a pledge id, without separator (`K7QMX4TB`). */
export function shortCodeOf(pledgeId: string): string {
  const base = BigInt(SHORT_CODE_ALPHABET.length);
  let value = fnv1a64(pledgeId);
  let code = '';
  for (let index = 0; index < SHORT_CODE_LENGTH; index += 1) {
    code += SHORT_CODE_ALPHABET[Number(value % base)];
    value /= base;
  }
  return code;
}

/** A short code as printed and shown: two groups of four (`K7QM-X4TB`). */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed or a QR code held, as a bare code, or null when it cannot be one: case,
 * spaces and dashes are ignored, and a link ending in `/p/<code>` gives its code.
 */
export function normalizeShortCode(input: string): string | null {
  const fromLink = /\/p\/([^/?#\s]+)\s*$/i.exec(input.trim());
  let text: string;
  try {
    text = fromLink ? decodeURIComponent(fromLink[1] ?? '') : input;
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
  const code = text.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (code.length !== SHORT_CODE_LENGTH) return null;
  for (const character of code) if (!SHORT_CODE_ALPHABET.includes(character)) return null;
  return code;
}

/** The items whose id has this short code (normally one; several only on a collision). */
export function findByShortCode<T extends { id: string }>(items: Iterable<T>, code: string): T[] {
  const matches: T[] = [];
  for (const item of items) if (shortCodeOf(item.id) === code) matches.push(item);
  return matches;
}
