/**
 * Ids are made on the phone, so a document has its final id before it ever reaches the server and a
 * retried push never creates a duplicate. `crypto.randomUUID` exists only in secure contexts (and
 * newer browsers); elsewhere a version-4 UUID is built from `crypto.getRandomValues`.
 */
type RandomSource = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string };

export function newId(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
