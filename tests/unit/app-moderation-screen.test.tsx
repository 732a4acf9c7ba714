// @vitest-environment jsdom
/**
 * The moderator's screen against a stand-in for the server at the HTTP boundary (the global fetch):
 * what is waiting is listed with what the applicants entered, a decision takes the item off the
 * list, a rejection needs a reason and sends it, and a decision someone else made first (409), an
 * offline phone and an unreachable server are each said plainly.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PendingReview } from '../../app/api/admin-api';
import { initI18n } from '../../app/i18n/index';
import { ModerationScreen } from '../../app/features/moderation/ModerationScreen';
import { useConnectionStore } from '../../app/stores/connection-store';
import { KYIV, LVIV, makeMember, makeMunicipality } from '../support/factories';
import { waitFor as waitForIn } from '../support/dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const KHARKIV = 'muni-kharkiv-01';

const applicant = makeMember({ id: 'member-iryna-01', municipalityId: KHARKIV, displayName: 'Ірина Шевчук', role: 'coordinator', status: 'pending', languages: ['uk', 'en'] });
const joiner = makeMember({ id: 'member-taras-01', municipalityId: KYIV, displayName: 'Тарас Бойко', status: 'pending', languages: ['uk', 'pl'] });

function pendingReview(): PendingReview {
  return {
    municipalities: [
      {
        municipality: makeMunicipality({
          id: KHARKIV,
          nameUk: 'Харків',
          nameLatin: 'Kharkiv',
          adm1: 'UA63',
          kind: 'hromada',
          population: 1_421_000,
          location: { lat: 49.99, lon: 36.23 },
          verification: { status: 'pending' },
          languages: ['uk'],
        }),
        applicant: { member: applicant, email: 'iryna@kharkiv.example' },
      },
    ],
    members: [
      // The applicant is pending too; the screen lists them with their municipality only.
      { member: applicant, email: 'iryna@kharkiv.example', municipality: null },
      { member: joiner, email: 'taras@kyiv.example', municipality: makeMunicipality() },
    ],
  };
}

type Call = { method: string; path: string; body: unknown };

/** A stand-in for the moderation routes: answers from `state`, or with the queued overrides. */
class FakeServer {
  review = pendingReview();
  calls: Call[] = [];
  /** The next answers, one per request, before the default ones. */
  queued: (() => Response | Promise<Response>)[] = [];

  // The app calls fetch with a path string (same origin).
  readonly fetch = async (path: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    this.calls.push({ method, path, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    const next = this.queued.shift();
    if (next) return next();
    if (method === 'GET' && path === '/api/moderation/pending') return json(200, this.review);
    const decision = /^\/api\/moderation\/(municipalities|members)\/([^/]+)\/(verify|reject)$/.exec(path);
    if (method === 'POST' && decision) {
      const [, kind, id] = decision;
      if (kind === 'municipalities') {
        const item = this.review.municipalities.find((candidate) => candidate.municipality.id === id);
        this.review.municipalities = this.review.municipalities.filter((candidate) => candidate !== item);
        return json(200, { municipality: item?.municipality, member: null });
      }
      const item = this.review.members.find((candidate) => candidate.member.id === id);
      this.review.members = this.review.members.filter((candidate) => candidate !== item);
      return json(200, { member: item?.member });
    }
    return json(404, { error: { code: 'not-found', message: `No route for ${method} ${path}` } });
  };

  posts(): Call[] {
    return this.calls.filter((call) => call.method === 'POST');
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let server: FakeServer;
let container: HTMLElement;
let root: Root;

const waitFor = <T,>(find: () => T | null | undefined | false) => waitForIn(container, find);

const byTestId = (id: string, within: ParentNode = container) => within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const municipality = (id: string) => container.querySelector<HTMLElement>(`[data-testid="pending-municipality"][data-municipality-id="${id}"]`);
const member = (id: string) => container.querySelector<HTMLElement>(`[data-testid="pending-member"][data-member-id="${id}"]`);
const text = (element: HTMLElement | null) => (element?.textContent ?? '').replace(/\s+/g, ' ');

async function click(element: HTMLElement | null): Promise<void> {
  if (!element) throw new Error(`nothing to click; page: ${container.textContent}`);
  await act(async () => {
    element.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Types into a React-controlled field the way a browser does (value setter, then an input event). */
function type(field: HTMLTextAreaElement, value: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
  act(() => {
    descriptor?.set?.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function render(): Promise<void> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root.render(<ModerationScreen />);
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal('fetch', server.fetch);
  useConnectionStore.getState().setBrowserOnline(true);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe('the moderation screen', () => {
  it('lists pending municipalities with everything the applicant entered, and pending members', async () => {
    await render();
    const card = await waitFor(() => municipality(KHARKIV));
    expect(byTestId('moderation-screen')).not.toBeNull();
    const facts = text(card);
    for (const fact of ['Харків', 'Kharkiv', 'Ukraine (UA)', 'Kharkivska oblast (UA63)', 'Hromada', '1,421,000', 'Ukrainian', '49.99, 36.23', 'Ірина Шевчук', 'iryna@kharkiv.example', 'Coordinator', 'English']) {
      expect(facts).toContain(fact);
    }
    expect(card.querySelector('[lang="uk"]')?.textContent).toBe('Харків');

    const joining = member(joiner.id);
    expect(text(joining)).toContain('Тарас Бойко');
    expect(text(joining)).toContain('taras@kyiv.example');
    expect(text(joining)).toContain('Ukrainian, Polish');
    expect(text(joining)).toContain('Київ · Kyiv');
    // The applicant is decided with their municipality, not listed twice.
    expect(member(applicant.id)).toBeNull();
    expect(server.calls[0]).toMatchObject({ method: 'GET', path: '/api/moderation/pending' });
  });

  it('takes a verified municipality off the list and confirms it', async () => {
    await render();
    await click(byTestId('verify-municipality', await waitFor(() => municipality(KHARKIV))));
    await waitFor(() => municipality(KHARKIV) === null);
    expect(server.posts()).toEqual([{ method: 'POST', path: `/api/moderation/municipalities/${KHARKIV}/verify`, body: undefined }]);
    expect(text(byTestId('moderation-notice'))).toContain('Kharkiv is verified.');
    expect(member(joiner.id)).not.toBeNull();
  });

  it('keeps a decided item off the list when a load that started earlier still has it', async () => {
    await render();
    const stale = pendingReview();
    await click(byTestId('verify-member', await waitFor(() => member(joiner.id))));
    await waitFor(() => member(joiner.id) === null);
    server.queued.push(() => json(200, stale));
    await click(byTestId('moderation-refresh'));
    await waitFor(() => server.calls.filter((call) => call.path === '/api/moderation/pending').length === 2);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(municipality(KHARKIV)).not.toBeNull();
    expect(member(joiner.id)).toBeNull();
  });

  it('asks for a reason before rejecting, and sends it', async () => {
    await render();
    const card = await waitFor(() => member(joiner.id));
    await click(byTestId('reject-member', card));
    const reason = card.querySelector<HTMLTextAreaElement>('textarea[name="reason"]')!;
    expect(document.activeElement).toBe(reason);
    expect(card.querySelector(`label[for="${reason.id}"]`)?.textContent).toContain('Why is it rejected?');
    expect(reason.maxLength).toBe(500);

    await click(byTestId('reject-confirm', card));
    expect(text(byTestId('field-error-reason', card))).toBe('Please give a reason.');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    type(reason, '   ');
    await click(byTestId('reject-confirm', card));
    expect(server.posts()).toEqual([]);

    type(reason, '  Nobody at the municipality knows this person.  ');
    expect(text(card)).toContain('451 characters left');
    await click(byTestId('reject-confirm', card));
    await waitFor(() => member(joiner.id) === null);
    expect(server.posts()).toEqual([
      { method: 'POST', path: `/api/moderation/members/${joiner.id}/reject`, body: { reason: 'Nobody at the municipality knows this person.' } },
    ]);
    expect(text(byTestId('moderation-notice'))).toContain('Тарас Бойко has been rejected.');
  });

  it('closes the reason form on cancel without deciding', async () => {
    await render();
    const card = await waitFor(() => municipality(KHARKIV));
    await click(byTestId('reject-municipality', card));
    await click(byTestId('reject-cancel', card));
    expect(card.querySelector('textarea')).toBeNull();
    expect(byTestId('reject-municipality', card)).not.toBeNull();
    expect(server.posts()).toEqual([]);
  });

  it('says someone else decided already (409) and refreshes the list', async () => {
    await render();
    const card = await waitFor(() => member(joiner.id));
    // Another moderator admitted Taras meanwhile: the server no longer lists him.
    server.review.members = server.review.members.filter((item) => item.member.id !== joiner.id);
    server.queued.push(() => json(409, { error: { code: 'already-decided', message: 'This member has been decided already' } }));
    await click(byTestId('verify-member', card));
    await waitFor(() => member(joiner.id) === null);
    expect(text(byTestId('moderation-notice'))).toContain('Someone else decided this already. The list has been refreshed.');
    expect(server.calls.filter((call) => call.path === '/api/moderation/pending')).toHaveLength(2);
  });

  it('translates a refusal by its code and shows the server message for codes it does not know', async () => {
    server.queued.push(() => json(403, { error: { code: 'moderator-only', message: 'Only a moderator may do this' } }));
    await render();
    const refusal = await waitFor(() => byTestId('moderation-unavailable'));
    expect(refusal.dataset.code).toBe('moderator-only');
    expect(text(refusal)).toContain('Only a moderator may do this.');

    server.queued.push(() => json(418, { error: { code: 'teapot', message: 'I am a teapot' } }));
    await click(byTestId('admin-retry', refusal));
    await waitFor(() => text(byTestId('moderation-unavailable')).includes('The server refused: I am a teapot'));
  });

  it('says that moderation needs a connection when the phone is offline, and loads once it is back', async () => {
    useConnectionStore.getState().setBrowserOnline(false);
    await render();
    const offline = await waitFor(() => byTestId('moderation-unavailable'));
    expect(offline.dataset.code).toBe('offline');
    expect(text(offline)).toContain('This phone is offline.');
    expect(byTestId('admin-retry', offline)).not.toBeNull();
    expect(server.calls).toEqual([]);

    await act(async () => {
      useConnectionStore.getState().setBrowserOnline(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await waitFor(() => municipality(KHARKIV));
  });

  it('says when the server cannot be reached, and loads again on retry', async () => {
    server.queued.push(() => Promise.reject(new TypeError('Failed to fetch')));
    await render();
    const unreachable = await waitFor(() => byTestId('moderation-unavailable'));
    expect(unreachable.dataset.code).toBe('unreachable');
    expect(text(unreachable)).toContain('The server cannot be reached right now.');
    await click(byTestId('admin-retry', unreachable));
    await waitFor(() => municipality(KHARKIV));
    expect(byTestId('moderation-unavailable')).toBeNull();
  });

  it('says when nothing is waiting', async () => {
    server.review = { municipalities: [], members: [] };
    await render();
    expect(text(await waitFor(() => byTestId('moderation-empty')))).toBe('Nothing is waiting.');
  });

  it('shows a member whose municipality is not verified with that warning', async () => {
    server.review = {
      municipalities: [],
      members: [{ member: makeMember({ id: 'member-roman-01', municipalityId: LVIV, displayName: 'Роман', status: 'pending' }), email: null, municipality: makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv', verification: { status: 'rejected', reason: 'Duplicate' } }) }],
    };
    await render();
    const card = await waitFor(() => member('member-roman-01'));
    expect(text(card)).toContain('Municipality: rejected');
    expect(text(card)).toContain('No email on record');
  });
});
