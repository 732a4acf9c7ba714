import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { title: string; url: string; 'data-testid'?: string };

/** Shares a link through the phone's share sheet, or copies it where there is none, and says so. */
export function ShareButton({ title, url, 'data-testid': testId }: Props) {
  const { t } = useTranslation('needs');
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);

  const share = async () => {
    setOutcome(null);
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        // The user closed the share sheet: nothing to report.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setOutcome('copied');
    } catch {
      // No clipboard (an insecure context, a refused permission): show the link to copy by hand.
      setOutcome('failed');
    }
  };

  return (
    <>
      <button type="button" className="button" data-testid={testId} onClick={() => void share()}>
        {t('page.share')}
      </button>
      <p className="share-outcome" role="status" data-testid="need-share-status">
        {outcome === 'copied' && t('page.linkCopied')}
        {outcome === 'failed' && t('page.copyFailed', { url })}
      </p>
    </>
  );
}
