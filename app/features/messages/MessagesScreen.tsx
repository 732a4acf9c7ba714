import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { REDACTED_MESSAGE_BODY } from '../../../domain/constants';
import type { ThreadSummary } from '../../../domain/rules/message-thread';
import type { Municipality } from '../../../domain/schemas/municipality';
import { RouteLink } from '../../components/RouteLink';
import { useMunicipalities } from '../../db/useDocuments';
import { formatDateTime, municipalityName } from '../../i18n/format';
import { PREVIEW_LENGTH } from './constants';
import { useMyThreads, useReaderMunicipality } from './useMessages';
import { useSubjects, type Subject } from './useSubjects';
import './messages.css';

/**
 * The conversations of the member's municipality (`/messages`), latest activity first: what each is
 * about, with which city, the last message and how many are unread on this phone.
 */
export function MessagesScreen() {
  const { t } = useTranslation('messages');
  const { threads, loading } = useMyThreads();
  const { byId } = useMunicipalities();
  const subjects = useSubjects(threads);
  const reader = useReaderMunicipality();
  return (
    <section className="screen messages-screen" aria-labelledby="messages-heading">
      <h2 id="messages-heading">{t('title')}</h2>
      {loading ? (
        <p className="loading">{t('loading', { ns: 'common' })}</p>
      ) : threads.length === 0 ? (
        <p className="empty" data-testid="threads-empty">
          {t('empty')}
        </p>
      ) : (
        <ul className="threads" data-testid="threads">
          {threads.map((thread) => (
            <ThreadRow
              key={thread.threadId}
              thread={thread}
              cities={reader === null ? thread.municipalityIds.map((id) => byId.get(id)) : [byId.get(thread.otherMunicipalityId)]}
              subject={subjects.get(thread.subjectId)}
              mine={thread.last.fromMunicipalityId === reader}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type RowProps = {
  thread: ThreadSummary;
  /** The other municipality; for a reader of every thread, both. */
  cities: (Municipality | undefined)[];
  subject: Subject | undefined;
  mine: boolean;
};

const ThreadRow = memo(function ThreadRow({ thread, cities, subject, mine }: RowProps) {
  const { t, i18n } = useTranslation('messages');
  const language = i18n.resolvedLanguage ?? 'en';
  const city = cities.map((other) => (other ? municipalityName(other, language) : t('unknownCity'))).join(' ↔ ');
  const { last } = thread;
  const preview = useMemo(() => {
    if (last.redacted || last.body === REDACTED_MESSAGE_BODY) return t('redacted');
    const text = last.body.length > PREVIEW_LENGTH ? `${last.body.slice(0, PREVIEW_LENGTH)}…` : last.body;
    return mine ? t('preview.mine', { text }) : text;
  }, [last, mine, t]);
  return (
    <li className={`thread-row${thread.unread > 0 ? ' thread-row-unread' : ''}`} data-testid="thread-row" data-thread-id={thread.threadId}>
      <RouteLink route={{ name: 'thread', subjectKind: thread.subjectKind, subjectId: thread.subjectId, municipalityId: thread.otherMunicipalityId }}>
        <span className="thread-row-top">
          <strong className="thread-row-city">{city}</strong>
          <time className="small muted" dateTime={new Date(thread.lastActivity).toISOString()}>
            {formatDateTime(thread.lastActivity, language)}
          </time>
        </span>
        <span className="thread-row-subject small">
          <span className="muted">{`${t(`subject.kind.${thread.subjectKind}`)}: `}</span>
          <span lang={subject?.language}>{subject?.title ?? t(`subject.unknown.${thread.subjectKind}`)}</span>
        </span>
        <span className="thread-row-bottom">
          <span className="thread-row-preview" lang={last.redacted ? undefined : last.language}>
            {preview}
          </span>
          {thread.unread > 0 && (
            <span className="count-badge" data-testid="thread-unread" data-count={thread.unread}>
              <span aria-hidden="true">{thread.unread}</span>
              <span className="visually-hidden">{t('unread', { count: thread.unread })}</span>
            </span>
          )}
        </span>
      </RouteLink>
    </li>
  );
});
