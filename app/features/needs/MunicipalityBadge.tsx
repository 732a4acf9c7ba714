import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../domain/schemas/municipality';
import { municipalityName } from '../../i18n/format';
import { RouteLink } from '../../components/RouteLink';

type Props = { municipality: Municipality; link?: boolean };

/** The municipality a need belongs to, in the reader's script, marked when a moderator verified it. */
export function MunicipalityBadge({ municipality, link = false }: Props) {
  const { t, i18n } = useTranslation('needs');
  const name = municipalityName(municipality, i18n.resolvedLanguage ?? 'en');
  const verified = municipality.verification.status === 'verified';
  return (
    <span className="need-municipality" data-testid="need-municipality">
      {link ? (
        <RouteLink route={{ name: 'municipality', id: municipality.id }} data-testid="need-municipality-link">
          {name}
        </RouteLink>
      ) : (
        name
      )}
      {verified && (
        <span className="badge-verified" data-testid="verified-badge">
          <span aria-hidden="true">{'✓ '}</span>
          {t('item.verified')}
        </span>
      )}
    </span>
  );
}
