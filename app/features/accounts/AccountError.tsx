import { useTranslation } from 'react-i18next';
import { problemCode, type AccountAction, type AccountProblem } from './account-errors';

type Props = { problem: AccountProblem | null; action: AccountAction; 'data-testid': string };

/** Why an account request failed, in words, announced to screen readers; `data-code` names the cause. */
export function AccountError({ problem, action, 'data-testid': testId }: Props) {
  const { t } = useTranslation('account');
  if (!problem) return null;
  let text: string;
  switch (problem.kind) {
    case 'offline':
      text = t(`errors.offline.${action}`);
      break;
    case 'unreachable':
      text = t('errors.unreachable');
      break;
    case 'code':
      text = t(`errors.${problem.code}`);
      break;
    case 'unknown':
      text = t('errors.unknown', { message: problem.message });
      break;
  }
  return (
    <p className="form-error" role="alert" data-testid={testId} data-code={problemCode(problem)}>
      {text}
    </p>
  );
}
