/** Push bodies gzip'd for a slow uplink (app/db/gzip-body.ts): only when allowed and worth it, and they inflate to the same JSON. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeJsonBody, GZIP_MIN_BYTES } from '../../app/db/gzip-body';

const big = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: `need-${i}`, title: 'Дизельні генератори для насосних станцій' })));

describe('encodeJsonBody', () => {
  it('gzips a large body, says so in Content-Encoding, and it inflates to the same JSON', async () => {
    const encoded = await encodeJsonBody(big, true);
    expect(encoded.headers).toEqual({ 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(encoded.body).toBeInstanceOf(Uint8Array);
    expect(gunzipSync(encoded.body as Uint8Array).toString('utf8')).toBe(big);
    expect((encoded.body as Uint8Array).length).toBeLessThan(Buffer.byteLength(big) / 3);
  });

  it('sends a body under GZIP_MIN_BYTES plain', async () => {
    const small = '[{"id":"a"}]';
    expect(small.length).toBeLessThan(GZIP_MIN_BYTES);
    expect(await encodeJsonBody(small, true)).toEqual({ body: small, headers: { 'content-type': 'application/json' } });
  });

  it('sends plain when gzip is not allowed (the server refused it once)', async () => {
    expect(await encodeJsonBody(big, false)).toEqual({ body: big, headers: { 'content-type': 'application/json' } });
  });

  it('sends plain when compressing outlasts maxMs (a push must never hang on its encoding)', async () => {
    const never = () => new Promise<Uint8Array<ArrayBuffer>>(() => undefined);
    const started = Date.now();
    expect(await encodeJsonBody(big, true, { maxMs: 50, compress: never })).toEqual({ body: big, headers: { 'content-type': 'application/json' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
