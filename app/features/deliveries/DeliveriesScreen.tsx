import { useTranslation } from 'react-i18next';
import type { Need } from '../../../domain/schemas/need';
import { RouteLink } from '../../components/RouteLink';
import { useMunicipalities } from '../../db/useDocuments';
import { useProfile } from '../../stores/session-store';
import type { DeliveryLine } from './delivery-lines';
import { canConfirmReceipt } from './delivery-rules';
import { DeliveryCard } from './DeliveryCard';
import { useDeliveries } from './useDeliveryData';
import './deliveries.css';

/**
 * Field volunteer mode (`/deliveries`): the pledges arriving at and leaving the member's
 * municipality, from the phone's database (offline), with a big way to scan or type a delivery
 * sheet's code and, for arrivals not fully received, confirming what arrived.
 */
export function DeliveriesScreen() {
  const { t } = useTranslation('deliveries');
  const profile = useProfile();
  const municipalityId = profile?.municipality ? profile.actor.municipalityId : null;
  const { deliveries, needs, loading } = useDeliveries(municipalityId);
  return (
    <section className="screen deliveries-screen" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t('list.title')}</h2>
      <RouteLink route={{ name: 'scan' }} className="button primary big deliveries-scan" data-testid="deliveries-scan">
        {t('list.scan')}
      </RouteLink>
      {loading ? (
        <p className="loading">{t('loading', { ns: 'common' })}</p>
      ) : (
        <>
          <DeliveryGroup direction="arriving" lines={deliveries.arriving} needs={needs} />
          <DeliveryGroup direction="leaving" lines={deliveries.leaving} needs={needs} />
        </>
      )}
    </section>
  );
}

function DeliveryGroup({ direction, lines, needs }: { direction: 'arriving' | 'leaving'; lines: DeliveryLine[]; needs: ReadonlyMap<Need['id'], Need> }) {
  const { t } = useTranslation('deliveries');
  const profile = useProfile();
  const { byId } = useMunicipalities();
  const headingId = `deliveries-${direction}-title`;
  return (
    <section className="delivery-group" aria-labelledby={headingId} data-testid={`deliveries-${direction}`}>
      <h3 id={headingId}>
        {t(`list.${direction}`)} <span className="count">{lines.length}</span>
      </h3>
      {lines.length === 0 ? (
        <p className="empty">{t(`list.${direction}Empty`)}</p>
      ) : (
        <ul className="delivery-list">
          {lines.map((line) => (
            <DeliveryCard
              key={line.pledge.id}
              line={line}
              direction={direction}
              need={needs.get(line.pledge.needId)}
              other={byId.get(line.otherMunicipalityId)}
              confirmable={direction === 'arriving' && canConfirmReceipt(profile, line.pledge, line.state)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
