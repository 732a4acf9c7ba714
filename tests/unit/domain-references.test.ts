import { describe, expect, it } from 'vitest';
import { writeReferences } from '../../domain/references';
import { makeEvent, makeNeed, makePhoto, makePledge } from './domain-factories';

describe('writeReferences: what the server must hold before it accepts a document', () => {
  it.each([
    ['a pledge without offer → its need', 'pledges', makePledge({ offerId: undefined }), [{ collection: 'needs', id: makePledge().needId }]],
    ['a pledge from an offer → need and offer', 'pledges', makePledge({ offerId: 'offer-12345678' }), [{ collection: 'needs', id: makePledge().needId }, { collection: 'offers', id: 'offer-12345678' }]],
    ['an event → its pledge', 'pledge_events', makeEvent('dispatched', { pledgeId: 'pledge-abcdefgh' }), [{ collection: 'pledges', id: 'pledge-abcdefgh' }]],
    ['an event photo → the event', 'photos', makePhoto({ ownerKind: 'pledgeEvent', ownerId: 'event-abcdefgh' }), [{ collection: 'pledge_events', id: 'event-abcdefgh' }]],
    ['a message photo → the message', 'photos', makePhoto({ ownerKind: 'message', ownerId: 'message-abcdefgh' }), [{ collection: 'messages', id: 'message-abcdefgh' }]],
    ['a need → nothing', 'needs', makeNeed(), []],
  ] as const)('%s', (_name, collection, doc, expected) => {
    expect(writeReferences(collection, doc)).toEqual(expected);
  });

  it('an unknown photo owner kind refers to nothing (the server refuses it by schema)', () => {
    expect(writeReferences('photos', { ...makePhoto(), ownerKind: 'planet' })).toEqual([]);
  });
});
