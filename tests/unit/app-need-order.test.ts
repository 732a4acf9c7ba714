import { describe, expect, it } from 'vitest';
import { sortNeeds } from '../../app/features/needs/need-order';
import { freshNeed } from '../support/factories';

describe('the order of the needs list', () => {
  it('shows open needs first, then by urgency, deadline and the latest change', () => {
    const closedCritical = freshNeed({ title: 'closed critical', status: 'closed', urgency: 'critical' });
    const lowSoon = freshNeed({ title: 'low soon', urgency: 'low', neededBy: '2026-01-01' });
    const criticalLate = freshNeed({ title: 'critical late', urgency: 'critical', neededBy: '2027-01-01' });
    const criticalSoon = freshNeed({ title: 'critical soon', urgency: 'critical', neededBy: '2026-06-01' });
    const criticalUndated = freshNeed({ title: 'critical undated', urgency: 'critical', neededBy: undefined });
    const draft = freshNeed({ title: 'draft', status: 'draft', urgency: 'critical' });
    const olderTwin = freshNeed({ title: 'older twin', urgency: 'low', neededBy: '2026-01-01', updatedAt: 1 });
    const titles = sortNeeds([closedCritical, lowSoon, olderTwin, criticalLate, draft, criticalUndated, criticalSoon]).map((need) => need.title);
    expect(titles).toEqual(['critical soon', 'critical late', 'critical undated', 'low soon', 'older twin', 'draft', 'closed critical']);
  });
});
