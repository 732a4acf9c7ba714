/**
 * Whom the session cache of sync-server/auth/session.ts forgets around a request (`changeScopeOf`,
 * a table: method and path under /api, actor → scope), and that a forget of one member or
 * municipality drops theirs only, including a resolution that was still being read when it came.
 */
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/permissions';
import type { Session } from '../../sync-server/auth/accounts';
import { changeScopeOf, SessionCache, type ChangeScope } from '../../sync-server/auth/session';

const official: Actor = { memberId: 'm-official', municipalityId: 'kyiv', role: 'official', memberStatus: 'active', municipalityVerified: true };
const moderator: Actor = { memberId: 'm-moderator', municipalityId: 'moderators', role: 'moderator', memberStatus: 'active', municipalityVerified: true };

const request = (method: string, path: string) => ({ method, path }) as Request;

describe('changeScopeOf', () => {
  const cases: [method: string, path: string, actor: Actor | null, scope: ChangeScope | null][] = [
    ['GET', '/sync/members/pull', official, null],
    ['HEAD', '/auth/me', official, null],
    ['POST', '/sync/needs/push', official, null],
    ['PUT', '/photos/p1', official, null],
    ['POST', '/auth/login', null, null],
    ['POST', '/auth/register', null, null],
    ['POST', '/invitations', official, null],
    ['POST', '/invitations/accept', null, null],
    ['POST', '/sync/members/push', official, { municipalityId: 'kyiv' }],
    ['POST', '/sync/Municipalities/push/', official, { municipalityId: 'kyiv' }],
    ['POST', '/sync/%6Dembers/push', official, { municipalityId: 'kyiv' }],
    ['POST', '/sync/members/push', moderator, 'everyone'],
    ['POST', '/sync/members/push', null, null],
    ['POST', '/auth/logout', official, { memberId: 'm-official' }],
    ['POST', '/auth/password', official, { memberId: 'm-official' }],
    ['POST', '/members/m-2/remove', official, { memberId: 'm-2' }],
    ['POST', '/moderation/members/m-2/verify', moderator, { memberId: 'm-2' }],
    ['POST', '/moderation/members/m-2/reject', moderator, { memberId: 'm-2' }],
    ['POST', '/moderation/municipalities/lviv/verify', moderator, { municipalityId: 'lviv' }],
    ['POST', '/moderation/municipalities/lviv/reject', moderator, { municipalityId: 'lviv' }],
    ['POST', '/members/%E0%A4%A/remove', official, 'everyone'],
    ['POST', '/something/new', official, 'everyone'],
    ['DELETE', '/photos', official, 'everyone'],
  ];
  it.each(cases)('%s %s → its scope', (method, path, actor, scope) => {
    expect(changeScopeOf(request(method, path), actor)).toEqual(scope);
  });
});

describe('SessionCache', () => {
  const NOW = 1_000_000;
  const resolved = (actor: Actor) => ({ session: { expiresAt: NOW + 60_000, lastSeenAt: NOW } as Session, actor, at: NOW });
  const colleague: Actor = { ...official, memberId: 'm-colleague' };
  const stranger: Actor = { ...official, memberId: 'm-stranger', municipalityId: 'lviv' };

  function filled(): SessionCache {
    const cache = new SessionCache(60_000);
    for (const [token, actor] of [['t-official', official], ['t-colleague', colleague], ['t-stranger', stranger]] as const) cache.set(token, resolved(actor), cache.ticket());
    return cache;
  }
  const remembered = (cache: SessionCache) => ['t-official', 't-colleague', 't-stranger'].filter((token) => cache.get(token, NOW) !== undefined);

  it('forgets one member, one municipality’s members, or everyone', () => {
    const cases: [ChangeScope, string[]][] = [
      [{ memberId: 'm-official' }, ['t-colleague', 't-stranger']],
      [{ municipalityId: 'kyiv' }, ['t-stranger']],
      ['everyone', []],
    ];
    for (const [scope, left] of cases) {
      const cache = filled();
      cache.forget(scope);
      expect(remembered(cache), JSON.stringify(scope)).toEqual(left);
    }
  });

  it('does not remember a resolution started before a forget of its scope, nor one made while a change of it runs', () => {
    const cache = new SessionCache(60_000);
    const before = cache.ticket();
    cache.forget({ memberId: 'm-official' });
    cache.set('t-official', resolved(official), before);
    cache.set('t-colleague', resolved(colleague), before);
    expect(cache.get('t-official', NOW)).toBeUndefined();
    expect(cache.get('t-colleague', NOW)).toBeDefined();

    const answered = new EventEmitter();
    cache.forgetAround(answered as unknown as Response, { municipalityId: 'kyiv' });
    cache.set('t-official', resolved(official), cache.ticket());
    cache.set('t-stranger', resolved(stranger), cache.ticket());
    expect(cache.get('t-official', NOW)).toBeUndefined();
    expect(cache.get('t-colleague', NOW)).toBeUndefined();
    expect(cache.get('t-stranger', NOW)).toBeDefined();
    answered.emit('finish');
    cache.set('t-official', resolved(official), cache.ticket());
    expect(cache.get('t-official', NOW)).toBeDefined();
  });
});
