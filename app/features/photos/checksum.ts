/** The checksum that ties a photo's bytes to its metadata (`Photo['sha256']`). */

/** Hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  // A fresh view: Web Crypto refuses buffers from another realm (IndexedDB or jsdom in tests).
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
