// @vitest-environment jsdom
/**
 * The messages screens on a real (in-memory) store: the composer writes a message document the
 * schema and the server's rule accept, shown at once as "waiting" and as "sent" once the outbox
 * clears; opening a thread reads it; the list counts unread per thread and the navigation shows
 * the total; moderators (and only they) redact, exactly as the append-only rule demands.
 */
import { act } from 'react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, saveDocument, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { useSessionStore } from '../../app/stores/session-store';
import { MessagesScreen } from '../../app/features/messages/MessagesScreen';
import { ThreadScreen } from '../../app/features/messages/ThreadScreen';
import { BottomNav } from '../../app/components/BottomNav';
import { REDACTED_MESSAGE_BODY } from '../../domain/constants';
import { checkWrite } from '../../domain/permissions';
import { messageThreadId } from '../../domain/rules/message-thread';
import { MESSAGE_SCHEMA } from '../../domain/schemas/message';
import type { Message } from '../../domain/schemas/message';
import { validateDocument } from '../../domain/validation';
import { renderWithStore, settle, type RenderedView } from '../support/render-with-store';
import { KYIV, MUNICH, T0, makeMember, makeMessage, makeMunicipality, makeNeed } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';
import { byTestId, click, fill, waitFor } from '../support/dom';

const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', location: { lat: 48.14, lon: 11.58 } });
const kyivOfficial = makeProfile();
const moderator = makeModeratorProfile();
const need = makeNeed({ title: 'Генератори для насосної станції', language: 'uk' });
const hans = makeMember({ id: 'member-hans-001', municipalityId: MUNICH, displayName: 'Hans Huber' });
const threadId = messageThreadId(need.id, KYIV, MUNICH);

let store: LocalStore;
const views: RenderedView[] = [];

async function show(element: React.ReactNode, profile = kyivOfficial): Promise<HTMLElement> {
  act(() => useSessionStore.getState().setProfile(profile));
  const view = await renderWithStore(store, element);
  views.push(view);
  return view.container;
}

/** A message from Munich as the server delivers it (accepted at `arrived`). */
async function fromMunich(id: string, body: string, arrived: number, patch: Partial<Message> = {}): Promise<Message> {
  const message = makeMessage({ id, subjectId: need.id, body, language: 'de', meta: { createdAt: arrived, serverUpdatedAt: arrived }, ...patch });
  const saved = await saveDocument(store, 'messages', message);
  // As if pulled: the server has it, nothing of it waits on this phone.
  await store.outboxes.messages!.settle([{ id, updatedAt: saved.updatedAt }]);
  return saved;
}

const thread = () => <ThreadScreen subjectKind="need" subjectId={need.id} municipalityId={MUNICH} />;
const messageItems = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[data-testid="message"]')];

beforeAll(async () => {
  await initI18n('en');
  store = await openLocalStore(getRxStorageMemory(), `messages-${Date.now()}`);
  await saveDocument(store, 'municipalities', makeMunicipality());
  await saveDocument(store, 'municipalities', munich);
  await saveDocument(store, 'needs', need);
  await saveDocument(store, 'members', hans);
  await fromMunich('message-munich-01', 'Wir können nächste Woche 8 Generatoren schicken.', T0 + 1000);
});

afterEach(() => {
  for (const view of views.splice(0)) view.unmount();
});

afterAll(async () => {
  await store.db.close();
});

describe('a thread', () => {
  it("shows the subject, theirs on the left with the author's name and a Translate link, and reads the thread", async () => {
    const page = await show(thread());
    const subject = await waitFor(page, () => byTestId(page, 'thread-subject')?.textContent === need.title && byTestId(page, 'thread-subject'));
    expect(subject.getAttribute('href')).toBe(`/needs/${need.id}`);
    const [theirs] = await waitFor(page, () => messageItems(page).length === 1 && messageItems(page));
    expect(theirs!.className).toContain('message-theirs');
    expect(theirs!.textContent).toContain('Hans Huber');
    expect(byTestId(theirs!, 'message-body')?.getAttribute('lang')).toBe('de');
    expect(byTestId(theirs!, 'translate-link')?.getAttribute('href')).toContain('sl=de&tl=en');
    await act(settle);
    const reads = await store.db.getLocal<Record<string, number>>('thread-reads');
    expect(reads?.toJSON().data[threadId]).toBe(T0 + 1000);
  });

  it('the composer writes a valid message, shown at once as waiting, then as sent once the server has it', async () => {
    const page = await show(thread());
    const body = await waitFor(page, () => byTestId<HTMLTextAreaElement>(page, 'composer-body'));
    expect(byTestId<HTMLButtonElement>(page, 'composer-send')?.disabled).toBe(true);
    fill(body, '  Danke! Wir holen sie an der Grenze ab.  ');
    await click(byTestId(page, 'composer-send')!);
    const mine = await waitFor(page, () => messageItems(page).find((item) => item.className.includes('message-mine')));
    expect(mine.dataset.state).toBe('waiting');
    expect(byTestId(mine, 'message-state')?.textContent).toBe('Waiting to be sent');
    expect(byTestId(mine, 'translate-link')).toBeNull();
    expect(body.value).toBe('');

    const stored = (await store.db.messages.findOne(mine.dataset.messageId).exec())!.toJSON() as Message;
    expect(stored).toMatchObject({
      threadId,
      subjectKind: 'need',
      subjectId: need.id,
      fromMunicipalityId: KYIV,
      toMunicipalityId: MUNICH,
      authorMemberId: kyivOfficial.actor.memberId,
      body: 'Danke! Wir holen sie an der Grenze ab.',
      language: 'en',
    });
    expect(validateDocument(MESSAGE_SCHEMA, stored)).toEqual([]);
    expect(checkWrite(kyivOfficial.actor, 'messages', undefined, stored)).toEqual({ allowed: true });

    await act(async () => {
      await store.outboxes.messages!.settle([{ id: stored.id, updatedAt: stored.updatedAt }]);
      await settle();
    });
    await waitFor(page, () => mine.dataset.state === 'sent');
    expect(byTestId(mine, 'message-state')?.textContent).toContain('Sent');
  });

  it('a member of a pending municipality gets no composer', async () => {
    const pending = makeProfile({ municipality: makeMunicipality({ verification: { status: 'pending' } }) });
    const page = await show(thread(), pending);
    await waitFor(page, () => messageItems(page).length > 0);
    expect(byTestId(page, 'composer-body')).toBeNull();
  });

  it('a non-moderator is offered no redaction', async () => {
    const page = await show(thread());
    await waitFor(page, () => messageItems(page).length > 0);
    expect(byTestId(page, 'message-redact')).toBeNull();
  });

  it('a moderator redacts a message after confirming, as the append-only rule demands, and everyone sees the notice', async () => {
    const target = await fromMunich('message-munich-02', 'Ruf mich an: +49 170 0000000', T0 + 2000, { photoIds: ['photo-0000001'] });
    const page = await show(thread(), moderator);
    const item = await waitFor(page, () => messageItems(page).find((candidate) => candidate.dataset.messageId === target.id));
    expect(byTestId(page, 'composer-body')).toBeNull();
    await click(byTestId(item, 'message-redact')!);
    await click(byTestId(page, 'redact-confirm')!);
    await waitFor(page, () => byTestId(item, 'message-redacted'));
    expect(byTestId(item, 'message-redacted')?.textContent).toBe('Removed by a moderator');
    expect(byTestId(item, 'message-body')).toBeNull();
    expect(byTestId(item, 'message-redact')).toBeNull();

    const redacted = (await store.db.messages.findOne(target.id).exec())!.toJSON() as Message;
    expect(redacted).toMatchObject({ body: REDACTED_MESSAGE_BODY, redacted: true, authorMemberId: target.authorMemberId });
    expect(redacted.photoIds).toBeUndefined();
    expect(checkWrite(moderator.actor, 'messages', target, redacted)).toEqual({ allowed: true });
    expect(checkWrite(kyivOfficial.actor, 'messages', target, redacted).allowed).toBe(false);
  });
});

describe('the list of threads and the navigation badge', () => {
  it('counts the unread messages per thread and in total, and a thread opened is read', async () => {
    // Unread since Kyiv last opened the thread: the redacted one (still counted, once) and these two.
    await fromMunich('message-munich-03', 'Noch eine Frage zur Spannung.', T0 + 3000);
    await fromMunich('message-munich-04', 'Und zum Kabel.', T0 + 4000);
    const list = await show(<MessagesScreen />);
    const row = await waitFor(list, () => list.querySelector<HTMLElement>(`[data-testid="thread-row"][data-thread-id="${threadId}"]`));
    await waitFor(list, () => byTestId(row, 'thread-unread')?.dataset.count === '3');
    expect(row.textContent).toContain('München');
    expect(row.textContent).toContain(need.title);
    expect(row.textContent).toContain('Und zum Kabel.');

    const nav = await show(<BottomNav current="messages" />);
    const badge = await waitFor(nav, () => byTestId(nav, 'nav-messages-badge'));
    expect(badge.getAttribute('data-label')).toBe('3');
    expect(byTestId(nav, 'nav-messages')?.getAttribute('aria-label')).toBe('Messages, 3 unread');
    expect(byTestId(nav, 'nav-messages')?.getAttribute('aria-current')).toBe('page');

    await show(thread());
    await waitFor(list, () => byTestId(row, 'thread-unread') === null);
    await waitFor(nav, () => byTestId(nav, 'nav-messages-badge') === null);
    expect(byTestId(nav, 'nav-messages')?.getAttribute('aria-label')).toBeNull();
  });

  it('a message written offline long ago and arriving now is unread', async () => {
    await fromMunich('message-munich-05', 'Geschrieben im Funkloch.', T0 + 5000, { updatedAt: T0 - 86_400_000 });
    const list = await show(<MessagesScreen />);
    const row = await waitFor(list, () => list.querySelector<HTMLElement>(`[data-testid="thread-row"][data-thread-id="${threadId}"]`));
    await waitFor(list, () => byTestId(row, 'thread-unread')?.dataset.count === '1');
  });

  it('says so when there are no conversations', async () => {
    const lviv = makeProfile({ municipality: makeMunicipality({ id: 'muni-lviv-0001', nameLatin: 'Lviv', nameUk: 'Львів' }), member: { id: 'member-lviv-01', municipalityId: 'muni-lviv-0001' } });
    const list = await show(<MessagesScreen />, lviv);
    await waitFor(list, () => byTestId(list, 'threads-empty'));
    expect(byTestId(list, 'threads')).toBeNull();
  });
});

describe('the Message <city> link of a need', () => {
  it('is offered to a partner city, opening the thread with the need owner, and hidden from the owner and from moderators', async () => {
    const { NeedScreen } = await import('../../app/features/needs/NeedScreen');
    const munichOfficial = makeProfile({ email: 'hans@muenchen.example', municipality: munich, member: { id: hans.id, displayName: 'Hans Huber' } });
    const page = await show(<NeedScreen id={need.id} />, munichOfficial);
    const link = await waitFor(page, () => byTestId(page, 'need-message-link'));
    expect(link.getAttribute('href')).toBe(`/messages/need/${need.id}/${KYIV}`);
    expect(link.textContent).toBe('Message Kyiv');
    expect(byTestId(page, 'translate-link')).not.toBeNull();

    const own = await show(<NeedScreen id={need.id} />);
    await waitFor(own, () => byTestId(own, 'need-page'));
    expect(byTestId(own, 'need-message-link')).toBeNull();
    const moderating = await show(<NeedScreen id={need.id} />, moderator);
    await waitFor(moderating, () => byTestId(moderating, 'need-page'));
    expect(byTestId(moderating, 'need-message-link')).toBeNull();
  });
});
