import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortCode, normalizeShortCode } from '../../../domain/rules/short-code';
import type { Pledge } from '../../../domain/schemas/pledge';
import { RouteLink } from '../../components/RouteLink';
import { useMunicipalities } from '../../db/useDocuments';
import { municipalityName } from '../../i18n/format';
import { useProfile } from '../../stores/session-store';
import { CodeForm } from './CodeForm';
import { canConfirmReceipt } from './delivery-rules';
import { PledgeFacts } from './PledgeFacts';
import { PledgeStatusTag } from './PledgeStatusTag';
import { usePledgeDetails, usePledgesWithCode } from './useDeliveryData';
import { useAmount } from '../../hooks/useAmount';
import './deliveries.css';

/**
 * A short code from a QR code, a link or the typed field (`/p/:code`), resolved to its pledge among
 * those on the phone: offline, a volunteer on site sees what was pledged and confirms what arrived.
 * A code no pledge here has may not have synced yet (said so, with the field to try again); two
 * pledges with one code (practically never) are both listed to choose from.
 */
export function ShortCodeScreen({ code: given }: { code: string }) {
  const { t } = useTranslation('deliveries');
  const code = normalizeShortCode(given);
  const { matches, loading } = usePledgesWithCode(code);
  const [chosen, setChosen] = useState<Pledge['id'] | null>(null);

  if (code === null) {
    return (
      <section className="screen short-code-screen" data-testid="short-code-invalid">
        <h2>{t('lookup.title')}</h2>
        <p className="empty" role="alert">
          {t('lookup.invalid', { code: given })}
        </p>
        <CodeForm initial={given} />
      </section>
    );
  }
  if (loading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  const shown = matches.length === 1 ? matches[0] : matches.find((pledge) => pledge.id === chosen);
  if (shown) return <FoundPledge key={shown.id} id={shown.id} code={code} />;
  if (matches.length === 0) {
    return (
      <section className="screen short-code-screen" aria-labelledby="short-code-title">
        <h2 id="short-code-title">{t('lookup.title')}</h2>
        <p className="empty" role="status" data-testid="short-code-not-found">
          {t('lookup.notFound', { code: formatShortCode(code) })}
        </p>
        <CodeForm initial={formatShortCode(code)} />
      </section>
    );
  }
  return <Choices code={code} pledges={matches} onChoose={setChosen} />;
}

/** Pledges sharing one code: the member picks the one in front of them. */
function Choices({ code, pledges, onChoose }: { code: string; pledges: Pledge[]; onChoose: (id: Pledge['id']) => void }) {
  const { t, i18n } = useTranslation('deliveries');
  const language = i18n.resolvedLanguage ?? 'en';
  const { byId } = useMunicipalities();
  const amount = useAmount();
  const name = (id: string) => {
    const municipality = byId.get(id);
    return municipality ? municipalityName(municipality, language) : t('facts.unknownMunicipality');
  };
  return (
    <section className="screen short-code-screen" aria-labelledby="short-code-title" data-testid="short-code-choices">
      <h2 id="short-code-title">{t('lookup.title')}</h2>
      <p>{t('lookup.several', { code: formatShortCode(code), count: pledges.length })}</p>
      <ul className="delivery-list">
        {pledges.map((pledge) => (
          <li key={pledge.id}>
            <button type="button" className="button delivery-choice" data-testid="short-code-choice" data-pledge-id={pledge.id} onClick={() => onChoose(pledge.id)}>
              {t('lookup.choice', { amount: amount(pledge.quantity, pledge.unit), from: name(pledge.fromMunicipalityId), to: name(pledge.toMunicipalityId) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The pledge a code names: what was pledged, where it stands, and confirming what arrived. */
function FoundPledge({ id, code }: { id: Pledge['id']; code: string }) {
  const { t } = useTranslation('deliveries');
  const profile = useProfile();
  const { details, loading } = usePledgeDetails(id);
  if (loading || !details) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  const { pledge, state } = details;
  const mayConfirm = canConfirmReceipt(profile, pledge, state);
  return (
    <article className="screen short-code-screen" aria-labelledby="short-code-title" data-testid="short-code-result" data-pledge-id={pledge.id}>
      <h2 id="short-code-title">{t('lookup.found', { code: formatShortCode(code) })}</h2>
      <p>
        <PledgeStatusTag status={state.status} />
      </p>
      <PledgeFacts details={details} showReceived />
      <div className="delivery-actions">
        {mayConfirm ? (
          <>
            <RouteLink route={{ name: 'pledge-receive', id: pledge.id }} className="button primary big" data-testid="short-code-confirm">
              {t('lookup.confirm')}
            </RouteLink>
            <RouteLink route={{ name: 'pledge-page', id: pledge.id }} className="button" data-testid="short-code-view">
              {t('lookup.view')}
            </RouteLink>
          </>
        ) : (
          <RouteLink route={{ name: 'pledge-page', id: pledge.id }} className="button primary" data-testid="short-code-view">
            {t('lookup.view')}
          </RouteLink>
        )}
        <RouteLink route={{ name: 'scan' }} className="button" data-testid="short-code-scan-another">
          {t('lookup.another')}
        </RouteLink>
      </div>
    </article>
  );
}
