import { describe, expect, it } from 'vitest';
import { hxlNeedHeader, needToHxlRow, needsToHxlCsv } from '../../domain/hxl';
import { makeNeed } from './domain-factories';

const column = (hashtag: string) => hxlNeedHeader()[1].indexOf(hashtag);

describe('HXL export of needs', () => {
  it('has one hashtag per column, each a valid HXL tag', () => {
    const [headers, hashtags] = hxlNeedHeader();
    expect(hashtags).toHaveLength(headers.length);
    for (const hashtag of hashtags) expect(hashtag).toMatch(/^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/);
  });

  /** need patch → hashtag → cell. */
  it.each([
    [{ category: 'energy' as const }, '#sector', 'ERY'],
    [{ category: 'water' as const }, '#sector', 'WSH'],
    [{ place: { settlement: 'Lviv', pcode: 'UA4608001' } }, '#adm1+code', 'UA46'],
    [{ place: { settlement: 'Somewhere' } }, '#adm1+code', ''],
    [{ title: 'Diesel generators' }, '#item+name', 'Diesel generators'],
    [{ quantity: 2.5, unit: 'tonnes' as const }, '#value+quantity', 2.5],
    [{ quantity: undefined }, '#value+quantity', ''],
    [{ urgency: 'critical' as const }, '#severity', 'critical'],
  ])('%o → %s = %s', (patch, hashtag, expected) => {
    expect(needToHxlRow(makeNeed(patch))[column(hashtag)]).toBe(expected);
  });

  it('adds derived totals when given', () => {
    const row = needToHxlRow(makeNeed(), { pledged: 8, received: 3, livePledges: 1, livePledgesInOtherUnits: 0, coverage: 'partly' });
    expect([row[column('#value+pledged')], row[column('#value+received')]]).toEqual([8, 3]);
  });

  it('names the organisation when given', () => {
    expect(needToHxlRow(makeNeed(), undefined, { organisation: 'Київ' })[column('#org+name')]).toBe('Київ');
    expect(needToHxlRow(makeNeed())[column('#org+name')]).toBe('');
  });

  it('escapes CSV and neutralises formulas in user text', () => {
    const csv = needsToHxlCsv([makeNeed({ title: '=HYPERLINK("http://evil")', description: 'x' }), makeNeed({ id: 'need-second-0001', title: 'Blankets, "warm"' })]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[3]).toContain('"Blankets, ""warm"""');
  });
});
