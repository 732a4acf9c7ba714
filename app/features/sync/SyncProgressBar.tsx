import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';

type Props = {
  received: number;
  remaining: number;
  /** What is being received, for the bar's accessible name (a collection), else "Documents received". */
  label?: string;
};

/** "Receiving 340 of 1,000" with a bar: a first sync or a long catch-up, as far as it has come. */
export function SyncProgressBar({ received, remaining, label }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const total = received + remaining;
  const text = t('sync.receiving', { received: formatNumber(received, language), total: formatNumber(total, language) });
  return (
    <div className="sync-progress" data-testid="sync-progress" data-received={String(received)} data-remaining={String(remaining)}>
      <div
        className="sync-progress-track"
        role="progressbar"
        aria-label={label ?? t('sync.receivingLabel')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={received}
        aria-valuetext={text}
      >
        <div className="sync-progress-fill" style={{ width: `${total === 0 ? 100 : (100 * received) / total}%` }} />
      </div>
      <span className="sync-progress-text">{text}</span>
    </div>
  );
}
