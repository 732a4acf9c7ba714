/**
 * Regression (found by the link-fault campaign, tests/chaos/link-faults.test.ts): a pull answered
 * 200 whose body was cut short (a proxy or a dying link ends a close-delimited answer early) was
 * read as "nothing new": the phone ended its sync round without the documents, and RxDB dropped
 * the stream events that had come meanwhile. It must count as a failed request and be retried.
 */
import { describe, expect, it } from 'vitest';
import { freshNeed } from '../support/factories';
import type { PushResponse } from '../../domain/sync-protocol';
import { api, overridingFetch, serverWithOneMember, waitFor } from './support/sync-harness';

const world = serverWithOneMember();

describe('a pull answer cut short', () => {
  it('is retried, not taken for an empty answer', async () => {
    const { server, member } = world;
    const need = freshNeed({ municipalityId: member.municipalityId });
    const written = await api<PushResponse>(server, '/api/sync/needs/push', { method: 'POST', body: JSON.stringify([{ newDocumentState: { ...need, _deleted: false } }]) }, member);
    expect(written.body).toEqual({ conflicts: [], refused: [] });

    let cut = 0;
    const phone = await world.clients.add(member, ['needs'], {
      wrapFetch: overridingFetch({
        // No live stream: its reconnection would pull again and hide the bug.
        '/api/sync/stream': () => Promise.resolve(new Response('{}', { status: 503 })),
        '/pull': async (input, init, inner) => {
          if (cut > 0) return inner(input, init);
          cut++;
          const whole = await (await inner(input, init)).text();
          return new Response(whole.slice(0, Math.floor(whole.length / 2)), { status: 200, headers: { 'content-type': 'application/json' } });
        },
      }),
    });

    await phone.engine.awaitInSync();
    expect(cut).toBe(1);
    await waitFor(async () => expect((await phone.store.db.needs.findOne(need.id).exec())?.id).toBe(need.id));
  });
});
