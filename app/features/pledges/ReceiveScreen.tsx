import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../domain/permissions';
import type { Need } from '../../../domain/schemas/need';
import type { Pledge } from '../../../domain/schemas/pledge';
import { FormField } from '../../components/FormField';
import { EventFormFooter } from './EventFormFooter';
import { RouteLink } from '../../components/RouteLink';
import { newId } from '../../db/ids';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { PhotoPicker, savePhotos, type PhotoDraft } from '../photos';
import { useMunicipalities } from '../../db/useDocuments';
import { municipalityName } from '../../i18n/format';
import { leaveTo } from '../../routes';
import { useProfile } from '../../stores/session-store';
import { mayWrite } from './pledge-actions';
import { MAX_NOTE_LENGTH } from './pledge-form';
import { exceedsRemaining, formToReceipt, localDayOf, newReceiptForm, type ReceiptField, type ReceiptValues } from './pledge-event-forms';
import { remainingQuantity, type PledgeView } from './pledge-views';
import { PledgeStatusBadge } from './PledgeStatusBadge';
import { useAmount } from './useAmount';
import { useEventForm } from './useEventForm';
import { usePledge } from './usePledge';
import { PledgeNotFound } from './PledgeNotFound';
import { validatePledgeEvent } from './validate-pledge-event';
import './pledges.css';

type Props = { id: Pledge['id'] };

/** Photos a receipt may carry (what arrived, the delivery note, damage). */
const MAX_RECEIPT_PHOTOS = 3;

/**
 * Confirming what arrived (`/pledges/:id/receive`), for officials and volunteers of the receiving
 * municipality, on site and offline: what was pledged and already received, the quantity counted
 * now (partial receipts add up; the remainder is suggested; more than expected is allowed after a
 * warning, since what was counted is the truth), a note, photos; saved on the phone, synced later.
 */
export function ReceiveScreen({ id }: Props) {
  const { t } = useTranslation('pledges');
  const profile = useProfile();
  const { view, need, loading, now } = usePledge(id);
  const allowed = view !== null && mayWrite('received', profile?.actor ?? null, view.pledge, view.events, now);
  // Once the form was shown it stays until the member leaves: their own receipt may end the pledge.
  const [shown, setShown] = useState(false);
  if (allowed && !shown) setShown(true);
  if (loading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  if (!view) {
    return <PledgeNotFound testId="pledge-not-found" message={t('page.notFound')} toList={t('page.toList')} />;
  }
  if (!profile || !(allowed || shown)) {
    return (
      <section className="screen">
        <p className="empty" data-testid="receive-not-allowed">
          {t('receive.notAllowed')}
        </p>
        <RouteLink route={{ name: 'pledge-page', id }} className="button">
          {t('receive.back')}
        </RouteLink>
      </section>
    );
  }
  return <ReceiveForm view={view} need={need} actor={profile.actor} />;
}

type FormProps = { view: PledgeView; need: Need | null; actor: Actor };

function ReceiveForm({ view, need, actor }: FormProps) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { byId: municipalities } = useMunicipalities();
  const { pledge, state } = view;
  const amount = useAmount(pledge.unit);
  const [eventId] = useState(newId);
  const [today] = useState(() => localDayOf(Date.now()));
  const store = useLocalStore();
  // Compressed on the phone as they are picked; stored with the receipt, after it (their owner).
  const [photos, setPhotos] = useState<PhotoDraft[]>([]);
  // What was still to arrive when the form opened: the default, and the line past which it warns.
  const [remaining] = useState(() => remainingQuantity(pledge, state));
  const back = () => leaveTo({ name: 'pledge-page', id: pledge.id });
  const form = useEventForm<ReceiptValues, ReceiptField>(
    formRef,
    () => newReceiptForm(remaining),
    (values) =>
      formToReceipt(
        values,
        { id: eventId, pledge, actor, language, today },
        validatePledgeEvent,
        photos.map((photo) => photo.id),
      ),
    back,
    (event) => (photos.length > 0 ? savePhotos(store, photos, { kind: 'pledgeEvent', id: event.id }) : Promise.resolve()),
  );
  const from = municipalities.get(pledge.fromMunicipalityId);
  const over = exceedsRemaining(form.values, remaining);

  return (
    <section className="screen form-screen" aria-labelledby={`${idPrefix}-heading`}>
      <form ref={formRef} className="form" data-testid="receive-form" onSubmit={form.submit} noValidate>
        <h2 id={`${idPrefix}-heading`}>{t('receive.title')}</h2>
        <div className="pledge-summary">
          <h3>{need ? <span lang={need.language}>{need.title}</span> : t('card.unknownNeed')}</h3>
          <p>{t('card.from', { municipality: from ? municipalityName(from, language) : t('list.unknownMunicipality') })}</p>
          <p>
            <PledgeStatusBadge status={state.status} />
          </p>
          <p data-testid="receive-pledged">{t('receive.pledged', { quantity: amount(pledge.quantity) })}</p>
          <p data-testid="receive-already" data-received={state.receivedQuantity}>
            {t('receive.already', { quantity: amount(state.receivedQuantity) })}
          </p>
        </div>
        <FormField
          idPrefix={idPrefix}
          name="quantity"
          label={t('receive.quantity', { unit: t(`unit.${pledge.unit}`, { ns: 'needs' }) })}
          hint={t('receive.hint')}
          error={form.message('quantity')}
        >
          {(control) => (
            <input {...control} type="number" inputMode="decimal" min="0" step="any" data-testid="receive-quantity" value={form.values.quantity} onChange={form.change('quantity')} />
          )}
        </FormField>
        {over && !form.errors.quantity && (
          <p className="notice pledge-warning" role="status" data-testid="receive-over">
            {t('receive.over', { remaining: amount(remaining) })}
          </p>
        )}
        <FormField idPrefix={idPrefix} name="note" label={t('receive.note')} error={form.message('note')}>
          {(control) => <textarea {...control} rows={3} maxLength={MAX_NOTE_LENGTH} lang={language} data-testid="receive-note" value={form.values.note} onChange={form.change('note')} />}
        </FormField>
        <PhotoPicker photos={photos} onChange={setPhotos} max={MAX_RECEIPT_PHOTOS} disabled={form.saving} />
        <EventFormFooter form={form} submitLabel={t('receive.save')} cancelLabel={t('receive.back')} onCancel={back} submitTestId="receive-save" />
      </form>
    </section>
  );
}
