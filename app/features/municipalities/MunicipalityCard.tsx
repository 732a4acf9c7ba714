import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import { Icon } from '../../components/Icon';
import { RouteLink } from '../../components/RouteLink';
import { formatNumber } from '../../i18n/format';
import { municipalityNames, municipalityPlace } from './municipality-place';
import { VerificationTag } from './VerificationTag';
import type { OpenCounts } from './useOpenCounts';

type Props = { municipality: Municipality; counts: OpenCounts };

/** One municipality in the directory: its names, kind, place, size, verification and open work, linking to its profile. */
export const MunicipalityCard = memo(function MunicipalityCard({ municipality, counts }: Props) {
  const { t, i18n } = useTranslation('municipalities');
  const language = i18n.resolvedLanguage ?? 'en';
  const { primary, secondary } = municipalityNames(municipality, language);
  return (
    <article className="municipality-card" data-testid="municipality-card" data-municipality-id={municipality.id}>
      <div className="municipality-heading">
        <h3 className="municipality-name">
          <RouteLink route={{ name: 'municipality', id: municipality.id }}>
            <span lang={primary.lang}>{primary.text}</span>
          </RouteLink>
        </h3>
        <VerificationTag status={municipality.verification.status} />
      </div>
      {secondary && (
        <p className="municipality-secondary muted small" lang={secondary.lang}>
          {secondary.text}
        </p>
      )}
      <ul className="need-facts">
        <li>{t(`kind.${municipality.kind}`)}</li>
        <li className="need-place">
          <Icon name="place" />
          {municipalityPlace(municipality, language)}
        </li>
        {municipality.population !== undefined && <li>{t('card.population', { value: formatNumber(municipality.population, language) })}</li>}
      </ul>
      <p className="municipality-open small" data-testid="municipality-open-counts">
        {t('card.openNeeds', { count: counts.needs })}
        {' · '}
        {t('card.openOffers', { count: counts.offers })}
      </p>
    </article>
  );
});
