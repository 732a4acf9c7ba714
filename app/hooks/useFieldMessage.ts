import { useTranslation } from 'react-i18next';
import type { AccountFieldProblem } from '../features/accounts/account-forms';

/** Puts an account form's field errors into words (`undefined` when there is none). */
export function useFieldMessage(): (problem: AccountFieldProblem | undefined) => string | undefined {
  const { t } = useTranslation('account');
  return (problem) => (problem ? t(`fieldErrors.${problem.key}`, { count: problem.count ?? 0 }) : undefined);
}
