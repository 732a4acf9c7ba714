// @vitest-environment jsdom
/**
 * The coordinator's members screen on a real (in-memory) RxDB: the list comes from the local
 * database and follows it (as sync writes into it), statuses are translated, the coordinator cannot
 * remove themselves, and an invitation (from a stand-in for the server at the global fetch) shows
 * its code, its expiry in the interface language and a way to copy it.
 */
import { act, type ReactNode } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../domain/permissions';
import type { Member } from '../../domain/schemas/member';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { formatDateTime } from '../../app/i18n/format';
import { MembersScreen } from '../../app/features/accounts/MembersScreen';
import { useConnectionStore } from '../../app/stores/connection-store';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { waitFor } from '../support/dom';
import { DAY, KYIV, LVIV, T0, makeMember } from '../support/factories';

const COORDINATOR = makeMember({ id: 'member-olena-01', displayName: 'Олена Коваленко', role: 'coordinator' });
const OFFICIAL = makeMember({ id: 'member-petro-01', displayName: 'Петро Мельник', role: 'official' });
const NEWCOMER = makeMember({ id: 'member-anna-001', displayName: 'Анна Кравець', role: 'official', status: 'pending' });
const FORMER = makeMember({ id: 'member-ivan-001', displayName: 'Іван Ткаченко', role: 'volunteer', status: 'removed' });
const ELSEWHERE = makeMember({ id: 'member-lviv-001', municipalityId: LVIV, displayName: 'Марта Гнатюк' });

const coordinator: Actor = { memberId: COORDINATOR.id, municipalityId: KYIV, role: 'coordinator', memberStatus: 'active', municipalityVerified: true };

type Call = { method: string; path: string };

let store: LocalStore;
let view: RenderedView | undefined;
let calls: Call[];
/** The JSON bodies the page sent, in order. */
let bodies: unknown[];
let answer: (path: string) => Response;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function render(children: ReactNode): Promise<HTMLElement> {
  view = await renderWithStore(store, children);
  return view.container;
}

const screen = (actor: Actor = coordinator) => <MembersScreen municipalityId={KYIV} memberId={COORDINATOR.id} actor={actor} />;


const items = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[data-testid="member-item"]')];
const item = (container: HTMLElement, id: string) => container.querySelector<HTMLElement>(`[data-testid="member-item"][data-member-id="${id}"]`);
const byTestId = (within: ParentNode, id: string) => within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (element: HTMLElement | null) => (element?.textContent ?? '').replace(/\s+/g, ' ');

async function click(element: HTMLElement | null): Promise<void> {
  if (!element) throw new Error('nothing to click');
  await act(async () => {
    element.click();
    await settle();
  });
}

/** jsdom has no clipboard; the test gives the page one (or explicitly none). */
function stubClipboard(clipboard: Pick<Clipboard, 'writeText'> | undefined): void {
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
}

async function save(member: Member): Promise<void> {
  const { updatedAt: _updatedAt, ...input } = member;
  await act(async () => {
    await saveDocument(store, 'members', input);
    await settle();
  });
}

beforeAll(async () => {
  await initI18n('uk');
  store = await openLocalStore(getRxStorageMemory(), `members-screen-${Date.now()}`);
  for (const member of [COORDINATOR, OFFICIAL, NEWCOMER, FORMER, ELSEWHERE]) await save(member);
});

afterAll(async () => {
  await store.db.close();
});

beforeEach(() => {
  calls = [];
  bodies = [];
  answer = (path) => json(404, { error: { code: 'not-found', message: `No route for ${path}` } });
  // The app calls fetch with a path string (same origin).
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) => {
    calls.push({ method: init?.method ?? 'GET', path });
    if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body));
    return Promise.resolve(answer(path));
  });
  useConnectionStore.getState().setBrowserOnline(true);
});

afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('the members screen', () => {
  it('lists the members of the municipality from the phone, with role and status in the interface language', async () => {
    const container = await render(screen());
    await waitFor(container, () => items(container).length === 4);
    expect(byTestId(container, 'members-screen')).not.toBeNull();
    // Active members first, then those waiting for a moderator, then removed ones; no other municipality's.
    expect(items(container).map((element) => [element.dataset.memberId, element.dataset.status])).toEqual([
      [COORDINATOR.id, 'active'],
      [OFFICIAL.id, 'active'],
      [NEWCOMER.id, 'pending'],
      [FORMER.id, 'removed'],
    ]);
    expect(text(item(container, OFFICIAL.id))).toContain('Петро Мельник');
    expect(text(item(container, OFFICIAL.id))).toContain('Роль: Посадова особа');
    expect(text(item(container, NEWCOMER.id))).toContain('Статус: Чекає на модератора');
    expect(text(item(container, FORMER.id))).toContain('Статус: Вилучений');
    expect(text(item(container, COORDINATOR.id))).toContain('Ви');
    expect(text(container.querySelector('.count'))).toBe('4 учасники');
  });

  it('offers removal of other active and pending members, never of oneself or of a removed member', async () => {
    const container = await render(screen());
    await waitFor(container, () => items(container).length === 4);
    expect(byTestId(item(container, COORDINATOR.id)!, 'remove-member')).toBeNull();
    expect(byTestId(item(container, FORMER.id)!, 'remove-member')).toBeNull();
    expect(byTestId(item(container, OFFICIAL.id)!, 'remove-member')).not.toBeNull();
    expect(byTestId(item(container, NEWCOMER.id)!, 'remove-member')).not.toBeNull();
  });

  it('offers an official neither invitations nor removals', async () => {
    const official: Actor = { ...coordinator, memberId: OFFICIAL.id, role: 'official' };
    const container = await render(<MembersScreen municipalityId={KYIV} memberId={OFFICIAL.id} actor={official} />);
    await waitFor(container, () => items(container).length === 4);
    expect(container.querySelector('[data-testid="remove-member"]')).toBeNull();
    expect(byTestId(container, 'invite-button')).toBeNull();
  });

  it('removes a member after a confirmation, and shows the removal once sync brings it', async () => {
    answer = () => json(200, { member: { ...NEWCOMER, status: 'removed' }, revokedSessions: 1 });
    const container = await render(screen());
    const card = await waitFor(container, () => item(container, NEWCOMER.id));
    await click(byTestId(card, 'remove-member'));
    expect(text(card)).toContain('Вилучити Анна Кравець з громади?');
    await click(byTestId(card, 'remove-cancel'));
    expect(calls).toEqual([]);

    await click(byTestId(card, 'remove-member'));
    await click(byTestId(card, 'remove-confirm'));
    await waitFor(container, () => calls.length === 1);
    expect(calls).toEqual([{ method: 'POST', path: `/api/members/${NEWCOMER.id}/remove` }]);
    await waitFor(container, () => text(byTestId(container, 'members-notice')).includes('Анна Кравець: вилучено.'));
    expect(byTestId(card, 'remove-member')).toBeNull();

    // What sync writes into the phone's database (the server's removal) reaches the list.
    await save({ ...NEWCOMER, status: 'removed' });
    await waitFor(container, () => item(container, NEWCOMER.id)?.dataset.status === 'removed');
    await save(NEWCOMER);
  });

  it('says a removal needs a connection when the phone is offline', async () => {
    useConnectionStore.getState().setBrowserOnline(false);
    const container = await render(screen());
    const card = await waitFor(container, () => item(container, OFFICIAL.id));
    await click(byTestId(card, 'remove-member'));
    await click(byTestId(card, 'remove-confirm'));
    expect(calls).toEqual([]);
    expect(byTestId(container, 'members-notice')?.querySelector('[data-code="offline"]')).not.toBeNull();
  });

  it('creates an invitation and shows its code, its expiry and how to pass it on', async () => {
    const expiresAt = T0 + 7 * DAY;
    answer = () => json(201, { code: 'ABCDEFGHJKMNPQRS', municipalityId: KYIV, expiresAt, role: 'official' });
    const writeText = vi.fn(() => Promise.resolve());
    stubClipboard({ writeText });
    const container = await render(screen());
    await click(byTestId(container, 'invite-button'));
    const code = await waitFor(container, () => byTestId(container, 'invitation-code'));
    expect(calls).toEqual([{ method: 'POST', path: '/api/invitations' }]);
    expect(bodies).toEqual([{ role: 'official' }]);
    expect(code.textContent).toBe('ABCDEFGHJKMNPQRS');
    expect(byTestId(container, 'invitation-role')?.dataset.role).toBe('official');
    expect(text(byTestId(container, 'invitation-expires'))).toBe(`Дійсний до ${formatDateTime(expiresAt, 'uk')}, для однієї людини.`);
    expect(text(byTestId(container, 'invitation'))).toContain('модератор його допускає');

    await click(byTestId(container, 'copy-invitation'));
    expect(writeText).toHaveBeenCalledWith('ABCDEFGHJKMNPQRS');
    expect(text(byTestId(container, 'copy-status'))).toBe('Скопійовано.');
  });

  it('invites a field volunteer when the coordinator chooses that role, and says the code admits a volunteer', async () => {
    answer = () => json(201, { code: 'ABCDEFGHJKMNPQRS', municipalityId: KYIV, expiresAt: T0 + 7 * DAY, role: 'volunteer' });
    const container = await render(screen());
    const official = byTestId(container, 'invite-role-official') as HTMLInputElement;
    const volunteer = byTestId(container, 'invite-role-volunteer') as HTMLInputElement;
    expect(official.checked).toBe(true);
    expect(text(volunteer.closest('label'))).toContain('Волонтер');
    await click(volunteer);
    expect(volunteer.checked).toBe(true);
    await click(byTestId(container, 'invite-button'));
    await waitFor(container, () => byTestId(container, 'invitation-code'));
    expect(bodies).toEqual([{ role: 'volunteer' }]);
    expect(text(byTestId(container, 'invitation-role'))).toContain('Волонтер');
  });

  it('explains how to copy by hand when the browser cannot copy', async () => {
    answer = () => json(201, { code: 'ABCDEFGHJKMNPQRS', municipalityId: KYIV, expiresAt: T0 + 7 * DAY, role: 'official' });
    stubClipboard(undefined);
    const container = await render(screen());
    await click(byTestId(container, 'invite-button'));
    await click(await waitFor(container, () => byTestId(container, 'copy-invitation')));
    expect(text(byTestId(container, 'copy-status'))).toContain('скопіюйте вручну');
  });

  it('translates a refused invitation, and says when invitations are not open yet', async () => {
    answer = () => json(403, { error: { code: 'not-verified', message: 'Invitations open once a moderator has verified you' } });
    const container = await render(screen());
    await click(byTestId(container, 'invite-button'));
    await waitFor(container, () => container.querySelector('[data-code="not-verified"]'));
    view?.unmount();

    const pending = await render(screen({ ...coordinator, municipalityVerified: false }));
    expect(byTestId(pending, 'invite-button')).toBeNull();
    expect(text(byTestId(pending, 'invitation-not-verified'))).toContain('Запрошення стануть доступні');
  });
});
