import { useTranslation } from 'react-i18next';
import type { SubjectKind } from '../../../domain/constants';
import type { Municipality } from '../../../domain/schemas/municipality';
import { RouteLink } from '../../components/RouteLink';
import { municipalityName } from '../../i18n/format';
import { useActor } from '../../stores/session-store';
import { mayMessage } from './message-writes';

type Props = {
  subjectKind: SubjectKind;
  subjectId: string;
  /** The municipality to write to; nothing is shown while it is unknown on this phone. */
  municipality: Municipality | null | undefined;
  'data-testid'?: string;
};

/**
 * "Message <city>" on a need, offer or pledge of another municipality: opens the thread about it.
 * Shown only when the rules let the member write there (not to their own municipality, not before
 * a moderator verified them), asked of `checkWrite` on a probe message.
 */
export function MessageLink({ subjectKind, subjectId, municipality, 'data-testid': testId }: Props) {
  const { t, i18n } = useTranslation('messages');
  const actor = useActor();
  if (!municipality || !mayMessage(actor, subjectKind, subjectId, municipality.id)) return null;
  return (
    <RouteLink route={{ name: 'thread', subjectKind, subjectId, municipalityId: municipality.id }} className="button" data-testid={testId}>
      {t('link.message', { city: municipalityName(municipality, i18n.resolvedLanguage ?? 'en') })}
    </RouteLink>
  );
}
