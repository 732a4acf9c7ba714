// @vitest-environment jsdom
/** Joining with an invitation code: the code from a shared link, and an unknown code refused in words. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n/index';
import { JoinScreen } from '../../app/features/accounts/JoinScreen';
import { useSessionStore } from '../../app/stores/session-store';
import { byTestId, click, control, fill } from '../support/dom';
import { fakeFetch, serverError, type ScriptedAnswer } from '../support/fake-fetch';
import { makeProfile } from '../support/profiles';
import { render, type RenderedView } from '../support/render-with-store';

let view: RenderedView;

beforeAll(async () => {
  await initI18n('en');
  useSessionStore.getState().clearProfile();
});

afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

async function join(answer: ScriptedAnswer) {
  const fetch = fakeFetch(answer);
  vi.stubGlobal('fetch', fetch);
  view = await render(<JoinScreen code="abcd-efgh-ijkl-mnop" />);
  const form = byTestId(view.container, 'join-form')!;
  fill(control(form, 'displayName'), 'Ігор');
  fill(control(form, 'email'), 'igor@sambir.example');
  fill(control(form, 'password'), 'a long enough secret');
  await click(byTestId(view.container, 'join-submit')!);
  return fetch;
}

describe('the join screen', () => {
  it('joins with the code of a shared link and stores the new member’s profile', async () => {
    const profile = makeProfile({ member: { status: 'pending' } });
    const fetch = await join({ status: 201, body: profile });
    expect(fetch.requests[0]).toMatchObject({ url: '/api/invitations/accept', body: { code: 'ABCDEFGHIJKLMNOP', displayName: 'Ігор', languages: ['uk', 'en'] } });
    expect(useSessionStore.getState().profile).toEqual(profile);
    useSessionStore.getState().clearProfile();
  });

  it('says when the code is unknown, used or expired, and points at the code', async () => {
    await join(serverError(404, 'invalid-invitation'));
    expect(byTestId(view.container, 'invalid-invitation')?.textContent).toBe(
      'This invitation code is unknown, used or expired. Ask your coordinator for a new one.',
    );
    expect(control(view.container, 'code').getAttribute('aria-invalid')).toBe('true');
    expect(useSessionStore.getState().profile).toBeNull();
  });
});
