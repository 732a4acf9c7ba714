import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { HXL_NEED_COLUMNS } from '../../domain/hxl';
import { csvFileName, needsToCsv, type NeedsCsvContext } from '../../app/features/needs/needs-csv';
import { KYIV, LVIV, makeMunicipality, makeNeed } from './domain-factories';

const context: NeedsCsvContext = {
  municipalities: new Map([
    [KYIV, makeMunicipality()],
    [LVIV, makeMunicipality({ id: LVIV, nameUk: 'Львів', nameLatin: 'Lviv' })],
  ]),
  totals: new Map([['need-generators-01', { pledged: 8, received: 3, livePledges: 1, livePledgesInOtherUnits: 0, coverage: 'partly' }]]),
};

const TRICKY_TITLES = [
  'Генератори для лікарні',
  'Ковдри, "теплі"',
  'Two lines\nof title',
  'Semicolon; comma, quote " and CRLF\r\nend',
  '=HYPERLINK("http://evil")',
  '+380 hotline\nsecond line',
];
const needs = TRICKY_TITLES.map((title, i) => makeNeed({ id: `need-tricky-${String(i).padStart(4, '0')}`, title, municipalityId: i % 2 ? LVIV : KYIV }));

const parse = (csv: string) => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
const column = (hashtag: string) => HXL_NEED_COLUMNS.findIndex((c) => c.hashtag === hashtag);

describe('needsToCsv', () => {
  const csv = needsToCsv(needs, context, 'de');
  const rows = parse(csv);

  it('starts with a byte order mark, then human headers, then the HXL hashtags', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(rows[0]).toEqual(HXL_NEED_COLUMNS.map((c) => c.header));
    expect(rows[1]).toEqual(HXL_NEED_COLUMNS.map((c) => c.hashtag));
    expect(rows[1]).toEqual(expect.arrayContaining(['#org+name', '#adm1+code', '#sector', '#item+name', '#value+quantity', '#status', '#date+deadline']));
    expect(rows).toHaveLength(2 + needs.length);
  });

  it('keeps Cyrillic, commas, quotes and line breaks of titles intact', () => {
    const titles = rows.slice(2).map((row) => row[column('#item+name')]);
    expect(titles.slice(0, 4)).toEqual(TRICKY_TITLES.slice(0, 4));
  });

  it('neutralises cells a spreadsheet would run as formulas, even across lines', () => {
    const titles = rows.slice(2).map((row) => row[column('#item+name')]);
    expect(titles.slice(4)).toEqual(["'=HYPERLINK(\"http://evil\")", "'+380 hotline\nsecond line"]);
  });

  it('names the municipality in the reader’s script', () => {
    expect(rows.slice(2, 4).map((row) => row[column('#org+name')])).toEqual(['Kyiv', 'Lviv']);
    expect(parse(needsToCsv(needs.slice(0, 1), context, 'uk'))[2]![column('#org+name')]).toBe('Київ');
  });

  it('adds totals when known', () => {
    const row = parse(needsToCsv([makeNeed()], context, 'en'))[2]!;
    expect([row[column('#value+pledged')], row[column('#value+received')]]).toEqual(['8', '3']);
  });

  it('translates the header row with the given labels, keeping the hashtags', () => {
    const translated = parse(needsToCsv([], context, 'uk', (key) => `uk:${key}`));
    expect(translated[0]![0]).toBe('uk:id');
    expect(translated[1]![0]).toBe('#meta+id');
    expect(translated).toHaveLength(2);
  });
});

describe('csvFileName', () => {
  it('names the file after the local calendar day', () => {
    expect(csvFileName(new Date(2026, 2, 1, 23, 30))).toBe('cities4cities-needs-2026-03-01.csv');
  });
});
