import { useTranslation } from 'react-i18next';
import type { IgnoredEventReason } from '../../../domain/rules/pledge-status';
import type { Member } from '../../../domain/schemas/member';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { PledgeEvent } from '../../../domain/schemas/pledge-event';
import { formatCalendarDate, formatDateTime, municipalityName } from '../../i18n/format';
import { postedAt } from '../../lists/list-filters';
import { TranslateLink } from '../../components/TranslateLink';
import { PhotoGallery } from '../photos';
import { RecordSyncState } from '../sync';
import type { PledgeView } from './pledge-views';
import { useAmount } from './useAmount';

type Props = {
  view: PledgeView;
  members: ReadonlyMap<Member['id'], Member>;
  municipalities: ReadonlyMap<Municipality['id'], Municipality>;
};

/**
 * What happened to the pledge, in the order every phone replays it (`compareEvents`): who did what
 * and when, with the quantities, dispatch details and notes. Events the rules did not count (too
 * late, after the pledge ended …) stay listed, muted, with the reason.
 */
export function PledgeHistory({ view, members, municipalities }: Props) {
  const { t, i18n } = useTranslation('pledges');
  const language = i18n.resolvedLanguage ?? 'en';
  const amount = useAmount(view.pledge.unit);
  const ignored = new Map(view.state.ignored.map(({ id, reason }) => [id, reason]));
  const cityName = (id: Municipality['id']) => {
    const municipality = municipalities.get(id);
    return municipality ? municipalityName(municipality, language) : t('list.unknownMunicipality');
  };
  const who = (event: PledgeEvent) => {
    const member = members.get(event.byMemberId);
    return member ? t('event.memberOf', { member: member.displayName, municipality: cityName(event.byMunicipalityId) }) : cityName(event.byMunicipalityId);
  };
  const { pledge } = view;
  return (
    <ol className="pledge-history" data-testid="pledge-history">
      <li className="pledge-event" data-testid="pledge-created">
        <p className="pledge-event-head">
          <strong>{t('event.created')}</strong> <span className="small">{t('event.byAt', { who: cityName(pledge.fromMunicipalityId), time: formatDateTime(postedAt(pledge), language) })}</span>
        </p>
        <p>{t('event.quantity', { quantity: amount(pledge.quantity) })}</p>
      </li>
      {view.events.map((event) => (
        <HistoryEntry key={event.id} event={event} who={who(event)} ignored={ignored.get(event.id)} amount={amount} language={language} />
      ))}
    </ol>
  );
}

type EntryProps = { event: PledgeEvent; who: string; ignored: IgnoredEventReason | undefined; amount: (value: number) => string; language: string };

function HistoryEntry({ event, who, ignored, amount, language }: EntryProps) {
  const { t } = useTranslation('pledges');
  const photos = event.photoIds?.length ?? 0;
  return (
    <li className={ignored ? 'pledge-event ignored' : 'pledge-event'} data-testid="pledge-event" data-kind={event.kind} data-event-id={event.id} data-ignored={ignored}>
      <p className="pledge-event-head">
        <strong>{t(`event.kind.${event.kind}`)}</strong> <span className="small">{t('event.byAt', { who, time: formatDateTime(event.updatedAt, language) })}</span>{' '}
        <RecordSyncState collection="pledge_events" id={event.id} explain />
      </p>
      {event.quantity !== undefined && <p>{t('event.quantity', { quantity: amount(event.quantity) })}</p>}
      {event.carrier && <p>{t('event.carrier', { carrier: event.carrier })}</p>}
      {event.vehiclePlate && <p>{t('event.plate', { plate: event.vehiclePlate })}</p>}
      {event.expectedArrivalOn && <p>{t('event.arrival', { date: formatCalendarDate(event.expectedArrivalOn, language) })}</p>}
      {event.expiresAt !== undefined && <p>{t('event.newExpiry', { date: formatDateTime(event.expiresAt, language) })}</p>}
      {event.note && (
        <p className="pledge-note" lang={event.language}>
          {event.note}
        </p>
      )}
      {event.note && event.language && <TranslateLink text={event.note} language={event.language} />}
      {photos > 0 && (
        <div data-testid="pledge-event-photos" data-count={photos}>
          <p className="small">{t('event.photos', { count: photos })}</p>
          <PhotoGallery photoIds={event.photoIds ?? []} />
        </div>
      )}
      {ignored && (
        <p className="small pledge-event-ignored" data-testid="pledge-event-ignored">
          {t('event.ignored', { reason: t(`event.ignoredReason.${ignored}`) })}
        </p>
      )}
    </li>
  );
}
