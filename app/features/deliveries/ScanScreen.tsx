import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { openRoute } from '../../routes';
import { CodeForm } from './CodeForm';
import { useQrScanner } from './useQrScanner';
import './deliveries.css';

/**
 * Finding a pledge on site (`/scan`): scan the delivery sheet's QR code with the back camera, or
 * type its short code. Both work offline; typing stays available whatever the camera does (no
 * camera, permission refused, a page not served over HTTPS).
 */
export function ScanScreen() {
  const { t } = useTranslation('deliveries');
  const found = useCallback((code: string) => openRoute({ name: 'short-code', code }), []);
  const { state, videoRef, start, stop } = useQrScanner(found);
  const active = state.status === 'starting' || state.status === 'scanning' || state.status === 'foreign';
  return (
    <section className="screen scan-screen" aria-labelledby="scan-title">
      <h2 id="scan-title">{t('scan.title')}</h2>
      <section className="scan-camera" aria-labelledby="scan-camera-title">
        <h3 id="scan-camera-title">{t('scan.cameraTitle')}</h3>
        {/* Always mounted, so the scanner has its element when the stream arrives; shown while scanning. */}
        <video ref={videoRef} className="scan-video" hidden={!active} muted playsInline aria-label={t('scan.videoLabel')} data-testid="scan-video" />
        {state.status === 'starting' && <p role="status">{t('scan.starting')}</p>}
        {state.status === 'scanning' && <p role="status">{t('scan.scanning')}</p>}
        {state.status === 'foreign' && <p role="status">{t('scan.foreign')}</p>}
        {state.status === 'failed' && (
          <p className="field-error" role="alert" data-testid="scan-error" data-problem={state.problem}>
            {t(`scan.problem.${state.problem}`)}
          </p>
        )}
        {active ? (
          <button type="button" className="button" data-testid="scan-camera-stop" onClick={stop}>
            {t('scan.stop')}
          </button>
        ) : (
          <button type="button" className="button primary big" data-testid="scan-camera-start" onClick={start}>
            {t('scan.start')}
          </button>
        )}
      </section>
      <section className="scan-typed" aria-labelledby="scan-typed-title">
        <h3 id="scan-typed-title">{t('scan.typeTitle')}</h3>
        <CodeForm />
      </section>
    </section>
  );
}
