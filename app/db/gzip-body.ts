/**
 * Request bodies gzip'd for a slow uplink: JSON of needs shrinks about 5× and a phone on 3G uploads
 * at a fraction of its download speed. The server inflates bodies with `Content-Encoding: gzip`
 * and applies its body limit to the inflated size (body-parser), so a small compressed body can
 * never unpack into more than it accepts plain. Where the browser has no `CompressionStream`
 * (Safari before 16.4, Firefox before 113) the body goes plain.
 */

/** Bodies smaller than this go plain: gzip's header and the work would cost more than they save. */
export const GZIP_MIN_BYTES = 1024;

/** A JSON body ready for fetch: gzip'd when that is possible and worth it. */
export type EncodedBody = { body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> };

/** `json` as a request body, gzip'd when `allowGzip`, the browser can, and it is at least GZIP_MIN_BYTES. */
export async function encodeJsonBody(json: string, allowGzip: boolean): Promise<EncodedBody> {
  const plain: EncodedBody = { body: json, headers: { 'content-type': 'application/json' } };
  if (!allowGzip || typeof CompressionStream === 'undefined' || json.length < GZIP_MIN_BYTES) return plain;
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  const body = new Uint8Array(await new Response(stream).arrayBuffer());
  return { body, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } };
}
