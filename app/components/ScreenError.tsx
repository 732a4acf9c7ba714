import { useTranslation } from 'react-i18next';

type Props = { message: string; onRetry: () => void };

/** What a screen shows instead of itself when it failed to load or render: the reason and a retry. */
export function ScreenError({ message, onRetry }: Props) {
  const { t } = useTranslation();
  return (
    <div className="screen" role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
