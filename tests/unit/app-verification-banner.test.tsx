// @vitest-environment jsdom
/** What a member waiting for, or refused by, a moderator is told. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VerificationBanner, verificationNotice } from '../../app/features/accounts/VerificationBanner';
import { initI18n } from '../../app/i18n/index';
import { byTestId } from '../support/dom';
import { makeMunicipality } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';
import { render, type RenderedView } from '../support/render-with-store';

const pendingMunicipality = makeMunicipality({ verification: { status: 'pending' } });
const rejectedMunicipality = makeMunicipality({ verification: { status: 'rejected', reason: 'No such hromada in the register.' } });

describe('the verification notice', () => {
  it.each([
    ['a verified member of a verified municipality', makeProfile(), null],
    ['a moderator', makeModeratorProfile(), null],
    ['a new municipality and its coordinator', makeProfile({ municipality: pendingMunicipality, member: { status: 'pending', role: 'coordinator' } }), { status: 'pending', waiting: 'municipality' }],
    ['a member who joined a verified municipality', makeProfile({ member: { status: 'pending' } }), { status: 'pending', waiting: 'member' }],
    ['a rejected municipality', makeProfile({ municipality: rejectedMunicipality, member: { status: 'pending' } }), { status: 'rejected', reason: 'No such hromada in the register.' }],
    ['a rejected member', makeProfile({ member: { status: 'removed' }, rejection: { reason: 'Not known to the coordinator.', at: 1 } }), { status: 'rejected', reason: 'Not known to the coordinator.' }],
    ['a removed member', makeProfile({ member: { status: 'removed' } }), { status: 'removed' }],
  ] as const)('for %s', (_who, profile, notice) => {
    expect(verificationNotice(profile)).toEqual(notice);
  });
});

describe('the verification banner', () => {
  let view: RenderedView;

  beforeAll(async () => {
    await initI18n('en');
  });

  afterEach(() => view.unmount());

  it('says a pending member may prepare needs that others see once verified', async () => {
    view = await render(<VerificationBanner profile={makeProfile({ municipality: pendingMunicipality, member: { status: 'pending' } })} />);
    const banner = byTestId(view.container, 'verification-banner')!;
    expect(banner.dataset.status).toBe('pending');
    expect(banner.textContent).toBe('Your municipality is waiting for a moderator. You can prepare needs; others see them once you are verified.');
  });

  it('gives the moderator’s reason for a rejection', async () => {
    view = await render(<VerificationBanner profile={makeProfile({ municipality: rejectedMunicipality })} />);
    const banner = byTestId(view.container, 'verification-banner')!;
    expect(banner.dataset.status).toBe('rejected');
    expect(banner.textContent).toContain('No such hromada in the register.');
  });

  it('is absent once all is verified', async () => {
    view = await render(<VerificationBanner profile={makeProfile()} />);
    expect(byTestId(view.container, 'verification-banner')).toBeNull();
  });
});
