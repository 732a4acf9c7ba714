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

/**
 * The longest a body waits to be compressed before it goes plain. A push must never hang on its
 * encoding: in the link-fault campaign a phone's push of needs stopped for minutes inside the
 * compression, before any request (Node's web streams, under load), with nothing to retry.
 */
export const GZIP_MAX_MS = 2000;

/** Compresses with the browser's `CompressionStream`. */
async function gzip(json: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * `json` as a request body, gzip'd when `allowGzip`, the browser can, it is at least
 * GZIP_MIN_BYTES, and compressing takes at most `maxMs` (else plain).
 */
export async function encodeJsonBody(
  json: string,
  allowGzip: boolean,
  { maxMs = GZIP_MAX_MS, compress = gzip }: { maxMs?: number; compress?: (json: string) => Promise<Uint8Array<ArrayBuffer>> } = {},
): Promise<EncodedBody> {
  const plain: EncodedBody = { body: json, headers: { 'content-type': 'application/json' } };
  if (!allowGzip || typeof CompressionStream === 'undefined' || json.length < GZIP_MIN_BYTES) return plain;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), maxMs)));
  try {
    const body = await Promise.race([compress(json), late]);
    return body ? { body, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } } : plain;
  } finally {
    clearTimeout(timer);
  }
}
