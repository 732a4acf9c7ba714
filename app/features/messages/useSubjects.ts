/**
 * What threads are about, as the phone knows them: a need's or offer's title, or for a pledge
 * "Pledge of 8 pieces for <need title>", with the screen to open it. Looked up by id only for the
 * subjects asked about, so a list of many threads does not read every need on the phone.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MangoQuery } from 'rxdb/plugins/core';
import type { SubjectKind } from '../../../domain/constants';
import type { Need } from '../../../domain/schemas/need';
import type { Offer } from '../../../domain/schemas/offer';
import type { Pledge } from '../../../domain/schemas/pledge';
import { useDocuments } from '../../db/useDocuments';
import { formatEuros, formatNumber } from '../../i18n/format';
import type { Route } from '../../routes';

/** A thread's subject as a header or a row shows it. */
export type Subject = {
  kind: SubjectKind;
  id: string;
  /** The title to show; null when the subject is not on this phone. */
  title: string | null;
  /** The language of the user-written part of the title, when there is one. */
  language?: string;
  route: Route;
};

export type SubjectRef = { subjectKind: SubjectKind; subjectId: string };

function byIds<T>(ids: readonly string[]): MangoQuery<T> {
  return { selector: { id: { $in: [...ids].sort() } } } as MangoQuery<T>;
}

function idsOf(refs: readonly SubjectRef[], kind: SubjectKind): string[] {
  return [...new Set(refs.filter((ref) => ref.subjectKind === kind).map((ref) => ref.subjectId))];
}

/** A stable key for a list of ids, so queries keep their identity while the ids do not change. */
function keyOf(ids: readonly string[]): string {
  return [...ids].sort().join('\n');
}

function routeOf({ subjectKind, subjectId }: SubjectRef): Route {
  switch (subjectKind) {
    case 'need':
      return { name: 'need', id: subjectId };
    case 'offer':
      return { name: 'offer', id: subjectId };
    case 'pledge':
      return { name: 'pledge-page', id: subjectId };
  }
}

/** The subjects of `refs`, by subject id. */
export function useSubjects(refs: readonly SubjectRef[]): ReadonlyMap<string, Subject> {
  const { t, i18n } = useTranslation('messages');
  const language = i18n.resolvedLanguage ?? 'en';
  const pledgeKey = keyOf(idsOf(refs, 'pledge'));
  const offerKey = keyOf(idsOf(refs, 'offer'));
  const pledgeQuery = useMemo(() => byIds<Pledge>(pledgeKey ? pledgeKey.split('\n') : []), [pledgeKey]);
  const offerQuery = useMemo(() => byIds<Offer>(offerKey ? offerKey.split('\n') : []), [offerKey]);
  const { documents: pledges } = useDocuments('pledges', pledgeQuery);
  const { documents: offers } = useDocuments('offers', offerQuery);
  const needKey = keyOf([...new Set([...idsOf(refs, 'need'), ...pledges.map((pledge) => pledge.needId)])]);
  const needQuery = useMemo(() => byIds<Need>(needKey ? needKey.split('\n') : []), [needKey]);
  const { documents: needs } = useDocuments('needs', needQuery);

  return useMemo(() => {
    const needById = new Map(needs.map((need) => [need.id, need]));
    const offerById = new Map(offers.map((offer) => [offer.id, offer]));
    const pledgeById = new Map(pledges.map((pledge) => [pledge.id, pledge]));
    const subjects = new Map<string, Subject>();
    for (const ref of refs) {
      const base = { kind: ref.subjectKind, id: ref.subjectId, route: routeOf(ref) };
      switch (ref.subjectKind) {
        case 'need': {
          const need = needById.get(ref.subjectId);
          subjects.set(ref.subjectId, need ? { ...base, title: need.title, language: need.language } : { ...base, title: null });
          break;
        }
        case 'offer': {
          const offer = offerById.get(ref.subjectId);
          subjects.set(ref.subjectId, offer ? { ...base, title: offer.title, language: offer.language } : { ...base, title: null });
          break;
        }
        case 'pledge': {
          const pledge = pledgeById.get(ref.subjectId);
          if (!pledge) {
            subjects.set(ref.subjectId, { ...base, title: null });
            break;
          }
          const value = pledge.unit === 'eur' ? formatEuros(pledge.quantity, language) : formatNumber(pledge.quantity, language);
          const amount = t(`quantity.${pledge.unit}`, { ns: 'needs', count: pledge.quantity, value });
          const need = needById.get(pledge.needId);
          subjects.set(ref.subjectId, {
            ...base,
            title: need ? t('subject.pledge', { amount, need: need.title }) : t('subject.pledgeOnly', { amount }),
            ...(need ? { language: need.language } : {}),
          });
          break;
        }
      }
    }
    return subjects;
  }, [refs, needs, offers, pledges, t, language]);
}
