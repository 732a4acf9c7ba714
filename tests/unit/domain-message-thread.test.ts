import { describe, expect, it } from 'vitest';
import { hasConsistentThread, messageThreadId } from '../../domain/rules/message-thread';
import { KYIV, MUNICH, makeMessage } from './domain-factories';

describe('message threads', () => {
  it('both sides of a conversation land in the same thread', () => {
    expect(messageThreadId('need-generators-01', KYIV, MUNICH)).toBe(messageThreadId('need-generators-01', MUNICH, KYIV));
  });

  /** message patch → consistent. */
  it.each([
    ['a reply from the other side', { fromMunicipalityId: KYIV, toMunicipalityId: MUNICH, authorMemberId: 'member-olena-01' }, true],
    ['a thread id of another subject', { threadId: messageThreadId('offer-other-00001', KYIV, MUNICH) }, false],
    ['a thread id naming a third municipality', { threadId: messageThreadId('need-generators-01', KYIV, 'muni-krakow-01') }, false],
    ['a message to oneself', { fromMunicipalityId: KYIV, toMunicipalityId: KYIV, threadId: messageThreadId('need-generators-01', KYIV, KYIV) }, false],
  ])('%s → %s', (_name, patch, consistent) => {
    const base = makeMessage();
    const message = { ...base, ...patch };
    if (!('threadId' in patch)) message.threadId = messageThreadId(message.subjectId, message.fromMunicipalityId, message.toMunicipalityId);
    expect(hasConsistentThread(message)).toBe(consistent);
  });
});
