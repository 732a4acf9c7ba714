import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { renderSVG } from 'uqr';
import { formatShortCode, shortCodeOf } from '../../../domain/rules/short-code';
import type { Pledge } from '../../../domain/schemas/pledge';
import { RouteLink } from '../../components/RouteLink';
import { PledgeNotFound } from '../pledges';
import { PledgeFacts } from './PledgeFacts';
import { shortCodeLink } from './short-code-link';
import { usePledgeDetails } from './useDeliveryData';
import './deliveries.css';

/**
 * The printable delivery sheet of a pledge (`/pledges/:id/sheet`): what goes from where to where,
 * its dates, and its short code in big type and as a QR code, so a volunteer on site finds the
 * pledge by scanning or typing. Printed (or saved as PDF) with the browser; the print stylesheet
 * keeps only the sheet. Made from the phone's data, so it works offline. Loaded on demand: the QR
 * library is not in the first-load bundle.
 */
export function DeliverySheetScreen({ id }: { id: Pledge['id'] }) {
  const { t } = useTranslation('deliveries');
  const { details, loading } = usePledgeDetails(id);
  const code = useMemo(() => shortCodeOf(id), [id]);
  const link = shortCodeLink(window.location.origin, code);
  // An <img> of the SVG: printed like any image, named by its alt text, no markup injected.
  const qr = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(link, { ecc: 'M', border: 2 }))}`, [link]);

  if (loading) return <p className="screen loading">{t('loading', { ns: 'common' })}</p>;
  if (!details) {
    return <PledgeNotFound testId="sheet-not-found" message={t('sheet.notFound')} toList={t('sheet.toPledges')} />;
  }
  return (
    <article className="screen delivery-sheet" data-testid="delivery-sheet" aria-labelledby="sheet-title">
      <h2 id="sheet-title">{t('sheet.title')}</h2>
      <div className="sheet-code-block">
        <img className="sheet-qr" src={qr} alt={t('sheet.qrAlt', { code: formatShortCode(code) })} data-testid="sheet-qr" data-link={link} />
        <div>
          <p className="sheet-code-label">{t('sheet.codeLabel')}</p>
          <p className="sheet-code" data-testid="sheet-code">
            {formatShortCode(code)}
          </p>
          <p className="small sheet-link">{link}</p>
        </div>
      </div>
      <PledgeFacts details={details} />
      <p className="small sheet-instructions">{t('sheet.instructions')}</p>
      <div className="sheet-actions no-print">
        <button type="button" className="button primary" data-testid="sheet-print" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
        <RouteLink route={{ name: 'pledge-page', id }} className="button">
          {t('sheet.back')}
        </RouteLink>
      </div>
    </article>
  );
}
