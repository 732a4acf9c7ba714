/**
 * Concurrent edits campaign (issue 13): several phones (3–5) edit the same needs, offers and
 * municipality profiles at random, offline and online, over a lossy link (push requests lost before the server, responses
 * lost after it wrote, pulls lost), with wall clocks days behind to an hour ahead. The simulation
 * is in domain terms, like tests/unit/domain-sync-convergence.test.ts: the server applies the push
 * semantics of DESIGN.md "Sync" with domain/field-stamps.ts `stampPushed` and the hybrid clock's
 * clamp; a phone stamps its edits as app/db/local-store.ts does (`stampChanges`) and resolves a
 * conflict with the collection's own merge (`mergeFor`, status rules and the field groups — quantity
 * + unit, country + first-level unit, profile text + its language — included), rebased on its unanswered pushes as app/db/replication.ts does.
 *
 * Every value a field takes is identified by its document, field, stamp and JSON. The campaign
 * records who superseded what: an edit supersedes the value its phone showed; a merge supersedes
 * the value it did not keep (a merge, which the app records and shows); a stamp the server clamps
 * names the same edit as the pushed one. At the end, after syncing everyone without losses:
 * - every phone holds what the server holds, and every stored document is valid;
 * - a **silent overwrite** is a phone's last edit of a field that is neither the final value nor
 *   superseded, by any chain of edits and merges, by it: an edit gone without anyone having seen
 *   it and without a merge deciding against it. The goal, and the pass condition, is 0;
 * - a field only one phone edited ends with that phone's last value (one-sided edits are kept).
 *
 * `CHAOS_SCALE=full` runs at least 10,000 edits; the short run (inside `npm test`) 1,000.
 * `CHAOS_SEED=<n>` replays a run exactly; the report lands in test-results/chaos/concurrent-edits.json.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, mergeFor } from '../../domain/collections';
import { COUNTABLE_UNITS, DELIVERY_OPTIONS, MUNICIPALITY_KINDS, URGENCIES } from '../../domain/constants';
import { dayOf } from '../../domain/dates';
import { jsonEqual, sameContent, type WireDocument } from '../../domain/documents';
import { stampChanges, stampOf, stampPushed, stampsOf } from '../../domain/field-stamps';
import { clampTimestamp, nextTimestamp, observeTimestamp } from '../../domain/hlc';
import { rebaseOnUnanswered } from '../../domain/merge';
import { QUANTITY_FIELDS } from '../../domain/schemas/fields';
import { MUNICIPALITY_FIELD_GROUPS } from '../../domain/schemas/municipality';
import { NEED_TRANSITIONS } from '../../domain/rules/need-status';
import { OFFER_TRANSITIONS } from '../../domain/rules/offer-status';
import type { Transitions } from '../../domain/rules/status-transitions';
import { validateDocument } from '../../domain/validation';
import { DAY, HOUR, KRAKOW, LVIV, MUNICH, T0, makeMunicipality, makeNeed, makeOffer } from '../unit/domain-factories';
import { byScale, chaosScale, chaosSeed, saveReport, seededRandom } from './support/campaign';

const CAMPAIGN = 'concurrent-edits';
const MINUTE = 60_000;
/** The run ends once this many edits were made (whole rounds). */
const TARGET_EDITS = byScale({ short: 1_000, full: 10_000 });

/** `status` is absent on municipalities (they have no status to move). */
type Doc = WireDocument & { status: string; updatedAt: number };
type Collection = 'needs' | 'offers' | 'municipalities';
type Random = () => number;

const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number): boolean => random() < p;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/**
 * Fields that merge as one (`fieldGroups` of the collections: a quantity and its unit, a country
 * and its first-level unit, a profile text and its language) are one unit here too. No field name
 * is in two collections' groups, so one list serves all.
 */
const GROUPS: readonly (readonly string[])[] = [QUANTITY_FIELDS, ...MUNICIPALITY_FIELD_GROUPS];
const groupOf = (name: string): readonly string[] | undefined => GROUPS.find((fields) => fields.join('+') === name || fields.includes(name));
const fieldsOf = (unit: string): readonly string[] => groupOf(unit) ?? [unit];
const unitOf = (field: string): string => groupOf(field)?.join('+') ?? field;

/** The value of a merge unit: a field's value, or the group's. */
const unitValue = (doc: Doc, unit: string): unknown => {
  const group = groupOf(unit);
  return group ? group.map((field) => doc[field] ?? null) : doc[unit];
};

/** The identity of the value a unit holds: its document, unit, stamps and JSON. */
function valueKey(doc: Doc, unit: string): string {
  const stamps = fieldsOf(unit).map((field) => stampOf(doc, [field]) ?? 'unstamped');
  return `${doc.id}/${unit}/${stamps.join(',')}/${JSON.stringify(unitValue(doc, unit) ?? null)}`;
}

const editableUnits = (...docs: Doc[]): string[] => [
  ...new Set(
    docs
      .flatMap((doc) => [...Object.keys(doc), ...Object.keys(stampsOf(doc))])
      .filter((field) => !['id', 'updatedAt', 'meta', 'fieldStamps', '_deleted'].includes(field))
      .map(unitOf),
  ),
];

/** Counts and the "who superseded what" graph of one run. */
class Ledger {
  /** `fieldConflicts`: fields a merge decided between two concurrent edits (neither made on top of the other). */
  readonly counts = { rounds: 0, phones: 0, documents: 0, municipalityProfiles: 0, edits: 0, pushes: 0, lostRequests: 0, lostResponses: 0, lostPulls: 0, merges: 0, fieldConflicts: 0, clampedStamps: 0 };
  private readonly superseded = new Map<string, Set<string>>();

  supersede(from: string, to: string): void {
    if (from === to) return;
    const next = this.superseded.get(from) ?? new Set<string>();
    next.add(to);
    this.superseded.set(from, next);
  }

  /** True when `to` follows `from` through edits, merges and server stamps. */
  leadsTo(from: string, to: string): boolean {
    const seen = new Set([from]);
    const queue = [from];
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      if (key === to) return true;
      for (const next of this.superseded.get(key) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  }

  /**
   * A merge kept one value per field. The value it dropped was decided against, visibly, when the
   * two were concurrent edits; a value dropped for one it was itself made on top of (an older
   * value of the same line of edits) is not decided against: it is lost, and counts as such.
   */
  recordMerge(master: Doc, local: Doc, merged: Doc): void {
    if (sameContent(master, local)) return;
    this.counts.merges += 1;
    for (const unit of editableUnits(master, local, merged)) {
      const kept = valueKey(merged, unit);
      const fromMaster = valueKey(master, unit);
      const fromLocal = valueKey(local, unit);
      if (fromMaster !== fromLocal && !this.leadsTo(fromMaster, fromLocal) && !this.leadsTo(fromLocal, fromMaster)) this.counts.fieldConflicts += 1;
      for (const dropped of [fromMaster, fromLocal]) if (dropped !== kept && !this.leadsTo(kept, dropped)) this.supersede(dropped, kept);
    }
  }
}

type Kind = { collection: Collection; make: (id: string) => Doc; transitions: Transitions<string>; values: (random: Random) => Record<string, () => unknown> };

const TITLES = ['Генератори для водоканалу', 'Diesel generators 20 kW', 'Agregaty prądotwórcze', 'Ліки для лікарні', 'Warm blankets for the shelter', 'Fuel for the boiler house'];
const PLACES_UA = [{ settlement: 'Kyiv', pcode: 'UA80', lat: 50.45, lon: 30.52 }, { settlement: 'Kharkiv', pcode: 'UA63', lat: 49.99, lon: 36.23 }, { settlement: 'Sumy' }];
const PLACES_EU = [{ settlement: 'München', country: 'DE', pcode: 'DE-BY', lat: 48.14, lon: 11.58 }, { settlement: 'Kraków', country: 'PL', lat: 50.06, lon: 19.94 }];

/**
 * Values come from small pools on purpose: the same value set again later by someone else (A → B →
 * A) is where a merge that compares values instead of edits goes wrong.
 */
function sharedValues(random: Random): Record<string, () => unknown> {
  return {
    title: () => pick(random, TITLES),
    description: () => pick(random, ['', ' ', 'Two pumping stations lose power.', 'Urgent: the old one broke.']),
    quantity: () => (chance(random, 0.15) ? undefined : between(random, 1, 4)),
    unit: () => pick(random, [...COUNTABLE_UNITS, 'kg', 'litres']),
  };
}

const NEED_KIND: Kind = {
  collection: 'needs',
  make: (id) => makeNeed({ id, status: 'draft' }),
  transitions: NEED_TRANSITIONS,
  values: (random) => ({
    ...sharedValues(random),
    urgency: () => pick(random, URGENCIES),
    neededBy: () => (chance(random, 0.2) ? undefined : dayOf(T0 + between(random, -10, 120) * DAY)),
    place: () => pick(random, PLACES_UA),
  }),
};

const OFFER_KIND: Kind = {
  collection: 'offers',
  make: (id) => makeOffer({ id }),
  transitions: OFFER_TRANSITIONS,
  values: (random) => ({
    ...sharedValues(random),
    availableUntil: () => (chance(random, 0.2) ? undefined : dayOf(T0 + between(random, 1, 120) * DAY)),
    deliveryOptions: () => {
      const options = DELIVERY_OPTIONS.filter(() => chance(random, 0.5));
      return options.length > 0 ? options : [pick(random, DELIVERY_OPTIONS)];
    },
    place: () => pick(random, PLACES_EU),
  }),
};

const MUNICIPALITY_KIND: Kind = {
  collection: 'municipalities',
  // Coordinators and moderators edit one profile; a municipality has no status to move.
  make: (id) => makeMunicipality({ id, verification: { status: 'pending' } }) as unknown as Doc,
  transitions: {},
  values: (random) => ({
    nameLatin: () => pick(random, ['Kyiv', 'Kyiv City', 'Kiev']),
    adm1: () => pick(random, ['UA80', 'UA32', 'UA46']),
    kind: () => pick(random, MUNICIPALITY_KINDS),
    population: () => (chance(random, 0.2) ? undefined : pick(random, [2_950_000, 3_000_000, 812_000])),
    location: () => pick(random, [{ lat: 50.45, lon: 30.52 }, { lat: 50.4501, lon: 30.5234 }]),
    verification: () => pick(random, [{ status: 'pending' }, { status: 'verified' }, { status: 'rejected', reason: 'Not found in the register' }]),
    partnerIds: () => [MUNICH, LVIV, KRAKOW].filter(() => chance(random, 0.5)),
    profile: () => (chance(random, 0.2) ? undefined : pick(random, ['Столиця.', 'The capital.', 'Miasto partnerskie.'])),
    profileLanguage: () => pick(random, ['uk', 'en', 'pl']),
    languages: () => pick(random, [['uk'], ['uk', 'en'], ['uk', 'de', 'pl']]),
  }),
};

/** The server of one round: the push semantics of DESIGN.md "Sync" (sync-server/sync/push.ts). */
class Server {
  now = T0;
  readonly docs = new Map<string, Doc>();
  readonly stored: { collection: Collection; doc: Doc }[] = [];

  constructor(private readonly ledger: Ledger) {}

  push(collection: Collection, assumed: Doc | undefined, next: Doc): Doc | undefined {
    const current = this.docs.get(next.id)!;
    if (sameContent(current, next)) return undefined;
    if (!sameContent(current, assumed)) return current;
    const stamped = stampPushed(current, next, this.now, true);
    const written: Doc = { ...stamped, updatedAt: clampTimestamp(next.updatedAt, this.now), meta: { createdAt: T0, serverUpdatedAt: this.now } };
    for (const unit of editableUnits(next, written)) {
      if (valueKey(next, unit) !== valueKey(written, unit)) {
        // A clamped stamp names the same edit: either name leads to what follows the other (the
        // phone may push its unclamped stamp again later, once the server's time has passed it).
        this.ledger.counts.clampedStamps += 1;
        this.ledger.supersede(valueKey(next, unit), valueKey(written, unit));
        this.ledger.supersede(valueKey(written, unit), valueKey(next, unit));
      }
    }
    this.docs.set(next.id, written);
    this.stored.push({ collection, doc: written });
    return undefined;
  }
}

type Copy = { doc: Doc; assumed: Doc; unanswered: Doc[] };

/** A phone: its copies (RxDB's fork), the server state each was based on, and its clock. */
class Phone {
  private lastSeen = T0;
  readonly copies = new Map<string, Copy>();
  /** This phone's last edit of each document's merge unit: its value key and its value. */
  readonly lastEdits = new Map<string, { key: string; value: unknown }>();

  constructor(
    private readonly server: Server,
    private readonly ledger: Ledger,
    private readonly kinds: ReadonlyMap<string, Kind>,
    private readonly skew: number,
  ) {
    for (const [id, doc] of server.docs) this.copies.set(id, { doc, assumed: doc, unanswered: [] });
  }

  pending(copy: Copy): boolean {
    return !sameContent(copy.doc, copy.assumed);
  }

  get anyPending(): boolean {
    return [...this.copies.values()].some((copy) => this.pending(copy));
  }

  edit(id: string, field: string, value: unknown): void {
    const copy = this.copies.get(id)!;
    const next: Doc = { ...copy.doc, [field]: value };
    if (value === undefined) delete next[field];
    const { doc, latest } = stampChanges(copy.doc, next, nextTimestamp(this.server.now + this.skew, this.lastSeen));
    this.lastSeen = latest;
    const written: Doc = { ...doc, updatedAt: latest };
    // Setting a field to the value it holds changes nothing and is no edit.
    const unit = unitOf(field);
    if (valueKey(copy.doc, unit) !== valueKey(written, unit)) {
      this.ledger.supersede(valueKey(copy.doc, unit), valueKey(written, unit));
      this.lastEdits.set(`${id}/${unit}`, { key: valueKey(written, unit), value: unitValue(written, unit) });
      this.ledger.counts.edits += 1;
    }
    copy.doc = written;
  }

  /** Pushes every pending copy in one request, which the link may lose before or after the server. */
  push(loss: 'none' | 'request' | 'response'): void {
    const pending = [...this.copies.values()].filter((copy) => this.pending(copy));
    if (pending.length === 0) return;
    this.ledger.counts.pushes += 1;
    if (loss === 'request') this.ledger.counts.lostRequests += 1;
    if (loss === 'response') this.ledger.counts.lostResponses += 1;
    for (const copy of pending) {
      const kind = this.kinds.get(copy.doc.id)!;
      const merge = mergeFor(kind.collection);
      const sentEarlier = copy.unanswered;
      if (!sentEarlier.some((sent) => sameContent(sent, copy.doc))) copy.unanswered = [...sentEarlier, copy.doc].slice(-10);
      if (loss === 'request') continue;
      let conflict = this.server.push(kind.collection, copy.assumed, copy.doc);
      if (loss === 'response') continue;
      copy.unanswered = [];
      if (conflict && sentEarlier.length > 0) {
        // As app/db/replication.ts pushRows: merged against a base that counts its own unanswered values as its own.
        const base = rebaseOnUnanswered(copy.assumed, conflict, sentEarlier);
        const merged = merge(base, conflict, copy.doc);
        this.ledger.recordMerge(conflict, copy.doc, merged);
        copy.doc = merged;
        copy.assumed = conflict;
        conflict = this.server.push(kind.collection, copy.assumed, copy.doc);
      }
      if (conflict) {
        // RxDB's conflict handler (app/db/database.ts): merged, and pushed on the next round.
        this.observe(conflict);
        const merged = merge(copy.assumed, conflict, copy.doc);
        this.ledger.recordMerge(conflict, copy.doc, merged);
        copy.doc = merged;
        copy.assumed = conflict;
      } else copy.assumed = copy.doc;
    }
  }

  /** A pull leaves an unpushed edit alone (RxDB's downstream does too); the push resolves it. */
  pull(): void {
    for (const [id, copy] of this.copies) {
      const master = this.server.docs.get(id)!;
      this.observe(master);
      if (!this.pending(copy)) copy.doc = master;
      if (!this.pending(copy) || sameContent(master, copy.doc)) copy.assumed = master;
    }
  }

  private observe(doc: Doc): void {
    this.lastSeen = observeTimestamp(this.lastSeen, (doc.meta as { serverUpdatedAt?: number } | undefined)?.serverUpdatedAt);
  }
}

type Finding = { round: number; roundSeed: number; kind: string; detail: string };

/** One round: a few documents, 3–5 phones, random edits and syncs over a lossy link, then everyone syncs. */
function runRound(round: number, roundSeed: number, ledger: Ledger, findings: Finding[]): void {
  const random = seededRandom(roundSeed);
  const server = new Server(ledger);
  const kinds = new Map<string, Kind>();
  const documents = between(random, 1, 3);
  for (let index = 0; index < documents; index++) {
    const kind = pick(random, [NEED_KIND, OFFER_KIND, MUNICIPALITY_KIND]);
    const doc = { ...kind.make(`${kind.collection}-r${round}-${index}`), meta: { createdAt: T0, serverUpdatedAt: T0 } };
    server.docs.set(doc.id, doc);
    kinds.set(doc.id, kind);
    if (kind === MUNICIPALITY_KIND) ledger.counts.municipalityProfiles += 1;
  }
  const ids = [...kinds.keys()];
  const phones = Array.from({ length: between(random, 3, 5) }, () => new Phone(server, ledger, kinds, between(random, -3 * DAY, HOUR)));
  ledger.counts.rounds += 1;
  ledger.counts.phones += phones.length;
  ledger.counts.documents += documents;
  const lossRate = 0.1 + random() * 0.4;
  const actions = between(random, 60, 180);
  for (let step = 0; step < actions; step++) {
    const phone = pick(random, phones);
    const roll = random();
    if (roll < 0.45) {
      server.now += between(random, 0, 2 * HOUR);
      const id = pick(random, ids);
      const kind = kinds.get(id)!;
      if (chance(random, 0.2)) {
        const options = kind.transitions[phone.copies.get(id)!.doc.status] ?? [];
        if (options.length > 0) phone.edit(id, 'status', pick(random, options));
      } else {
        const values = kind.values(random);
        const field = pick(random, Object.keys(values));
        phone.edit(id, field, values[field]!());
      }
    } else if (roll < 0.75) {
      const lost = chance(random, lossRate);
      phone.push(lost ? (chance(random, 0.5) ? 'request' : 'response') : 'none');
    } else if (roll < 0.95) {
      if (chance(random, lossRate)) ledger.counts.lostPulls += 1;
      else phone.pull();
    } else server.now += between(random, 0, 3 * DAY);
  }

  // Everyone syncs without losses until nothing waits (a conflict means merge and push again).
  server.now += MINUTE;
  for (let pass = 0; pass < 6 && phones.some((phone) => phone.anyPending); pass++) {
    for (const phone of phones) {
      phone.push('none');
      phone.pull();
    }
  }
  for (const phone of phones) phone.pull();
  check(round, roundSeed, server, phones, ledger, findings);
}

function check(round: number, roundSeed: number, server: Server, phones: Phone[], ledger: Ledger, findings: Finding[]): void {
  const found = (kind: string, detail: string) => findings.push({ round, roundSeed, kind, detail });
  for (const [index, phone] of phones.entries()) {
    for (const [id, copy] of phone.copies) {
      if (phone.pending(copy) || !jsonEqual(copy.doc, server.docs.get(id))) found('divergent', `phone ${index} holds another ${id} than the server`);
    }
  }
  for (const { collection, doc } of server.stored) {
    const errors = validateDocument(COLLECTIONS[collection].schema, doc);
    if (errors.length > 0) found('invalid', `${doc.id}: ${JSON.stringify(errors)}`);
  }
  for (const [id, final] of server.docs) {
    for (const unit of editableUnits(final, ...phones.map((phone) => phone.copies.get(id)!.doc))) {
      const finalKey = valueKey(final, unit);
      const editors = phones.flatMap((phone, index) => {
        const last = phone.lastEdits.get(`${id}/${unit}`);
        return last ? [{ index, ...last }] : [];
      });
      for (const { index, key } of editors) {
        if (key === finalKey || ledger.leadsTo(key, finalKey)) continue;
        found('silent-overwrite', `phone ${index}'s last edit of ${id}.${unit} (${key}) is gone; the server holds ${finalKey}`);
      }
      const [only] = editors;
      if (editors.length === 1 && only && !jsonEqual(only.value, unitValue(final, unit))) {
        found('one-sided-lost', `${id}.${unit}: only phone ${only.index} edited it (${only.key}), the server holds ${finalKey}`);
      }
    }
  }
}

describe('concurrent edits of the same documents by several phones over a lossy link', () => {
  const seed = chaosSeed();
  const ledger = new Ledger();
  const findings: Finding[] = [];
  const started = Date.now();

  afterAll(() => {
    const count = (kind: string) => findings.filter((finding) => finding.kind === kind).length;
    saveReport(CAMPAIGN, {
      seed,
      ...ledger.counts,
      silentOverwrites: count('silent-overwrite'),
      oneSidedLost: count('one-sided-lost'),
      divergent: count('divergent'),
      invalid: count('invalid'),
      durationMs: Date.now() - started,
      firstFindings: findings.slice(0, 5),
    });
  });

  it(`${TARGET_EDITS.toLocaleString('en')} edits or more: no silent overwrite, every one-sided edit kept, everyone converges (${chaosScale()})`, () => {
    const random = seededRandom(seed);
    for (let round = 0; ledger.counts.edits < TARGET_EDITS; round++) runRound(round, Math.floor(random() * 2 ** 31), ledger, findings);
    expect(ledger.counts.edits).toBeGreaterThanOrEqual(TARGET_EDITS);
    expect(ledger.counts.merges, 'the campaign made phones merge').toBeGreaterThan(0);
    expect(ledger.counts.lostResponses + ledger.counts.lostRequests, 'the link lost pushes').toBeGreaterThan(0);
    expect(findings, `replay with CHAOS_SEED=${seed}`).toEqual([]);
  });
});
