import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionName } from '../../../domain/collections';
import { RouteLink } from '../../components/RouteLink';
import { useDismissMerge, useRecordSync, useWriteState, type MergedWrite, type WriteState } from '../../db/usePending';
import type { RefusedItem } from '../../db/refused-writes';
import { routeHref } from '../../routes';
import './record-state.css';

type Props = {
  collection: CollectionName;
  id: string;
  /**
   * `card` (default): an icon and a word, nothing once the server has it, so a long list stays
   * quiet; `page`: in words, with the server's reason and what to do, or what a merge changed.
   */
  variant?: 'card' | 'page';
  /** Whose edit a merge can have met (the record's municipality, by name), for the page's wording. */
  from?: string;
  /** On a card of a record that has no page of its own (a pledge update): a refusal comes with its reason and the fix link. */
  explain?: boolean;
};

/** Where the member fixes, retries or discards refused changes: the list in Settings. */
export const REFUSED_CHANGES_HREF = `${routeHref({ name: 'settings' })}#settings-refused`;

/**
 * Whether the phone's latest change of one record is waiting to be sent, sent, refused (why, and
 * where to fix it) or merged with another edit (what it changed). Cards share one subscription per
 * collection (usePending.ts `useWriteState`), so a list of thousands stays fast.
 */
export function RecordSyncState({ collection, id, variant = 'card', from, explain = false }: Props) {
  return variant === 'page' ? (
    <PageState collection={collection} id={id} from={from} />
  ) : (
    <CardState collection={collection} id={id} explain={explain} />
  );
}

function CardState({ collection, id, explain }: { collection: CollectionName; id: string; explain: boolean }) {
  const { t } = useTranslation();
  const state = useWriteState(collection, id);
  if (state === 'sent') return null;
  return (
    <>
      <span className={`record-state record-state-${state}`} data-testid="record-state" data-state={state} title={t(`recordState.${state}Hint`)}>
        <span className="record-state-icon" aria-hidden="true" />
        <span className="visually-hidden">{`${t('recordState.label')}: `}</span>
        {t(`recordState.${state}`)}
      </span>
      {explain && state === 'refused' && <InlineRefusal collection={collection} id={id} />}
    </>
  );
}

/** The reason and the fix link, as phrasing content (it sits inside a line of text). */
function InlineRefusal({ collection, id }: { collection: CollectionName; id: string }) {
  const { refused } = useRecordSync(collection, id);
  const reason = useRefusalReason(refused);
  const { t } = useTranslation();
  if (!refused) return null;
  return (
    <>
      {' '}
      <span className="record-state-reason small" data-testid="record-state-reason" data-code={refused.code}>
        {t('recordState.reason', { reason })}
      </span>{' '}
      <RouteLink route={REFUSED_CHANGES_HREF} className="record-state-fix-link" data-testid="record-state-fix">
        {t('recordState.fix')}
      </RouteLink>
    </>
  );
}

/** The server's reason for a refusal in the reader's words (the server's own message for a code this version does not know). */
function useRefusalReason(item: RefusedItem | undefined): string {
  const { t } = useTranslation();
  const fieldNames = useFieldNames();
  if (!item) return '';
  const fields = fieldNames((item.details ?? []).map((detail) => detail.field));
  return t(`refusal.${item.code}`, { ns: 'needs', fields, defaultValue: item.message });
}

function PageState({ collection, id, from }: { collection: CollectionName; id: string; from: string | undefined }) {
  const { t } = useTranslation();
  const { state, refused, merged } = useRecordSync(collection, id);
  return (
    <div className={`record-state-panel record-state-${state}`} data-testid="record-state" data-state={state}>
      <p className="record-state-line">
        <span className="record-state-icon" aria-hidden="true" />
        <span>{t(state === 'sent' ? 'recordState.sentLong' : `recordState.${state}Hint`)}</span>
      </p>
      {refused && <RefusedDetails item={refused} />}
      {merged && <MergedDetails collection={collection} id={id} merged={merged} from={from} />}
    </div>
  );
}

function RefusedDetails({ item }: { item: RefusedItem }) {
  const { t } = useTranslation();
  const reason = useRefusalReason(item);
  return (
    <>
      <p className="record-state-reason" data-testid="record-state-reason" data-code={item.code}>
        {t('recordState.reason', { reason })}
      </p>
      <RouteLink route={REFUSED_CHANGES_HREF} className="button" data-testid="record-state-fix">
        {t('recordState.fix')}
      </RouteLink>
    </>
  );
}

type MergedProps = { collection: CollectionName; id: string; merged: MergedWrite; from: string | undefined };

function MergedDetails({ collection, id, merged, from }: MergedProps) {
  const { t } = useTranslation();
  const dismiss = useDismissMerge();
  const [failed, setFailed] = useState(false);
  const who = from ?? t('recordState.someone');
  // Fields the phone now shows from the other edit; when the phone's newer edit kept every field, which of theirs it replaced.
  const shown = merged.fields.length > 0;
  const fieldNames = useFieldNames();
  const names = fieldNames(shown ? merged.fields : merged.theirFields);
  return (
    <>
      <p data-testid="record-state-merged-fields" data-fields={(shown ? merged.fields : merged.theirFields).join(' ')}>
        {t(shown ? 'recordState.mergedFields' : 'recordState.replacedFields', { who, fields: names })}
      </p>
      <button
        type="button"
        className="button"
        data-testid="record-state-dismiss"
        onClick={() => void dismiss(collection, id).catch(() => setFailed(true))}
      >
        {t('recordState.dismiss')}
      </button>
      {failed && <p role="alert">{t('recordState.dismissFailed')}</p>}
    </>
  );
}

/** Fields of needs, offers, pledges, events and messages that have a name in the reader's words. */
const NAMED_FIELDS = [
  'title', 'description', 'language', 'category', 'quantity', 'unit', 'urgency', 'neededBy',
  'place', 'status', 'availableUntil', 'deliveryOptions', 'note', 'body',
] as const;

function isNamedField(field: string): field is (typeof NAMED_FIELDS)[number] {
  return (NAMED_FIELDS as readonly string[]).includes(field);
}

/** Field names in the reader's words (a field this version does not name keeps its own name). */
function useFieldNames(): (fields: readonly string[]) => string {
  const { t } = useTranslation();
  return (fields) => fields.map((field) => (isNamedField(field) ? t(`recordState.field.${field}`) : field)).join(', ');
}

export type { WriteState };
