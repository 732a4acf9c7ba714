/**
 * Real places for the demo data (`npm run seed`): Ukrainian municipalities with their oblast's
 * P-code (shared/data/ukraine-adm1.json, copied to app/geo/; a unit test checks every code against
 * it) and European partner cities with their ISO 3166-2 first-level unit. Coordinates are the
 * centre of the settlement; populations are rounded recent estimates (pre-2022 for Ukraine, the last
 * official figure elsewhere), good enough for a demo, not for statistics. Latin names of Ukrainian
 * places are not written here: they come from the official KMU-2010 transliteration (demo-data.ts).
 * `twins` are partnerships the partner city has with the Ukrainian one (by the Ukrainian place's
 * `key`), listed only where they are well known.
 */
import type { MunicipalityKind } from '../../domain/constants';

export type PlacePoint = { lat: number; lon: number };

export type UkrainianPlace = PlacePoint & {
  /** Stable handle for links (twins, the demo accounts); never stored. */
  key: string;
  nameUk: string;
  /** The oblast's P-code (`UA63`). */
  pcode: string;
  kind: MunicipalityKind;
  population: number;
  /** Where needs are delivered when not to the centre (oblast and raion administrations). */
  settlements?: (PlacePoint & { nameUk: string })[];
};

export type PartnerPlace = PlacePoint & {
  key: string;
  /** The name as Ukrainian officials write it. */
  nameUk: string;
  /** The city's own name. */
  nameLatin: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 3166-2 first-level unit (`DE-BY`). */
  adm1: string;
  /** ISO 639-1 language the city writes its offers in. */
  language: PartnerLanguage;
  population: number;
  twins: string[];
};

/** Languages the partner cities' offers are written in (demo-data.ts has their texts). */
export const PARTNER_LANGUAGES = ['de', 'pl', 'fr', 'it', 'nl', 'lt', 'cs'] as const;
export type PartnerLanguage = (typeof PARTNER_LANGUAGES)[number];

export const UKRAINIAN_PLACES: readonly UkrainianPlace[] = [
  { key: 'kyiv', nameUk: 'Київ', pcode: 'UA80', kind: 'city', population: 2_952_000, lat: 50.4501, lon: 30.5234 },
  { key: 'kharkiv', nameUk: 'Харків', pcode: 'UA63', kind: 'city', population: 1_421_000, lat: 49.9935, lon: 36.2304 },
  { key: 'odesa', nameUk: 'Одеса', pcode: 'UA51', kind: 'city', population: 1_011_000, lat: 46.4825, lon: 30.7233 },
  { key: 'dnipro', nameUk: 'Дніпро', pcode: 'UA12', kind: 'city', population: 969_000, lat: 48.4647, lon: 35.0462 },
  { key: 'zaporizhzhia', nameUk: 'Запоріжжя', pcode: 'UA23', kind: 'city', population: 710_000, lat: 47.8388, lon: 35.1396 },
  { key: 'lviv', nameUk: 'Львів', pcode: 'UA46', kind: 'city', population: 717_000, lat: 49.8397, lon: 24.0297 },
  { key: 'kryvyi-rih', nameUk: 'Кривий Ріг', pcode: 'UA12', kind: 'city', population: 604_000, lat: 47.9105, lon: 33.3918 },
  { key: 'mykolaiv', nameUk: 'Миколаїв', pcode: 'UA48', kind: 'city', population: 470_000, lat: 46.975, lon: 31.9946 },
  { key: 'vinnytsia', nameUk: 'Вінниця', pcode: 'UA05', kind: 'city', population: 370_000, lat: 49.2331, lon: 28.4682 },
  { key: 'kherson', nameUk: 'Херсон', pcode: 'UA65', kind: 'city', population: 279_000, lat: 46.6354, lon: 32.6169 },
  { key: 'poltava', nameUk: 'Полтава', pcode: 'UA53', kind: 'city', population: 280_000, lat: 49.5883, lon: 34.5514 },
  { key: 'chernihiv', nameUk: 'Чернігів', pcode: 'UA74', kind: 'city', population: 283_000, lat: 51.4982, lon: 31.2893 },
  { key: 'cherkasy', nameUk: 'Черкаси', pcode: 'UA71', kind: 'city', population: 270_000, lat: 49.4444, lon: 32.0598 },
  { key: 'sumy', nameUk: 'Суми', pcode: 'UA59', kind: 'city', population: 260_000, lat: 50.9077, lon: 34.7981 },
  { key: 'zhytomyr', nameUk: 'Житомир', pcode: 'UA18', kind: 'city', population: 262_000, lat: 50.2547, lon: 28.6587 },
  { key: 'khmelnytskyi', nameUk: 'Хмельницький', pcode: 'UA68', kind: 'city', population: 274_000, lat: 49.423, lon: 26.9871 },
  { key: 'chernivtsi', nameUk: 'Чернівці', pcode: 'UA73', kind: 'city', population: 264_000, lat: 48.2915, lon: 25.9403 },
  { key: 'rivne', nameUk: 'Рівне', pcode: 'UA56', kind: 'city', population: 244_000, lat: 50.6199, lon: 26.2516 },
  { key: 'ivano-frankivsk', nameUk: 'Івано-Франківськ', pcode: 'UA26', kind: 'city', population: 238_000, lat: 48.9226, lon: 24.7111 },
  { key: 'ternopil', nameUk: 'Тернопіль', pcode: 'UA61', kind: 'city', population: 225_000, lat: 49.5535, lon: 25.5948 },
  { key: 'kropyvnytskyi', nameUk: 'Кропивницький', pcode: 'UA35', kind: 'city', population: 223_000, lat: 48.5079, lon: 32.2623 },
  { key: 'kremenchuk', nameUk: 'Кременчук', pcode: 'UA53', kind: 'city', population: 218_000, lat: 49.0659, lon: 33.4204 },
  { key: 'lutsk', nameUk: 'Луцьк', pcode: 'UA07', kind: 'city', population: 214_000, lat: 50.7472, lon: 25.3254 },
  { key: 'bila-tserkva', nameUk: 'Біла Церква', pcode: 'UA32', kind: 'city', population: 209_000, lat: 49.7968, lon: 30.1311 },
  { key: 'kramatorsk', nameUk: 'Краматорськ', pcode: 'UA14', kind: 'city', population: 147_000, lat: 48.7305, lon: 37.5879 },
  { key: 'uzhhorod', nameUk: 'Ужгород', pcode: 'UA21', kind: 'city', population: 115_000, lat: 48.6208, lon: 22.2879 },
  { key: 'nikopol', nameUk: 'Нікополь', pcode: 'UA12', kind: 'city', population: 106_000, lat: 47.5712, lon: 34.3964 },
  { key: 'sloviansk', nameUk: "Слов'янськ", pcode: 'UA14', kind: 'city', population: 105_000, lat: 48.8533, lon: 37.605 },
  { key: 'irpin', nameUk: 'Ірпінь', pcode: 'UA32', kind: 'city', population: 65_000, lat: 50.5218, lon: 30.2506 },
  { key: 'izium', nameUk: 'Ізюмська міська громада', pcode: 'UA63', kind: 'hromada', population: 50_000, lat: 49.2128, lon: 37.2569, settlements: [{ nameUk: 'Ізюм', lat: 49.2128, lon: 37.2569 }] },
  { key: 'balakliia', nameUk: 'Балаклійська міська громада', pcode: 'UA63', kind: 'hromada', population: 40_000, lat: 49.4627, lon: 36.8594, settlements: [{ nameUk: 'Балаклія', lat: 49.4627, lon: 36.8594 }] },
  { key: 'trostianets', nameUk: 'Тростянецька міська громада', pcode: 'UA59', kind: 'hromada', population: 35_000, lat: 50.4784, lon: 34.965, settlements: [{ nameUk: 'Тростянець', lat: 50.4784, lon: 34.965 }] },
  { key: 'borodianka', nameUk: 'Бородянська селищна громада', pcode: 'UA32', kind: 'hromada', population: 28_000, lat: 50.6447, lon: 29.9254, settlements: [{ nameUk: 'Бородянка', lat: 50.6447, lon: 29.9254 }] },
  { key: 'makariv', nameUk: 'Макарівська селищна громада', pcode: 'UA32', kind: 'hromada', population: 31_000, lat: 50.4645, lon: 29.8112, settlements: [{ nameUk: 'Макарів', lat: 50.4645, lon: 29.8112 }] },
  { key: 'hostomel', nameUk: 'Гостомельська селищна громада', pcode: 'UA32', kind: 'hromada', population: 17_000, lat: 50.569, lon: 30.265, settlements: [{ nameUk: 'Гостомель', lat: 50.569, lon: 30.265 }] },
  { key: 'snihurivka', nameUk: 'Снігурівська міська громада', pcode: 'UA48', kind: 'hromada', population: 25_000, lat: 47.0758, lon: 32.805, settlements: [{ nameUk: 'Снігурівка', lat: 47.0758, lon: 32.805 }] },
  {
    key: 'kharkiv-oblast',
    nameUk: 'Харківська обласна військова адміністрація',
    pcode: 'UA63',
    kind: 'oblast-administration',
    population: 2_599_000,
    lat: 49.9935,
    lon: 36.2304,
    settlements: [
      { nameUk: "Куп'янськ", lat: 49.7106, lon: 37.6156 },
      { nameUk: 'Чугуїв', lat: 49.8356, lon: 36.688 },
      { nameUk: 'Лозова', lat: 48.8892, lon: 36.3172 },
    ],
  },
  {
    key: 'mykolaiv-oblast',
    nameUk: 'Миколаївська обласна військова адміністрація',
    pcode: 'UA48',
    kind: 'oblast-administration',
    population: 1_092_000,
    lat: 46.975,
    lon: 31.9946,
    settlements: [
      { nameUk: 'Очаків', lat: 46.6167, lon: 31.55 },
      { nameUk: 'Баштанка', lat: 47.4072, lon: 32.4389 },
      { nameUk: 'Первомайськ', lat: 48.0449, lon: 30.8506 },
    ],
  },
  {
    key: 'bucha-raion',
    nameUk: 'Бучанська районна державна адміністрація',
    pcode: 'UA32',
    kind: 'raion-administration',
    population: 362_000,
    lat: 50.5433,
    lon: 30.212,
    settlements: [
      { nameUk: 'Буча', lat: 50.5433, lon: 30.212 },
      { nameUk: 'Ворзель', lat: 50.5467, lon: 30.1547 },
      { nameUk: 'Немішаєве', lat: 50.5592, lon: 30.0914 },
    ],
  },
];

export const PARTNER_PLACES: readonly PartnerPlace[] = [
  { key: 'muenchen', nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY', language: 'de', population: 1_512_000, lat: 48.1372, lon: 11.5755, twins: ['kyiv'] },
  { key: 'leipzig', nameUk: 'Лейпциг', nameLatin: 'Leipzig', country: 'DE', adm1: 'DE-SN', language: 'de', population: 602_000, lat: 51.3397, lon: 12.3731, twins: ['kyiv'] },
  { key: 'nuernberg', nameUk: 'Нюрнберг', nameLatin: 'Nürnberg', country: 'DE', adm1: 'DE-BY', language: 'de', population: 523_000, lat: 49.4521, lon: 11.0767, twins: ['kharkiv'] },
  { key: 'regensburg', nameUk: 'Регенсбург', nameLatin: 'Regensburg', country: 'DE', adm1: 'DE-BY', language: 'de', population: 153_000, lat: 49.0134, lon: 12.1016, twins: ['odesa'] },
  { key: 'freiburg', nameUk: 'Фрайбург', nameLatin: 'Freiburg im Breisgau', country: 'DE', adm1: 'DE-BW', language: 'de', population: 236_000, lat: 47.999, lon: 7.8421, twins: ['lviv'] },
  { key: 'oberhausen', nameUk: 'Обергаузен', nameLatin: 'Oberhausen', country: 'DE', adm1: 'DE-NW', language: 'de', population: 210_000, lat: 51.4963, lon: 6.8638, twins: ['zaporizhzhia'] },
  { key: 'wien', nameUk: 'Відень', nameLatin: 'Wien', country: 'AT', adm1: 'AT-9', language: 'de', population: 1_982_000, lat: 48.2082, lon: 16.3738, twins: [] },
  { key: 'graz', nameUk: 'Грац', nameLatin: 'Graz', country: 'AT', adm1: 'AT-6', language: 'de', population: 291_000, lat: 47.0707, lon: 15.4395, twins: [] },
  { key: 'krakow', nameUk: 'Краків', nameLatin: 'Kraków', country: 'PL', adm1: 'PL-12', language: 'pl', population: 801_000, lat: 50.0647, lon: 19.945, twins: ['kyiv', 'lviv'] },
  { key: 'warszawa', nameUk: 'Варшава', nameLatin: 'Warszawa', country: 'PL', adm1: 'PL-14', language: 'pl', population: 1_863_000, lat: 52.2297, lon: 21.0122, twins: ['kyiv'] },
  { key: 'lublin', nameUk: 'Люблін', nameLatin: 'Lublin', country: 'PL', adm1: 'PL-06', language: 'pl', population: 335_000, lat: 51.2465, lon: 22.5684, twins: ['lutsk'] },
  { key: 'rzeszow', nameUk: 'Жешув', nameLatin: 'Rzeszów', country: 'PL', adm1: 'PL-18', language: 'pl', population: 196_000, lat: 50.0412, lon: 21.9991, twins: ['lviv'] },
  { key: 'wroclaw', nameUk: 'Вроцлав', nameLatin: 'Wrocław', country: 'PL', adm1: 'PL-02', language: 'pl', population: 673_000, lat: 51.1079, lon: 17.0385, twins: ['lviv'] },
  { key: 'gdansk', nameUk: 'Гданськ', nameLatin: 'Gdańsk', country: 'PL', adm1: 'PL-22', language: 'pl', population: 471_000, lat: 54.352, lon: 18.6466, twins: [] },
  { key: 'poznan', nameUk: 'Познань', nameLatin: 'Poznań', country: 'PL', adm1: 'PL-30', language: 'pl', population: 532_000, lat: 52.4064, lon: 16.9252, twins: ['kharkiv'] },
  { key: 'lodz', nameUk: 'Лодзь', nameLatin: 'Łódź', country: 'PL', adm1: 'PL-10', language: 'pl', population: 665_000, lat: 51.7592, lon: 19.456, twins: [] },
  { key: 'paris', nameUk: 'Париж', nameLatin: 'Paris', country: 'FR', adm1: 'FR-IDF', language: 'fr', population: 2_103_000, lat: 48.8566, lon: 2.3522, twins: ['kyiv'] },
  { key: 'lyon', nameUk: 'Ліон', nameLatin: 'Lyon', country: 'FR', adm1: 'FR-ARA', language: 'fr', population: 522_000, lat: 45.764, lon: 4.8357, twins: [] },
  { key: 'strasbourg', nameUk: 'Страсбург', nameLatin: 'Strasbourg', country: 'FR', adm1: 'FR-GES', language: 'fr', population: 291_000, lat: 48.5734, lon: 7.7521, twins: [] },
  { key: 'marseille', nameUk: 'Марсель', nameLatin: 'Marseille', country: 'FR', adm1: 'FR-PAC', language: 'fr', population: 873_000, lat: 43.2965, lon: 5.3698, twins: ['odesa'] },
  { key: 'firenze', nameUk: 'Флоренція', nameLatin: 'Firenze', country: 'IT', adm1: 'IT-52', language: 'it', population: 361_000, lat: 43.7696, lon: 11.2558, twins: ['kyiv'] },
  { key: 'genova', nameUk: 'Генуя', nameLatin: 'Genova', country: 'IT', adm1: 'IT-42', language: 'it', population: 563_000, lat: 44.4056, lon: 8.9463, twins: ['odesa'] },
  { key: 'bologna', nameUk: 'Болонья', nameLatin: 'Bologna', country: 'IT', adm1: 'IT-45', language: 'it', population: 390_000, lat: 44.4949, lon: 11.3426, twins: ['kharkiv'] },
  { key: 'amsterdam', nameUk: 'Амстердам', nameLatin: 'Amsterdam', country: 'NL', adm1: 'NL-NH', language: 'nl', population: 918_000, lat: 52.3676, lon: 4.9041, twins: [] },
  { key: 'rotterdam', nameUk: 'Роттердам', nameLatin: 'Rotterdam', country: 'NL', adm1: 'NL-ZH', language: 'nl', population: 664_000, lat: 51.9244, lon: 4.4777, twins: [] },
  { key: 'utrecht', nameUk: 'Утрехт', nameLatin: 'Utrecht', country: 'NL', adm1: 'NL-UT', language: 'nl', population: 367_000, lat: 52.0907, lon: 5.1214, twins: [] },
  { key: 'vilnius', nameUk: 'Вільнюс', nameLatin: 'Vilnius', country: 'LT', adm1: 'LT-VL', language: 'lt', population: 588_000, lat: 54.6872, lon: 25.2797, twins: ['kyiv'] },
  { key: 'kaunas', nameUk: 'Каунас', nameLatin: 'Kaunas', country: 'LT', adm1: 'LT-KU', language: 'lt', population: 299_000, lat: 54.8985, lon: 23.9036, twins: [] },
  { key: 'praha', nameUk: 'Прага', nameLatin: 'Praha', country: 'CZ', adm1: 'CZ-10', language: 'cs', population: 1_335_000, lat: 50.0755, lon: 14.4378, twins: ['kyiv'] },
  { key: 'brno', nameUk: 'Брно', nameLatin: 'Brno', country: 'CZ', adm1: 'CZ-64', language: 'cs', population: 382_000, lat: 49.1951, lon: 16.6068, twins: [] },
];
