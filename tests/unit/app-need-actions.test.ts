/**
 * What the app offers for needs follows domain/permissions.ts: who may post, edit, and which
 * statuses the form lists (a pending member of a verified municipality keeps drafts).
 */
import { describe, expect, it } from 'vitest';
import { statusChoices } from '../../app/features/needs/need-form';
import { allowedNeedStatuses, canPostNeed, needActions } from '../../app/features/needs/useNeedActions';
import { LVIV, makeMunicipality, makeNeed } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';

const official = makeProfile();
const otherOfficial = makeProfile({ municipality: makeMunicipality({ id: LVIV, nameLatin: 'Lviv', adm1: 'UA46' }) });
const pendingMember = makeProfile({ member: { status: 'pending' } });
const pendingCoordinatorOfNewMunicipality = makeProfile({
  municipality: makeMunicipality({ verification: { status: 'pending' } }),
  member: { role: 'coordinator', status: 'pending' },
});
const moderator = makeModeratorProfile();

const open = makeNeed({ status: 'open' });
const draft = makeNeed({ status: 'draft' });

describe('needs the app offers to write', () => {
  it.each([
    ['a verified official', official, true, true, true],
    ['an official of another municipality', otherOfficial, true, false, false],
    ['a pending member of a verified municipality', pendingMember, true, false, true],
    ['a pending coordinator of a new municipality', pendingCoordinatorOfNewMunicipality, true, true, true],
    ['a moderator', moderator, false, false, false],
    ['nobody', null, false, false, false],
  ] as const)('%s: post %s, edit an open need %s, edit a draft %s', (_who, profile, post, editOpen, editDraft) => {
    expect(canPostNeed(profile)).toBe(post);
    expect(needActions(profile, open).update).toBe(editOpen);
    expect(needActions(profile, draft).update).toBe(editDraft);
  });

  it('lists the statuses each may save', () => {
    expect(allowedNeedStatuses(official, undefined, statusChoices(undefined))).toEqual(['open', 'draft']);
    expect(allowedNeedStatuses(pendingMember, undefined, statusChoices(undefined))).toEqual(['draft']);
    expect(allowedNeedStatuses(official, draft, statusChoices('draft'))).toEqual(['draft', 'open', 'withdrawn']);
    expect(allowedNeedStatuses(pendingMember, draft, statusChoices('draft'))).toEqual(['draft']);
    expect(allowedNeedStatuses(null, draft, statusChoices('draft'))).toEqual([]);
  });
});
