import type { ReactNode } from 'react';
import { RouteLink } from '../../components/RouteLink';

/** A pledge this phone does not hold (not synced yet, or a wrong link), with the way to the pledge list. */
export function PledgeNotFound({ message, toList, testId }: { message: ReactNode; toList: ReactNode; testId: string }) {
  return (
    <section className="screen" data-testid={testId}>
      <p className="empty">{message}</p>
      <RouteLink route={{ name: 'pledges' }} className="button">
        {toList}
      </RouteLink>
    </section>
  );
}
