import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../domain/schemas/contact';
import type { Member } from '../../../domain/schemas/member';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { Offer } from '../../../domain/schemas/offer';
import { RouteLink } from '../../components/RouteLink';
import { useDocument, useMunicipalities } from '../../db/useDocuments';
import { formatCalendarDate, formatNumber, languageName } from '../../i18n/format';
import { leaveTo } from '../../routes';
import { useActor } from '../../stores/session-store';
import { NeedCard } from '../needs';
import { municipalityNames, municipalityPlace } from './municipality-place';
import { mayReadRejection, readsContacts, useMayEditMunicipality } from './useMunicipalityActions';
import { useMunicipalityProfile } from './useMunicipalityProfile';
import { VerificationTag } from './VerificationTag';
import './municipalities.css';

/** A municipality's profile: who they are, their partners, their open needs and offers, and whom to contact. */
export function MunicipalityScreen({ id }: { id: Municipality['id'] }) {
  const { t } = useTranslation('municipalities');
  const { document: municipality, loading } = useDocument('municipalities', id);
  if (municipality) return <Profile municipality={municipality} />;
  if (loading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  return (
    <section className="screen">
      <p className="empty" data-testid="municipality-not-found">
        {t('profile.notFound')}
      </p>
      <button type="button" className="button" onClick={() => leaveTo({ name: 'municipalities' })}>
        {t('profile.back')}
      </button>
    </section>
  );
}

function Profile({ municipality }: { municipality: Municipality }) {
  const { t, i18n } = useTranslation('municipalities');
  const language = i18n.resolvedLanguage ?? 'en';
  const actor = useActor();
  const editable = useMayEditMunicipality(municipality);
  const { needs, offers, members, contacts, loading } = useMunicipalityProfile(municipality.id);
  const { primary, secondary } = municipalityNames(municipality, language);
  const { status, reason } = municipality.verification;

  return (
    <article className="screen municipality-profile" data-testid="municipality-profile" aria-labelledby="municipality-heading">
      <div className="screen-heading">
        <h2 id="municipality-heading">
          <span lang={primary.lang}>{primary.text}</span>
        </h2>
        <VerificationTag status={status} />
      </div>
      {secondary && (
        <p className="municipality-secondary muted" lang={secondary.lang}>
          {secondary.text}
        </p>
      )}
      {editable && (
        <RouteLink route={{ name: 'edit-municipality', id: municipality.id }} className="button" data-testid="municipality-edit-link">
          {t('profile.edit')}
        </RouteLink>
      )}

      <dl className="facts">
        <dt>{t('profile.kind')}</dt>
        <dd>{t(`kind.${municipality.kind}`)}</dd>
        <dt>{t('profile.place')}</dt>
        <dd>{municipalityPlace(municipality, language)}</dd>
        {municipality.population !== undefined && (
          <>
            <dt>{t('profile.population')}</dt>
            <dd>{formatNumber(municipality.population, language)}</dd>
          </>
        )}
        <dt>{t('profile.verification')}</dt>
        <dd data-testid="municipality-verification">
          {t(`verification.${status}`)}
          {reason && mayReadRejection(actor, municipality) && (
            <span className="municipality-reason" data-testid="municipality-rejection-reason">
              {` ${t('profile.rejectedReason', { reason })}`}
            </span>
          )}
        </dd>
        {municipality.languages.length > 0 && (
          <>
            <dt>{t('profile.languages')}</dt>
            <dd>{municipality.languages.map((code) => languageName(code, language)).join(', ')}</dd>
          </>
        )}
      </dl>

      <section className="panel" aria-labelledby="municipality-about">
        <h3 id="municipality-about">{t('profile.about')}</h3>
        {municipality.profile ? (
          <>
            <p className="municipality-text" lang={municipality.profileLanguage} data-testid="municipality-profile-text">
              {municipality.profile}
            </p>
            {municipality.profileLanguage && (
              <p className="muted small">{t('profile.writtenIn', { language: languageName(municipality.profileLanguage, language) })}</p>
            )}
          </>
        ) : (
          <p className="muted">{t('profile.noProfile')}</p>
        )}
      </section>

      <Partners municipality={municipality} language={language} />

      <section className="municipality-section" aria-labelledby="municipality-needs">
        <h3 id="municipality-needs">{t('profile.needs')}</h3>
        {needs.length > 0 ? (
          <ul className="needs-list" data-testid="municipality-needs">
            {needs.map((need) => (
              <NeedCard key={need.id} need={need} />
            ))}
          </ul>
        ) : (
          !loading && <p className="muted">{t('profile.noNeeds')}</p>
        )}
      </section>

      <section className="municipality-section" aria-labelledby="municipality-offers">
        <h3 id="municipality-offers">{t('profile.offers')}</h3>
        {offers.length > 0 ? (
          <ul className="municipality-links" data-testid="municipality-offers">
            {offers.map((offer) => (
              <OfferLink key={offer.id} offer={offer} language={language} />
            ))}
          </ul>
        ) : (
          !loading && <p className="muted">{t('profile.noOffers')}</p>
        )}
      </section>

      <Members members={members} contacts={contacts} verifiedReader={readsContacts(actor)} loading={loading} />
    </article>
  );
}

/** The partner cities: linked when on the phone, counted when not (a partner not yet verified, say). */
function Partners({ municipality, language }: { municipality: Municipality; language: string }) {
  const { t } = useTranslation('municipalities');
  const { byId } = useMunicipalities();
  const partnerIds = municipality.partnerIds ?? [];
  const known = partnerIds.flatMap((id) => {
    const partner = byId.get(id);
    return partner ? [partner] : [];
  });
  const missing = partnerIds.length - known.length;
  return (
    <section className="municipality-section" aria-labelledby="municipality-partners">
      <h3 id="municipality-partners">{t('profile.partners')}</h3>
      {known.length > 0 && (
        <ul className="municipality-links" data-testid="municipality-partners">
          {known.map((partner) => {
            const { primary } = municipalityNames(partner, language);
            return (
              <li key={partner.id}>
                <RouteLink route={{ name: 'municipality', id: partner.id }} data-testid={`partner-link-${partner.id}`}>
                  <span lang={primary.lang}>{primary.text}</span>
                </RouteLink>
                <span className="muted small">{` · ${municipalityPlace(partner, language)}`}</span>
              </li>
            );
          })}
        </ul>
      )}
      {missing > 0 && <p className="muted small">{t('profile.partnersElsewhere', { count: missing })}</p>}
      {partnerIds.length === 0 && <p className="muted">{t('profile.noPartners')}</p>}
    </section>
  );
}

/** An open offer in a line, linking to its page (the offers feature has no card to share yet). */
function OfferLink({ offer, language }: { offer: Offer; language: string }) {
  const { t } = useTranslation('municipalities');
  return (
    <li data-testid="municipality-offer">
      <RouteLink route={{ name: 'offer', id: offer.id }}>
        <span lang={offer.language}>{offer.title}</span>
      </RouteLink>
      {offer.availableUntil && <span className="muted small">{` · ${t('profile.availableUntil', { date: formatCalendarDate(offer.availableUntil, language) })}`}</span>}
    </li>
  );
}

type MembersProps = { members: Member[]; contacts: ReadonlyMap<Member['id'], Contact>; verifiedReader: boolean; loading: boolean };

/**
 * Active members and the contact details the phone holds for them. The server hands contacts to
 * verified members only: a reader who is not verified gets a note instead of an empty space.
 */
function Members({ members, contacts, verifiedReader, loading }: MembersProps) {
  const { t } = useTranslation('municipalities');
  return (
    <section className="municipality-section" aria-labelledby="municipality-members" data-testid="municipality-contacts">
      <h3 id="municipality-members">{t('profile.members')}</h3>
      {!verifiedReader && (
        <p className="notice-inline small" data-testid="municipality-contacts-note">
          {t('profile.contactsAfterVerification')}
        </p>
      )}
      {members.length > 0 ? (
        <ul className="municipality-members" data-testid="municipality-members">
          {members.map((member) => {
            const contact = contacts.get(member.id);
            return (
              <li key={member.id} className="municipality-member" data-testid="municipality-member">
                <p className="municipality-member-name">
                  {member.displayName}
                  <span className="muted small">{` · ${t(`role.${member.role}`)}`}</span>
                </p>
                {contact && (
                  <dl className="facts municipality-contact" data-testid="municipality-contact">
                    <dt>{t('profile.email')}</dt>
                    <dd>
                      <a href={`mailto:${contact.email}`}>{contact.email}</a>
                    </dd>
                    {contact.phone && (
                      <>
                        <dt>{t('profile.phone')}</dt>
                        <dd>
                          <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                        </dd>
                      </>
                    )}
                  </dl>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        !loading && <p className="muted">{t('profile.noMembers')}</p>
      )}
    </section>
  );
}
