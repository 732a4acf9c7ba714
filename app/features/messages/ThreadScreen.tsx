import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectKind } from '../../../domain/constants';
import { messageThreadId, readMarkOf } from '../../../domain/rules/message-thread';
import type { Message } from '../../../domain/schemas/message';
import { RouteLink } from '../../components/RouteLink';
import { TranslateLink } from '../../components/TranslateLink';
import { newId } from '../../db/ids';
import { saveDocument } from '../../db/local-store';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { useDocument, useMunicipalities } from '../../db/useDocuments';
import { useWriteStates, type WriteState } from '../../db/usePending';
import { formatDateTime, municipalityName } from '../../i18n/format';
import { useActor } from '../../stores/session-store';
import { MAX_MESSAGE_LENGTH } from './constants';
import { mayMessage, mayRedact, messageFrom, redactionOf } from './message-writes';
import { markThreadRead, useThreadReads } from './thread-reads';
import { useAuthorNames, useReaderMunicipality, useThreadMessages } from './useMessages';
import { useSubjects } from './useSubjects';
import './messages.css';
import { useUnsavedForm } from '../../hooks/useUnsavedForm';

type Props = { subjectKind: SubjectKind; subjectId: string; municipalityId: string };

/**
 * One conversation (`/messages/:kind/:subject/:with`) between the member's municipality and
 * another about a need, offer or pledge: the subject, the messages in thread order (mine on the
 * right with "waiting to be sent" or "sent"), a composer that works offline, and for moderators a
 * redaction of each message. Opening it marks it read on this phone.
 */
export function ThreadScreen({ subjectKind, subjectId, municipalityId }: Props) {
  const { t, i18n } = useTranslation('messages');
  const language = i18n.resolvedLanguage ?? 'en';
  const store = useLocalStore();
  const actor = useActor();
  const reader = useReaderMunicipality();
  const mine = reader ?? '';
  const threadId = messageThreadId(subjectId, mine, municipalityId);
  const { messages, loading } = useThreadMessages(subjectId, reader, municipalityId);
  const { document: other } = useDocument('municipalities', municipalityId);
  const refs = useMemo(() => [{ subjectKind, subjectId }], [subjectKind, subjectId]);
  const subject = useSubjects(refs).get(subjectId);
  const names = useAuthorNames(messages);
  const stateOf = useWriteStates('messages');
  const reads = useThreadReads(store);
  const [redacting, setRedacting] = useState<Message | null>(null);
  const city = other ? municipalityName(other, language) : t('unknownCity');
  const { byId } = useMunicipalities();
  const cityOf = (id: string) => {
    const found = byId.get(id);
    return found ? municipalityName(found, language) : t('unknownCity');
  };

  // Seeing the thread reads it: the mark moves to the latest arrival shown (never back).
  const readUpTo = reads?.[threadId] ?? 0;
  const mark = reader !== null ? readMarkOf(messages, reader, readUpTo) : readUpTo;
  useEffect(() => {
    if (reads !== null && mark > readUpTo) markThreadRead(store, threadId, mark).catch((error: unknown) => store.backgroundErrors.next(error));
  }, [store, threadId, reads, mark, readUpTo]);

  const onRedact = useCallback((message: Message) => setRedacting(message), []);
  const listRef = useRef<HTMLOListElement>(null);
  const lastId = messages.at(-1)?.id;
  useEffect(() => {
    const list = listRef.current;
    if (lastId && list && typeof list.lastElementChild?.scrollIntoView === 'function') list.lastElementChild.scrollIntoView({ block: 'nearest' });
  }, [lastId]);

  if (actor !== null && municipalityId === actor.municipalityId) {
    return (
      <section className="screen" data-testid="thread-not-found">
        <p className="empty">{t('thread.notFound')}</p>
        <RouteLink route={{ name: 'messages' }} className="button">
          {t('thread.toList')}
        </RouteLink>
      </section>
    );
  }

  return (
    <section className="screen thread-screen" data-testid="thread" data-thread-id={threadId} aria-labelledby="thread-heading">
      <header className="thread-header">
        <h2 id="thread-heading">{t('thread.title', { city })}</h2>
        <p className="thread-subject">
          <span className="muted">{`${t(`subject.kind.${subjectKind}`)}: `}</span>
          <RouteLink route={subject?.route ?? { name: 'messages' }} data-testid="thread-subject">
            <span lang={subject?.language}>{subject?.title ?? t(`subject.unknown.${subjectKind}`)}</span>
          </RouteLink>
        </p>
      </header>
      {loading ? (
        <p className="loading">{t('loading', { ns: 'common' })}</p>
      ) : messages.length === 0 ? (
        <p className="empty" data-testid="thread-empty">
          {t('thread.empty')}
        </p>
      ) : null}
      <ol className="thread-messages" ref={listRef} data-testid="thread-messages" aria-label={t('thread.messagesLabel')}>
        {messages.map((message) => {
          const own = reader !== null && message.fromMunicipalityId === reader;
          return (
            <MessageItem
              key={message.id}
              message={message}
              own={own}
              author={names.get(message.authorMemberId) ?? (own ? null : cityOf(message.fromMunicipalityId))}
              state={own ? stateOf(message.id) : 'sent'}
              redactable={mayRedact(actor, message)}
              onRedact={onRedact}
              city={city}
            />
          );
        })}
      </ol>
      {actor && mayMessage(actor, subjectKind, subjectId, municipalityId) && (
        <Composer subjectKind={subjectKind} subjectId={subjectId} municipalityId={municipalityId} city={city} />
      )}
      {redacting && <RedactDialog message={redacting} onClose={() => setRedacting(null)} />}
    </section>
  );
}

type ItemProps = {
  message: Message;
  own: boolean;
  /** The author's display name when the phone has it; null: "you" (own municipality, unknown member). */
  author: string | null;
  state: WriteState;
  redactable: boolean;
  onRedact: (message: Message) => void;
  city: string;
};

const MessageItem = memo(function MessageItem({ message, own, author, state, redactable, onRedact, city }: ItemProps) {
  const { t, i18n } = useTranslation('messages');
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <li className={`message ${own ? 'message-mine' : 'message-theirs'}`} data-testid="message" data-message-id={message.id} data-state={state}>
      <p className="message-meta small">
        <span className="message-author">{author ?? t('thread.you')}</span>
        {' · '}
        <time dateTime={new Date(message.updatedAt).toISOString()}>{formatDateTime(message.updatedAt, language)}</time>
      </p>
      {message.redacted ? (
        <p className="message-redacted" data-testid="message-redacted">
          {t('redacted')}
        </p>
      ) : (
        <>
          <p className="message-body" lang={message.language} data-testid="message-body">
            {message.body}
          </p>
          <TranslateLink text={message.body} language={message.language} />
        </>
      )}
      {own && (
        <p className={`message-state small message-state-${state}`} data-testid="message-state">
          {state === 'waiting' ? t('state.waiting') : state === 'refused' ? t('state.refused') : t('state.sent')}
          {state === 'sent' && <span className="visually-hidden">{` ${t('state.sentHint', { city })}`}</span>}
        </p>
      )}
      {redactable && (
        <button type="button" className="button message-redact" data-testid="message-redact" onClick={() => onRedact(message)}>
          {t('redact.action')}
        </button>
      )}
    </li>
  );
});

/** Writes a message on the phone at once; the replication sends it when online, in the order written. */
function Composer({ subjectKind, subjectId, municipalityId, city }: Props & { city: string }) {
  const { t, i18n } = useTranslation('messages');
  const store = useLocalStore();
  const actor = useActor();
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fieldId = useId();
  const empty = body.trim() === '';
  useUnsavedForm(!empty);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!actor || empty || saving) return;
    setSaving(true);
    setFailure(null);
    try {
      const draft = { id: newId(), subjectKind, subjectId, toMunicipalityId: municipalityId, body, language: i18n.resolvedLanguage ?? 'en' };
      await saveDocument(store, 'messages', messageFrom(actor, draft));
      setBody('');
    } catch (error) {
      setFailure(t('composer.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="composer" onSubmit={(event) => void send(event)} data-testid="composer">
      <label htmlFor={fieldId} className="visually-hidden">
        {t('composer.label', { city })}
      </label>
      <textarea
        id={fieldId}
        name="body"
        rows={2}
        maxLength={MAX_MESSAGE_LENGTH}
        placeholder={t('composer.placeholder')}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        data-testid="composer-body"
      />
      <button type="submit" className="button primary" disabled={empty || saving} data-testid="composer-send">
        {t('composer.send')}
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}

/** Confirms a moderator's redaction and writes it as the append-only rule demands. */
function RedactDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const { t } = useTranslation('messages');
  const store = useLocalStore();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  const redact = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const { updatedAt: _updatedAt, ...redaction } = redactionOf(message);
      await saveDocument(store, 'messages', redaction);
      onClose();
    } catch (error) {
      setFailure(t('redact.failed', { message: error instanceof Error ? error.message : String(error) }));
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} data-testid="redact-dialog">
        <h2 id={`${id}-title`}>{t('redact.title')}</h2>
        <p id={`${id}-text`}>{t('redact.text')}</p>
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button danger" disabled={busy} onClick={() => void redact()} data-testid="redact-confirm">
            {t('redact.confirm')}
          </button>
          <button ref={cancelRef} type="button" className="button" disabled={busy} onClick={onClose} data-testid="redact-cancel">
            {t('redact.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
