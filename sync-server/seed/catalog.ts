/**
 * What the demo municipalities ask for and give, per category, in the language each side writes:
 * needs in Ukrainian, offers in the partner city's language. Each item carries a unit and a
 * plausible quantity range for one municipality; demo-data.ts rounds quantities to what the unit
 * allows. Every category of domain/constants.ts has items on both sides (a unit test checks).
 */
import type { Category, DeliveryOption, Unit } from '../../domain/constants';
import type { PartnerLanguage } from './places';

export type QuantityRange = { unit: Unit; min: number; max: number };

export type NeedItem = QuantityRange & { title: string; detail: string };

export type OfferItem = QuantityRange & { title: Record<PartnerLanguage, string>; delivery: readonly DeliveryOption[] };

export const NEED_ITEMS: Record<Category, readonly NeedItem[]> = {
  food: [
    { title: 'Продуктові набори для переселенців', detail: 'Набори на родину на тиждень: крупи, олія, консерви, цукор.', unit: 'boxes', min: 200, max: 2000 },
    { title: 'Дитяче харчування', detail: 'Суміші та каші для дітей до трьох років у пунктах видачі.', unit: 'kg', min: 100, max: 1500 },
    { title: 'Борошно пшеничне для пекарні', detail: 'Міська пекарня пече хліб для прифронтових сіл.', unit: 'tonnes', min: 5, max: 40 },
    { title: "М'ясні консерви", detail: 'Запас для пунктів незламності на випадок тривалих відключень.', unit: 'pallets', min: 2, max: 20 },
  ],
  water: [
    { title: 'Питна вода в пляшках', detail: 'Водогін пошкоджено, воду підвозять у мікрорайони.', unit: 'litres', min: 5000, max: 50000 },
    { title: 'Мобільні станції очищення води', detail: 'Для лікарні та шкіл, продуктивність від 1 м³ на годину.', unit: 'pieces', min: 1, max: 6 },
    { title: 'Автоцистерни для підвезення води', detail: 'Обсяг від 5 000 літрів, з сертифікатом для питної води.', unit: 'vehicles', min: 1, max: 4 },
    { title: 'Таблетки для знезараження води', detail: 'Для сіл, де колодязі забруднені після підтоплень.', unit: 'boxes', min: 50, max: 500 },
  ],
  medical: [
    { title: 'Аптечки першої допомоги', detail: 'Турнікети, гемостатичні бинти, ізраїльські пов’язки.', unit: 'kits', min: 100, max: 1000 },
    { title: 'Перев’язувальні матеріали', detail: 'Стерильні бинти, марля, пластирі для міської лікарні.', unit: 'boxes', min: 50, max: 500 },
    { title: 'Апарати штучної вентиляції легень', detail: 'Для реанімаційного відділення обласної лікарні.', unit: 'pieces', min: 1, max: 10 },
    { title: 'Автомобілі швидкої допомоги', detail: 'Повнопривідні, з обладнанням класу B або C.', unit: 'vehicles', min: 1, max: 5 },
  ],
  energy: [
    { title: 'Дизельні генератори 100 кВт', detail: 'Для насосних станцій водоканалу під час відключень.', unit: 'pieces', min: 1, max: 10 },
    { title: 'Генеруючі потужності для котельні', detail: 'Потрібна резервна потужність для районної котельні.', unit: 'kw', min: 100, max: 2000 },
    { title: 'Портативні зарядні станції', detail: 'Для укриттів, шкіл і центрів надання адмінпослуг.', unit: 'pieces', min: 20, max: 200 },
    { title: 'Трансформатори 10/0,4 кВ', detail: 'Заміна пошкоджених підстанцій у житлових кварталах.', unit: 'pieces', min: 1, max: 8 },
  ],
  heating: [
    { title: 'Твердопаливні котли', detail: 'Для шкіл і амбулаторій у селах громади.', unit: 'pieces', min: 2, max: 20 },
    { title: 'Дрова для опалення шкіл', detail: 'Сухі, колоті, з доставкою до шкільних котелень.', unit: 'tonnes', min: 20, max: 300 },
    { title: 'Обігрівачі для пунктів незламності', detail: 'Інфрачервоні та газові обігрівачі для приміщень до 50 м².', unit: 'pieces', min: 20, max: 200 },
    { title: 'Паливні брикети', detail: 'Для родин переселенців у приватних будинках.', unit: 'tonnes', min: 10, max: 100 },
  ],
  shelter: [
    { title: 'Модульні будинки для переселенців', detail: 'Утеплені, з підключенням до мереж, на 4–6 осіб.', unit: 'pieces', min: 5, max: 50 },
    { title: 'Ліжка та матраци для шелтерів', detail: 'Комплекти для гуртожитку, де живуть переселені родини.', unit: 'sets', min: 50, max: 500 },
    { title: 'Ковдри та спальні мішки', detail: 'Теплі, до −10 °C, для укриттів і пунктів обігріву.', unit: 'pieces', min: 200, max: 3000 },
    { title: 'Плівка та OSB для закриття вікон', detail: 'Після обстрілу вибито вікна в багатоповерхівках.', unit: 'pallets', min: 5, max: 60 },
  ],
  transport: [
    { title: 'Шкільні автобуси', detail: 'Для підвезення дітей з віддалених сіл до опорної школи.', unit: 'vehicles', min: 1, max: 4 },
    { title: 'Пікапи для комунальних служб', detail: 'Для аварійних бригад водоканалу та електромереж.', unit: 'vehicles', min: 1, max: 5 },
    { title: 'Пальне для евакуаційного транспорту', detail: 'Дизельне пальне для автобусів, що вивозять людей із прифронтових сіл.', unit: 'litres', min: 2000, max: 20000 },
    { title: 'Вантажні автомобілі', detail: 'Вантажопідйомністю від 5 тонн для гуманітарного складу.', unit: 'vehicles', min: 1, max: 3 },
  ],
  machinery: [
    { title: 'Екскаватор-навантажувач', detail: 'Для розчищення завалів і ремонту мереж.', unit: 'vehicles', min: 1, max: 3 },
    { title: 'Сміттєвози', detail: 'Парк комунального підприємства зменшився наполовину.', unit: 'vehicles', min: 1, max: 4 },
    { title: 'Техніка для прибирання снігу', detail: 'Трактори з відвалом і піскорозкидачем.', unit: 'vehicles', min: 1, max: 3 },
    { title: 'Бензопили та інструменти для розчищення завалів', detail: 'Комплекти для рятувальників і комунальників.', unit: 'sets', min: 10, max: 100 },
  ],
  communications: [
    { title: 'Термінали супутникового зв’язку', detail: 'Для лікарень, адміністрації та пунктів незламності.', unit: 'pieces', min: 5, max: 40 },
    { title: 'Радіостанції для служб реагування', detail: 'Цифрові, сумісні з наявною мережею міста.', unit: 'pieces', min: 20, max: 200 },
    { title: 'Ноутбуки для центру адмінпослуг', detail: 'Робочі місця для прийому заяв на компенсацію за зруйноване житло.', unit: 'pieces', min: 10, max: 60 },
    { title: 'Павербанки для укриттів', detail: 'Ємністю від 20 000 мА·год.', unit: 'pieces', min: 100, max: 1000 },
  ],
  reconstruction: [
    { title: 'Покрівельні матеріали', detail: 'Металочерепиця та профнастил для пошкоджених дахів.', unit: 'pallets', min: 10, max: 100 },
    { title: 'Віконні блоки для шкіл', detail: 'Енергоефективні вікна за розмірами, що надамо.', unit: 'pieces', min: 50, max: 800 },
    { title: 'Цемент', detail: 'Марка М400 для відновлення приватних будинків.', unit: 'tonnes', min: 20, max: 500 },
    { title: 'Співфінансування ремонту амбулаторії', detail: 'Проєктна документація готова, потрібна частка кошторису.', unit: 'eur', min: 20000, max: 300000 },
  ],
  education: [
    { title: 'Обладнання для укриттів у школах', detail: 'Вентиляція, освітлення, лавки, щоб навчання тривало під час тривог.', unit: 'sets', min: 2, max: 20 },
    { title: 'Планшети для дистанційного навчання', detail: 'Для учнів, які навчаються онлайн.', unit: 'pieces', min: 50, max: 500 },
    { title: 'Шкільні меблі', detail: 'Парти та стільці для відновлених класів.', unit: 'sets', min: 20, max: 300 },
    { title: 'Підручники та навчальні матеріали', detail: 'Для початкової школи та бібліотеки.', unit: 'boxes', min: 20, max: 200 },
  ],
  expertise: [
    { title: 'Консультації з відновлення теплопостачання', detail: 'Шукаємо інженерів, які проєктували децентралізовані котельні.', unit: 'person-days', min: 5, max: 60 },
    { title: 'Експертиза гуманітарного розмінування земель', detail: 'Досвід планування та пріоритизації обстеження угідь.', unit: 'person-days', min: 5, max: 40 },
    { title: 'Психологічна підтримка для вчителів', detail: 'Тренінги з роботи з дітьми, які пережили обстріли.', unit: 'person-days', min: 5, max: 30 },
    { title: 'Досвід енергоменеджменту громад', detail: 'Як вести облік енергоспоживання бюджетних будівель.', unit: 'person-days', min: 3, max: 20 },
  ],
  other: [
    { title: 'Обладнання для пунктів незламності', detail: 'Столи, стільці, чайники, подовжувачі.', unit: 'sets', min: 2, max: 20 },
    { title: 'Засоби гігієни', detail: 'Для переселенців у місцях компактного проживання.', unit: 'boxes', min: 50, max: 500 },
    { title: 'Корм для тварин у притулках', detail: 'Притулок прийняв тварин з евакуйованих сіл.', unit: 'kg', min: 500, max: 5000 },
    { title: 'Пожежні рукави та спорядження', detail: 'Для місцевої пожежної команди громади.', unit: 'sets', min: 5, max: 50 },
  ],
};

/** A second sentence for a need's description: where it goes, who asks, what is done already. */
export const NEED_CONTEXT: readonly string[] = [
  'Доставка на склад міської ради, розвантаження забезпечимо.',
  'Потребу погоджено з обласною військовою адміністрацією.',
  'Частину вже закрили місцеві волонтери, решту просимо в партнерів.',
  'Отримувачі — комунальні заклади, звіт про використання надамо.',
  'Можемо забрати вантаж на кордоні власним транспортом.',
  'Після останнього обстрілу потреба зросла вдвічі.',
];

const ALL_OPTIONS = ['to-border', 'to-city', 'pick-up'] as const;

export const OFFER_ITEMS: Record<Category, readonly OfferItem[]> = {
  food: [
    {
      title: { de: 'Lebensmittelpakete', pl: 'Paczki żywnościowe', fr: 'Colis alimentaires', it: 'Pacchi alimentari', nl: 'Voedselpakketten', lt: 'Maisto rinkiniai', cs: 'Potravinové balíčky' },
      unit: 'boxes', min: 100, max: 1500, delivery: ALL_OPTIONS,
    },
    {
      title: { de: 'Haltbare Babynahrung', pl: 'Żywność dla niemowląt', fr: 'Alimentation pour bébés', it: 'Alimenti per la prima infanzia', nl: 'Babyvoeding', lt: 'Kūdikių maistas', cs: 'Dětská výživa' },
      unit: 'kg', min: 100, max: 1000, delivery: ['to-border', 'to-city'],
    },
  ],
  water: [
    {
      title: { de: 'Mobile Trinkwasseraufbereitung', pl: 'Mobilna stacja uzdatniania wody', fr: "Unité mobile de potabilisation de l'eau", it: "Impianto mobile di potabilizzazione dell'acqua", nl: 'Mobiele waterzuiveringsinstallatie', lt: 'Mobili vandens valymo stotis', cs: 'Mobilní úpravna pitné vody' },
      unit: 'pieces', min: 1, max: 4, delivery: ['to-city', 'pick-up'],
    },
    {
      title: { de: 'Trinkwasser in Flaschen', pl: 'Woda pitna butelkowana', fr: 'Eau potable en bouteilles', it: 'Acqua potabile in bottiglia', nl: 'Drinkwater in flessen', lt: 'Geriamasis vanduo buteliuose', cs: 'Balená pitná voda' },
      unit: 'litres', min: 5000, max: 40000, delivery: ['to-border'],
    },
  ],
  medical: [
    {
      title: { de: 'Erste-Hilfe-Sets', pl: 'Apteczki pierwszej pomocy', fr: 'Trousses de premiers secours', it: 'Kit di pronto soccorso', nl: 'EHBO-sets', lt: 'Pirmosios pagalbos rinkiniai', cs: 'Lékárničky první pomoci' },
      unit: 'kits', min: 100, max: 800, delivery: ALL_OPTIONS,
    },
    {
      title: { de: 'Gebrauchter Rettungswagen, voll ausgestattet', pl: 'Używany ambulans z pełnym wyposażeniem', fr: 'Ambulance d’occasion entièrement équipée', it: 'Ambulanza usata completamente attrezzata', nl: 'Gebruikte ambulance, volledig uitgerust', lt: 'Naudotas pilnai įrengtas greitosios pagalbos automobilis', cs: 'Použitá plně vybavená sanitka' },
      unit: 'vehicles', min: 1, max: 3, delivery: ['to-city', 'pick-up'],
    },
  ],
  energy: [
    {
      title: { de: 'Notstromaggregate', pl: 'Agregaty prądotwórcze', fr: 'Groupes électrogènes', it: 'Generatori elettrici', nl: 'Noodstroomaggregaten', lt: 'Elektros generatoriai', cs: 'Elektrocentrály' },
      unit: 'pieces', min: 2, max: 20, delivery: ALL_OPTIONS,
    },
    {
      title: { de: 'Photovoltaikanlage für ein Krankenhaus', pl: 'Instalacja fotowoltaiczna dla szpitala', fr: 'Installation photovoltaïque pour un hôpital', it: 'Impianto fotovoltaico per un ospedale', nl: 'Zonnepanelen voor een ziekenhuis', lt: 'Saulės elektrinė ligoninei', cs: 'Fotovoltaická elektrárna pro nemocnici' },
      unit: 'kw', min: 20, max: 300, delivery: ['to-city'],
    },
  ],
  heating: [
    {
      title: { de: 'Heizlüfter und Radiatoren', pl: 'Grzejniki elektryczne', fr: 'Radiateurs électriques', it: 'Stufe e radiatori elettrici', nl: 'Elektrische kachels', lt: 'Elektriniai šildytuvai', cs: 'Elektrická topidla' },
      unit: 'pieces', min: 20, max: 200, delivery: ALL_OPTIONS,
    },
    {
      title: { de: 'Holzpellets', pl: 'Pellet drzewny', fr: 'Granulés de bois', it: 'Pellet di legno', nl: 'Houtpellets', lt: 'Medienos granulės', cs: 'Dřevěné pelety' },
      unit: 'tonnes', min: 10, max: 120, delivery: ['to-border', 'to-city'],
    },
  ],
  shelter: [
    {
      title: { de: 'Feldbetten und Matratzen', pl: 'Łóżka polowe i materace', fr: 'Lits de camp et matelas', it: 'Brande e materassi', nl: 'Veldbedden en matrassen', lt: 'Sulankstomos lovos ir čiužiniai', cs: 'Polní lůžka a matrace' },
      unit: 'sets', min: 50, max: 400, delivery: ALL_OPTIONS,
    },
    {
      title: { de: 'Winterschlafsäcke', pl: 'Zimowe śpiwory', fr: "Sacs de couchage d'hiver", it: 'Sacchi a pelo invernali', nl: 'Winterslaapzakken', lt: 'Žieminiai miegmaišiai', cs: 'Zimní spací pytle' },
      unit: 'pieces', min: 200, max: 2000, delivery: ['to-border', 'to-city'],
    },
  ],
  transport: [
    {
      title: { de: 'Gebrauchter Linienbus', pl: 'Używany autobus miejski', fr: 'Autobus urbain d’occasion', it: 'Autobus urbano usato', nl: 'Gebruikte stadsbus', lt: 'Naudotas miesto autobusas', cs: 'Použitý městský autobus' },
      unit: 'vehicles', min: 1, max: 3, delivery: ['to-city', 'pick-up'],
    },
    {
      title: { de: 'Transporter für den Kommunaldienst', pl: 'Samochody dostawcze dla służb komunalnych', fr: 'Fourgons pour les services municipaux', it: 'Furgoni per i servizi comunali', nl: 'Bestelwagens voor de gemeentedienst', lt: 'Krovininiai mikroautobusai komunalinėms tarnyboms', cs: 'Dodávky pro technické služby' },
      unit: 'vehicles', min: 1, max: 4, delivery: ['to-city', 'pick-up'],
    },
  ],
  machinery: [
    {
      title: { de: 'Radlader', pl: 'Ładowarka kołowa', fr: 'Chargeuse sur pneus', it: 'Pala gommata', nl: 'Wiellader', lt: 'Ratinis krautuvas', cs: 'Kolový nakladač' },
      unit: 'vehicles', min: 1, max: 2, delivery: ['to-city', 'pick-up'],
    },
    {
      title: { de: 'Motorsägen-Sets', pl: 'Zestawy pilarek spalinowych', fr: 'Kits de tronçonneuses', it: 'Kit di motoseghe', nl: 'Kettingzaagsets', lt: 'Motorinių pjūklų rinkiniai', cs: 'Sady motorových pil' },
      unit: 'sets', min: 10, max: 80, delivery: ALL_OPTIONS,
    },
  ],
  communications: [
    {
      title: { de: 'Satellitenterminals', pl: 'Terminale satelitarne', fr: 'Terminaux satellitaires', it: 'Terminali satellitari', nl: 'Satellietterminals', lt: 'Palydovinio ryšio terminalai', cs: 'Satelitní terminály' },
      unit: 'pieces', min: 5, max: 30, delivery: ['to-border', 'to-city'],
    },
    {
      title: { de: 'Aufbereitete Laptops', pl: 'Odnowione laptopy', fr: 'Ordinateurs portables reconditionnés', it: 'Computer portatili ricondizionati', nl: 'Gereviseerde laptops', lt: 'Atnaujinti nešiojamieji kompiuteriai', cs: 'Repasované notebooky' },
      unit: 'pieces', min: 10, max: 100, delivery: ALL_OPTIONS,
    },
  ],
  reconstruction: [
    {
      title: { de: 'Dachziegel und Dachbahnen', pl: 'Dachówki i papa', fr: 'Tuiles et membranes de toiture', it: 'Tegole e guaine per tetti', nl: 'Dakpannen en dakbedekking', lt: 'Čerpės ir stogo danga', cs: 'Střešní tašky a krytina' },
      unit: 'pallets', min: 10, max: 80, delivery: ['to-border', 'to-city'],
    },
    {
      title: { de: 'Zuschuss für den Wiederaufbau einer Schule', pl: 'Dotacja na odbudowę szkoły', fr: "Subvention pour la reconstruction d'une école", it: 'Contributo per la ricostruzione di una scuola', nl: 'Subsidie voor de wederopbouw van een school', lt: 'Parama mokyklos atstatymui', cs: 'Příspěvek na obnovu školy' },
      unit: 'eur', min: 20000, max: 250000, delivery: ['remote'],
    },
  ],
  education: [
    {
      title: { de: 'Tablets für den Unterricht', pl: 'Tablety do nauki', fr: "Tablettes pour l'enseignement", it: 'Tablet per la didattica', nl: 'Tablets voor het onderwijs', lt: 'Planšetės mokymuisi', cs: 'Tablety pro výuku' },
      unit: 'pieces', min: 30, max: 300, delivery: ALL_OPTIONS,
    },
    {
      title: { de: 'Schulmöbel', pl: 'Meble szkolne', fr: 'Mobilier scolaire', it: 'Arredi scolastici', nl: 'Schoolmeubilair', lt: 'Mokyklos baldai', cs: 'Školní nábytek' },
      unit: 'sets', min: 20, max: 200, delivery: ['to-city', 'pick-up'],
    },
  ],
  expertise: [
    {
      title: { de: 'Beratung zur Fernwärme', pl: 'Doradztwo w zakresie ciepłownictwa', fr: 'Conseil en réseaux de chaleur', it: 'Consulenza sul teleriscaldamento', nl: 'Advies over stadsverwarming', lt: 'Centralizuoto šilumos tiekimo konsultacijos', cs: 'Poradenství k dálkovému vytápění' },
      unit: 'person-days', min: 5, max: 40, delivery: ['remote', 'to-city'],
    },
    {
      title: { de: 'Schulung im Katastrophenschutz', pl: 'Szkolenia z zarządzania kryzysowego', fr: 'Formation à la gestion de crise', it: 'Formazione in protezione civile', nl: 'Training in crisisbeheersing', lt: 'Civilinės saugos mokymai', cs: 'Školení krizového řízení' },
      unit: 'person-days', min: 3, max: 20, delivery: ['remote'],
    },
  ],
  other: [
    {
      title: { de: 'Hygieneartikel', pl: 'Środki higieniczne', fr: "Produits d'hygiène", it: "Prodotti per l'igiene", nl: 'Hygiëneproducten', lt: 'Higienos priemonės', cs: 'Hygienické potřeby' },
      unit: 'boxes', min: 50, max: 400, delivery: ALL_OPTIONS,
    },
    {
      title: { de: 'Feuerwehrausrüstung', pl: 'Sprzęt strażacki', fr: 'Équipement de pompiers', it: 'Attrezzature antincendio', nl: 'Brandweeruitrusting', lt: 'Gaisrininkų įranga', cs: 'Hasičské vybavení' },
      unit: 'sets', min: 5, max: 40, delivery: ['to-border', 'to-city'],
    },
  ],
};

/** An offer's description: `{city}` and `{until}` are filled in; one sentence per language. */
export const OFFER_DESCRIPTION: Record<PartnerLanguage, string> = {
  de: 'Angebot der Stadt {city}, verfügbar bis {until}. Transport nach Absprache mit der Partnergemeinde.',
  pl: 'Oferta miasta {city}, dostępna do {until}. Transport do uzgodnienia z gminą partnerską.',
  fr: 'Offre de la ville de {city}, disponible jusqu’au {until}. Transport à convenir avec la commune partenaire.',
  it: 'Offerta del Comune di {city}, disponibile fino al {until}. Trasporto da concordare con il comune partner.',
  nl: 'Aanbod van de gemeente {city}, beschikbaar tot {until}. Vervoer in overleg met de partnergemeente.',
  lt: 'Pasiūlymas iš {city} savivaldybės, galioja iki {until}. Transportas derinamas su partnere savivaldybe.',
  cs: 'Nabídka města {city}, k dispozici do {until}. Doprava po dohodě s partnerskou obcí.',
};

/** Messages of a pledge's thread, alternating: the sender (English, the usual common language) first. */
export const PLEDGE_THREAD: readonly { side: 'sender' | 'receiver'; language: string; body: string }[] = [
  { side: 'sender', language: 'en', body: 'Hello from {from}! We can send {quantity} {unit} next week. Which address should the truck go to?' },
  { side: 'receiver', language: 'uk', body: 'Щиро дякуємо! Адреса складу — вул. Соборна, 1. Розвантаження забезпечимо, контакт на місці — черговий управління.' },
  { side: 'sender', language: 'en', body: 'The truck is loaded and leaves tomorrow morning; it should reach the border crossing in two days.' },
  { side: 'receiver', language: 'uk', body: 'Чудово, чекаємо. Напишемо, щойно вантаж прибуде та ми його перерахуємо.' },
];

/** Display names of the demo members, per language (whole names, so grammatical gender agrees). */
export const PEOPLE: Record<'uk' | PartnerLanguage, readonly string[]> = {
  uk: ['Олена Коваленко', 'Андрій Шевченко', 'Ірина Бондаренко', 'Олександр Ткаченко', 'Наталія Кравченко', 'Сергій Мельник', 'Оксана Поліщук', 'Володимир Лисенко', 'Тетяна Савчук', 'Михайло Гнатюк'],
  de: ['Anna Müller', 'Thomas Schmidt', 'Katrin Weber', 'Michael Fischer', 'Sabine Wagner', 'Jan Becker'],
  pl: ['Anna Nowak', 'Piotr Wiśniewski', 'Katarzyna Kowalska', 'Tomasz Wójcik', 'Magdalena Kamińska'],
  fr: ['Claire Martin', 'Julien Bernard', 'Sophie Dubois', 'Nicolas Lefèvre'],
  it: ['Giulia Rossi', 'Marco Bianchi', 'Francesca Romano', 'Luca Colombo'],
  nl: ['Sanne de Jong', 'Daan Jansen', 'Eva de Vries', 'Bram Bakker'],
  lt: ['Rūta Kazlauskienė', 'Tomas Jankauskas', 'Agnė Petrauskaitė', 'Mantas Stankevičius'],
  cs: ['Petra Nováková', 'Jan Dvořák', 'Lucie Svobodová', 'Martin Černý'],
};
