import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../domain/sync-protocol';
import { ApiError, UnreachableError } from '../api/http';

/** Codes of the admin routes this version explains in its own words; others show the server's message. */
const TRANSLATED_CODES = [
  'already-decided',
  'moderator-only',
  'coordinator-only',
  'not-verified',
  'not-your-municipality',
  'removed-member',
  'not-signed-in',
  'bad-origin',
  'too-many-attempts',
  'not-found',
  'store-unavailable',
] as const satisfies readonly ErrorCode[];

type TranslatedCode = (typeof TRANSLATED_CODES)[number];

function isTranslated(code: string): code is TranslatedCode {
  return (TRANSLATED_CODES as readonly string[]).includes(code);
}

type Props = { error: unknown; onRetry?: () => void; 'data-testid'?: string };

/**
 * Why a call to the server failed, in the interface language, with a retry when one makes sense;
 * `data-code` names the cause (`offline`, `unreachable` or the server's code).
 */
export function AdminError({ error, onRetry, 'data-testid': testId }: Props) {
  const { t } = useTranslation('admin');
  let text: string;
  let code: string;
  if (error instanceof UnreachableError) {
    code = error.reason;
    text = t(error.reason === 'offline' ? 'errors.offline' : 'errors.unreachable');
  } else if (error instanceof ApiError) {
    code = error.code;
    // A code this version does not know yet (a newer server) shows the server's own message.
    text = isTranslated(error.code) ? t(`errors.${error.code}`) : t('errors.other', { message: error.message });
  } else {
    code = 'unknown';
    text = t('errors.other', { message: error instanceof Error ? error.message : String(error) });
  }
  return (
    <div className="admin-error" role="alert" data-testid={testId} data-code={code}>
      <p>{text}</p>
      {onRetry && (
        <button type="button" className="button" data-testid="admin-retry" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
