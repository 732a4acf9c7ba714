import type { ReactNode } from 'react';

/** One labelled fact of an application (a row of its description list). */
export function PendingFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="pending-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
