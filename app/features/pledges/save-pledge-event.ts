/**
 * Writing pledge events: on the phone first (they show at once and count in the derived status),
 * queued for the server by `saveDocument`, which stamps them with the hybrid clock. Events are
 * append-only, so a write never conflicts with the other side's.
 */
import i18next from 'i18next';
import type { Actor } from '../../../domain/permissions';
import type { Pledge } from '../../../domain/schemas/pledge';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { newId } from '../../db/ids';
import { saveDocument, type LocalStore } from '../../db/local-store';
import { receiptEvent, type PledgeEventInput, type ReceiptInput } from './pledge-event-forms';

/** Saves an event a form made. */
export function savePledgeEvent(store: LocalStore, event: PledgeEventInput): Promise<PledgeEvent> {
  return saveDocument(store, 'pledge_events', event);
}

export type ReceiptOptions = ReceiptInput & {
  /** The interface language the note is written in (the interface's when not given). */
  language?: string;
  /** The event's id, when photos were already attached to it as their owner; a new one otherwise. */
  id?: PledgeEvent['id'];
};

/**
 * Records that the receiving side counted `quantity` on arrival (partial receipts add up), with an
 * optional note and the ids of photos taken on site (their bytes travel separately).
 */
export function saveReceipt(store: LocalStore, actor: Pick<Actor, 'memberId' | 'municipalityId'>, pledge: Pledge, options: ReceiptOptions): Promise<PledgeEvent> {
  const { language = i18next.resolvedLanguage ?? 'en', id = newId(), ...input } = options;
  return savePledgeEvent(store, receiptEvent(input, { id, pledge, actor, language }));
}
