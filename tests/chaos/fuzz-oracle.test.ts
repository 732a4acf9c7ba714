/**
 * The fuzz campaign's oracle on its own (tests/chaos/support/fuzz-cases.ts): what it expects of
 * generated requests, checked without a server, so a wrong expectation is caught here rather than
 * as a false finding four minutes into a full run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRoutes, hostileBody, type FuzzCase } from './support/fuzz-cases';

const push = allRoutes().find((route) => route.name === 'sync.push')!;

/** A push of no rows by the coordinator to `collection`, as the route's odd-id cases send it. */
function emptyPushTo(collection: string): FuzzCase {
  return { route: 'sync.push', kind: 'odd-id', actor: 'coordinator', method: 'POST', path: `/api/sync/${collection}/push`, body: Buffer.from('[]'), expect: collection === 'needs' ? 'ok' : 'refused', shape: 'json' };
}

function bodyVariantsOf(base: FuzzCase): FuzzCase[] {
  return fc.sample(hostileBody(push, base), { seed: 1173368618, numRuns: 400 });
}

describe('the fuzz oracle: body variants of sync.push', () => {
  it('a hostile body on a path with an unknown collection still expects its refusal (404 unknown-collection)', () => {
    const variants = bodyVariantsOf(emptyPushTo('3f1c9a52-8d0e-4b7a-9c61-2e5d7f0a4b18'));

    expect(new Set(variants.map((variant) => variant.kind))).toEqual(new Set(['wrong-type', 'malformed-json', 'huge-body', 'deep-body', 'wrong-content-type']));
    expect(variants.filter((variant) => variant.expect !== 'refused').map((variant) => `${variant.kind} ${JSON.stringify(variant.contentType)} ${variant.body?.toString('utf8').slice(0, 40)}`)).toEqual([]);
  });

  it('a hostile body on a real collection is still judged by its body', () => {
    const accepted = bodyVariantsOf(emptyPushTo('needs')).filter((variant) => variant.expect === 'ok');

    // `application/json\0` reaches the parser as JSON (the NUL is dropped on the way): the empty push stays valid.
    expect(accepted.map((variant) => variant.kind)).toContain('wrong-content-type');
  });
});
