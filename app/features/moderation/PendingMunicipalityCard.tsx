import { useTranslation } from 'react-i18next';
import type { PendingMunicipality } from '../../api/admin-api';
import { findOblast, oblastName } from '../../geo/oblasts';
import { countryName, formatNumber, languageName } from '../../i18n/format';
import { PendingDecision } from './PendingDecision';
import { PendingFact } from './PendingFact';

type Props = { item: PendingMunicipality; busy: boolean; onVerify: () => void; onReject: (reason: string) => void };

/** A municipality waiting for verification, with everything its applicant entered. */
export function PendingMunicipalityCard({ item, busy, onVerify, onReject }: Props) {
  const { t, i18n } = useTranslation('admin');
  const language = i18n.resolvedLanguage ?? 'en';
  const { municipality, applicant } = item;
  const oblast = findOblast(municipality.adm1);
  const { lat, lon } = municipality.location;
  const languages = (codes: readonly string[]) => codes.map((code) => languageName(code, language)).join(', ');
  const mapUrl = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=11/${lat}/${lon}`;

  return (
    <li className="pending-card" data-testid="pending-municipality" data-municipality-id={municipality.id} aria-busy={busy}>
      <h4 className="pending-name">
        <span lang="uk">{municipality.nameUk}</span>
        <span className="pending-latin">{municipality.nameLatin}</span>
      </h4>
      <dl className="pending-facts">
        <PendingFact label={t('municipality.nameUk')}>
          <span lang="uk">{municipality.nameUk}</span>
        </PendingFact>
        <PendingFact label={t('municipality.nameLatin')}>{municipality.nameLatin}</PendingFact>
        <PendingFact label={t('municipality.country')}>{`${countryName(municipality.country, language)} (${municipality.country})`}</PendingFact>
        <PendingFact label={t('municipality.adm1')}>{oblast ? `${oblastName(oblast, language)} (${municipality.adm1})` : municipality.adm1}</PendingFact>
        <PendingFact label={t('municipality.kind')}>{t(`kind.${municipality.kind}`)}</PendingFact>
        {municipality.population !== undefined && (
          <PendingFact label={t('municipality.population')}>{formatNumber(municipality.population, language)}</PendingFact>
        )}
        <PendingFact label={t('municipality.languages')}>{languages(municipality.languages)}</PendingFact>
        <PendingFact label={t('municipality.location')}>
          {t('municipality.locationValue', { lat: formatNumber(lat, language), lon: formatNumber(lon, language) })}{' '}
          <a href={mapUrl} target="_blank" rel="noopener noreferrer">
            {t('municipality.showOnMap')}
          </a>
        </PendingFact>
        {municipality.profile && (
          <PendingFact label={t('municipality.profile')}>
            <span className="pending-profile" lang={municipality.profileLanguage}>
              {municipality.profile}
            </span>
          </PendingFact>
        )}
      </dl>
      <section className="pending-applicant">
        <h5>{t('municipality.applicant')}</h5>
        {applicant ? (
          <dl className="pending-facts">
            <PendingFact label={t('member.name')}>{applicant.member.displayName}</PendingFact>
            <PendingFact label={t('member.email')}>
              <a href={`mailto:${applicant.email}`}>{applicant.email}</a>
            </PendingFact>
            <PendingFact label={t('member.role')}>{t(`role.${applicant.member.role}`)}</PendingFact>
            <PendingFact label={t('member.languages')}>{languages(applicant.member.languages)}</PendingFact>
          </dl>
        ) : (
          <p className="muted">{t('municipality.noApplicant')}</p>
        )}
        {applicant && <p className="muted small">{t('municipality.admitsApplicant')}</p>}
      </section>
      <PendingDecision kind="municipality" id={municipality.id} name={municipality.nameLatin} busy={busy} onVerify={onVerify} onReject={onReject} />
    </li>
  );
}
