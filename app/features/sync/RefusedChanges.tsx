import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllRefusedWrites, useDiscardRefused, type RefusedItem } from './useRefusedWrites';

/** A few words that tell the user which document a refused change was about. */
function describe(item: RefusedItem): string {
  const doc = item.document as Record<string, unknown>;
  const label = [doc.title, doc.nameLatin, doc.displayName, doc.body].find((value) => typeof value === 'string' && value !== '');
  return typeof label === 'string' ? label.slice(0, 80) : item.id;
}

/** Every change the server refused, with its reason; each can be discarded (or fixed where it is shown). */
export function RefusedChanges() {
  const { t } = useTranslation();
  const items = useAllRefusedWrites();
  const discard = useDiscardRefused();
  const [failed, setFailed] = useState<string | null>(null);
  if (items.length === 0) return <p>{t('settings.noRefused')}</p>;
  return (
    <ul className="refused-list" data-testid="refused-list">
      {items.map((item) => (
        <li key={`${item.collection}/${item.id}`} data-testid="refused-item">
          <p>
            <strong>{t(`collections.${item.collection}`, { defaultValue: item.collection })}</strong>
            {`: ${describe(item)}`}
          </p>
          <p className="muted small">{t(`refusal.${item.code}`, { ns: 'needs', defaultValue: item.message, fields: (item.details ?? []).map((detail) => detail.field).join(', ') })}</p>
          <button type="button" className="button" onClick={() => void discard(item).catch(() => setFailed(item.id))}>
            {t('settings.discard')}
          </button>
          {failed === item.id && <p role="alert">{t('settings.discardFailed')}</p>}
        </li>
      ))}
    </ul>
  );
}
