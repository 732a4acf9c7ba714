import { describe, expect, it } from 'vitest';
import { placeLabel, ukrainianToLatin } from '../../domain/transliteration';

describe('ukrainianToLatin', () => {
  /** Official (KMU 2010) spellings, as on road signs and in OCHA's place names. */
  it.each([
    ['Київ', 'Kyiv'],
    ['Запоріжжя', 'Zaporizhzhia'],
    ['Біла Церква', 'Bila Tserkva'],
    ['Згурівка', 'Zghurivka'],
    ['Ізюм', 'Izium'],
    ['Харків', 'Kharkiv'],
    ['Львів', 'Lviv'],
    ['Одеса', 'Odesa'],
    ['Миколаїв', 'Mykolaiv'],
    ['Чернігів', 'Chernihiv'],
    ['Ужгород', 'Uzhhorod'],
    ['Житомир', 'Zhytomyr'],
    ['Знам’янка', 'Znamianka'],
    ['Яготин', 'Yahotyn'],
    ['Єнакієве', 'Yenakiieve'],
    ['Ґорґани', 'Gorgany'],
    ['Щербухи', 'Shcherbukhy'],
    ['Івано-Франківськ', 'Ivano-Frankivsk'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(ukrainianToLatin(cyrillic)).toBe(latin);
  });

  it.each([
    // Word-initial spelling after a hyphen, a bracket or a line break, not only after a space.
    ['Нова-Ялта', 'Nova-Yalta'],
    ['(Яготин)', '(Yahotyn)'],
    ['Київ\nЯготин', 'Kyiv\nYahotyn'],
    ['ЖИТОМИР', 'ZHYTOMYR'],
    ['München, Київ 2', 'München, Kyiv 2'],
    ['', ''],
  ])('%j → %j', (text, latin) => {
    expect(ukrainianToLatin(text)).toBe(latin);
  });
});

describe('placeLabel', () => {
  it.each([
    ['Житомир', 'de', { original: 'Житомир', latin: 'Zhytomyr' }],
    ['Житомир', 'en', { original: 'Житомир', latin: 'Zhytomyr' }],
    ['Житомир', 'uk', { original: 'Житомир', latin: undefined }],
    ['Kraków', 'de', { original: 'Kraków', latin: undefined }],
  ])('%s for a %s reader', (settlement, language, expected) => {
    expect(placeLabel(settlement, language)).toEqual(expected);
  });
});
