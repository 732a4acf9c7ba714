/** The order of the needs list: active needs first, then by urgency, deadline and recency. */
import { URGENCIES } from '../../../domain/constants';
import type { Need } from '../../../domain/schemas/need';

const STATUS_RANK: Record<Need['status'], number> = { open: 0, draft: 1, fulfilled: 2, closed: 3, withdrawn: 4 };
const URGENCY_RANK = Object.fromEntries(URGENCIES.map((urgency, index) => [urgency, index])) as Record<Need['urgency'], number>;

export function compareNeeds(a: Need, b: Need): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
    (a.neededBy ?? '9999-99-99').localeCompare(b.neededBy ?? '9999-99-99') ||
    b.updatedAt - a.updatedAt ||
    a.id.localeCompare(b.id)
  );
}

export function sortNeeds<T extends Need>(needs: readonly T[]): T[] {
  return [...needs].sort(compareNeeds);
}
