/**
 * The phones of a chaos campaign and what they do. Three verified municipalities: A (Ukrainian,
 * posts needs) with two officials on two phones, B and C (partners: offers, pledges, messages).
 * Every phone runs the app's own sync code (app/db/replication.ts on RxDB, through
 * tests/integration/support/sync-harness.ts makeClient) and writes only what the rules let it
 * write, so any refusal, loss or duplicate is a finding, not noise.
 *
 * The ledger records every write a phone made, so the end checks (end-checks.ts) know what must be
 * on the server: every created id, how many times each document was saved (its store revisions
 * cannot exceed that) and, per field, the last value written. Concurrent edits of one need by A's
 * two phones touch disjoint fields (FIELD_OWNERS), so every edit is one-sided and its value must
 * survive whatever the link or the server did.
 */
import { saveDocument, type DocumentInput } from '../../../app/db/local-store';
import type { CollectionName, DocumentOf } from '../../../domain/collections';
import { messageThreadId } from '../../../domain/rules/message-thread';
import { DAY, makeEvent, makeMessage, makeNeed, makeOffer, makePledge } from '../../support/factories';
import { addMember, makeClient, verifiedMunicipality, type ClientOptions, type TestClient, type TestMember } from '../../integration/support/sync-harness';
import { seededRandom } from './campaign';

export type PhoneRole = 'A1' | 'A2' | 'B' | 'C';

/**
 * The collections each phone opens. RxDB's free tier allows 13 open collections in the whole test
 * process, so the four phones share them out: 4 + 2 + 4 + 3.
 */
export const PHONE_COLLECTIONS: Record<PhoneRole, CollectionName[]> = {
  A1: ['needs', 'pledges', 'pledge_events', 'messages'],
  A2: ['needs', 'offers'],
  B: ['needs', 'offers', 'pledges', 'pledge_events'],
  C: ['offers', 'pledges', 'messages'],
};

/** Which phone edits which field of A's needs after creation: disjoint, so no edit is two-sided. */
export const FIELD_OWNERS: Record<'A1' | 'A2', readonly ('title' | 'quantity' | 'description' | 'urgency')[]> = {
  A1: ['title', 'quantity'],
  A2: ['description', 'urgency'],
};
export const TRACKED_FIELDS = ['title', 'quantity', 'description', 'urgency'] as const;

const URGENCIES = ['critical', 'high', 'medium', 'low'] as const;

export type Phone = { role: PhoneRole; member: TestMember; client: TestClient; random: () => number };

export type People = { A1: TestMember; A2: TestMember; B: TestMember; C: TestMember };

/** The accounts of a campaign, made through the real routes of the server at `url`. */
export async function makePeople(server: { url: string }): Promise<People> {
  const [A1, B, C] = await Promise.all([verifiedMunicipality(server), verifiedMunicipality(server), verifiedMunicipality(server)]);
  const A2 = await addMember(server, A1);
  return { A1, A2, B, C };
}

/** One edit as the phone saved it, for the history a finding prints. */
type EditRecord = { by: PhoneRole; field: string; value: unknown; stamp: number | undefined; at: number; saved: boolean };
type Entry = { collection: CollectionName; id: string; creator: PhoneRole; saves: number; fields: Record<string, unknown>; log: EditRecord[] };

/** Every write the phones made, by document. */
export class Ledger {
  readonly entries = new Map<string, Entry>();
  readonly creations: Partial<Record<CollectionName, number>> = {};
  readonly edits: Partial<Record<CollectionName, number>> = {};

  static key(collection: CollectionName, id: string): string {
    return `${collection}/${id}`;
  }

  created(collection: CollectionName, doc: { id: string } & Record<string, unknown>, creator: PhoneRole): void {
    const fields = Object.fromEntries(TRACKED_FIELDS.filter((field) => field in doc).map((field) => [field, doc[field]]));
    this.entries.set(Ledger.key(collection, doc.id), { collection, id: doc.id, creator, saves: 1, fields, log: [] });
    this.creations[collection] = (this.creations[collection] ?? 0) + 1;
  }

  edited(collection: CollectionName, saved: { id: string; fieldStamps?: Partial<Record<string, number>>; [field: string]: unknown }, field: string, value: unknown, by: PhoneRole): void {
    const entry = this.entries.get(Ledger.key(collection, saved.id));
    if (!entry) throw new Error(`edit of ${collection}/${saved.id}, which no phone of this campaign created`);
    entry.saves++;
    entry.fields[field] = value;
    entry.log.push({ by, field, value, stamp: saved.fieldStamps?.[field], at: Date.now(), saved: JSON.stringify(saved[field]) === JSON.stringify(value) });
    this.edits[collection] = (this.edits[collection] ?? 0) + 1;
  }

  get totalWrites(): number {
    return [...this.entries.values()].reduce((sum, entry) => sum + entry.saves, 0);
  }
}

/** The campaign's phones, one per role (or the first `count` of A1, B, A2, C). */
export async function makePhones(server: { url: string }, people: People, seed: number, random: () => number, options: ClientOptions = {}, tracer?: Tracer, count = 4): Promise<Phone[]> {
  const roles = (['A1', 'B', 'A2', 'C'] as const).slice(0, count);
  const phones: Phone[] = [];
  for (const role of roles) {
    const client = await makeClient(server, people[role], PHONE_COLLECTIONS[role], `chaos-${seed}-${role}`, { ...options, ...(tracer ? { wrapFetch: tracer.wrap(role) } : {}) });
    phones.push({ role, member: people[role], client, random: childRandom(random) });
  }
  return phones;
}

/** A generator of its own for each phone, seeded from the campaign's, so phones draw independently of timing. */
function childRandom(random: () => number): () => number {
  return seededRandom(Math.floor(random() * 2 ** 32));
}

const pick = <T>(random: () => number, items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];

/** What the phones write, recording each write in the ledger. */
export class Workload {
  private counter = 0;
  /** Pledges already dispatched by B, received by A (one event each, never twice). */
  private readonly dispatched = new Set<string>();
  private readonly received = new Set<string>();

  constructor(
    readonly people: People,
    readonly ledger: Ledger,
    private readonly seed: number,
  ) {}

  private newId(role: PhoneRole): string {
    this.counter++;
    return `c${this.seed.toString(36)}-${role}-${String(this.counter).padStart(6, '0')}`;
  }

  private async save<Name extends CollectionName>(phone: Phone, collection: Name, doc: DocumentOf[Name]): Promise<DocumentOf[Name]> {
    return saveDocument(phone.client.store, collection, doc as DocumentInput<Name>);
  }

  /** A new need of A, written on `phone` (A1 or A2). */
  async createNeed(phone: Phone): Promise<void> {
    const need = makeNeed({
      id: this.newId(phone.role),
      municipalityId: this.people.A1.municipalityId,
      title: `Generators ${this.counter}`,
      description: `Written on ${phone.role}`,
      quantity: 1 + Math.floor(phone.random() * 100),
      neededBy: '2027-03-15',
    });
    this.ledger.created('needs', await this.save(phone, 'needs', need), phone.role);
  }

  /** An offer of the phone's own municipality. */
  async createOffer(phone: Phone): Promise<void> {
    const offer = makeOffer({ id: this.newId(phone.role), municipalityId: phone.member.municipalityId, title: `Offer ${this.counter}`, availableUntil: '2027-04-30' });
    this.ledger.created('offers', await this.save(phone, 'offers', offer), phone.role);
  }

  /** One field of a need of A this phone holds, one of the fields this phone owns. */
  async editNeed(phone: Phone & { role: 'A1' | 'A2' }): Promise<boolean> {
    const needs = await phone.client.store.db.needs.find({ selector: { municipalityId: this.people.A1.municipalityId } }).exec();
    const doc = pick(phone.random, needs);
    if (!doc) return false;
    const field = pick(phone.random, FIELD_OWNERS[phone.role])!;
    const value = this.valueFor(phone, field);
    const saved = await this.save(phone, 'needs', { ...doc.toMutableJSON(), [field]: value });
    this.ledger.edited('needs', saved, field, value, phone.role);
    return true;
  }

  /** One field of an offer of the phone's own municipality (each offer has one editing phone). */
  async editOffer(phone: Phone): Promise<boolean> {
    const offers = await phone.client.store.db.offers.find({ selector: { municipalityId: phone.member.municipalityId } }).exec();
    const doc = pick(phone.random, offers);
    if (!doc) return false;
    const field = pick(phone.random, ['title', 'quantity', 'description'] as const)!;
    const value = this.valueFor(phone, field);
    const saved = await this.save(phone, 'offers', { ...doc.toMutableJSON(), [field]: value });
    this.ledger.edited('offers', saved, field, value, phone.role);
    return true;
  }

  private valueFor(phone: Phone, field: (typeof TRACKED_FIELDS)[number]): unknown {
    const n = Math.floor(phone.random() * 1_000_000);
    switch (field) {
      case 'title':
        return `Title ${phone.role} ${n}`;
      case 'description':
        return `Description ${phone.role} ${n}`;
      case 'quantity':
        return 1 + (n % 500);
      case 'urgency':
        return URGENCIES[n % URGENCIES.length];
    }
  }

  /** A pledge of the phone's municipality (B or C) to one of `needIds` (needs the server holds). */
  async createPledge(phone: Phone, needIds: readonly string[]): Promise<boolean> {
    const needId = pick(phone.random, needIds);
    if (!needId) return false;
    const pledge = makePledge({
      id: this.newId(phone.role),
      needId,
      offerId: undefined,
      fromMunicipalityId: phone.member.municipalityId,
      toMunicipalityId: this.people.A1.municipalityId,
      quantity: 1 + Math.floor(phone.random() * 5),
      expectedDispatchOn: '2027-01-05',
      expiresAt: Date.now() + 30 * DAY,
    });
    this.ledger.created('pledges', await this.save(phone, 'pledges', pledge), phone.role);
    return true;
  }

  /** B dispatches one of its own pledges, once. */
  async dispatch(phone: Phone): Promise<boolean> {
    const pledges = await phone.client.store.db.pledges.find({ selector: { fromMunicipalityId: phone.member.municipalityId } }).exec();
    const pledge = pick(phone.random, pledges.filter((doc) => !this.dispatched.has(doc.id)));
    if (!pledge) return false;
    this.dispatched.add(pledge.id);
    const by = { byMemberId: phone.member.id, byMunicipalityId: phone.member.municipalityId };
    const event = makeEvent('dispatched', { id: this.newId(phone.role), pledgeId: pledge.id, ...by });
    this.ledger.created('pledge_events', await this.save(phone, 'pledge_events', event), phone.role);
    return true;
  }

  /** A confirms receipt of a pledge whose dispatch it has seen, once. */
  async receive(phone: Phone): Promise<boolean> {
    const events = await phone.client.store.db.pledge_events.find({ selector: { kind: 'dispatched' } }).exec();
    const event = pick(phone.random, events.filter((doc) => !this.received.has(doc.pledgeId)));
    if (!event) return false;
    const pledge = await phone.client.store.db.pledges.findOne(event.pledgeId).exec();
    if (!pledge) return false;
    this.received.add(pledge.id);
    const by = { byMemberId: phone.member.id, byMunicipalityId: phone.member.municipalityId };
    const receipt = makeEvent('received', { id: this.newId(phone.role), pledgeId: pledge.id, quantity: pledge.quantity, ...by });
    this.ledger.created('pledge_events', await this.save(phone, 'pledge_events', receipt), phone.role);
    return true;
  }

  /** A message between the phone's municipality and `to` about the need `needId`. */
  async message(phone: Phone, to: string, needId: string | undefined): Promise<boolean> {
    if (!needId) return false;
    const from = phone.member.municipalityId;
    const message = makeMessage({
      id: this.newId(phone.role),
      subjectId: needId,
      fromMunicipalityId: from,
      toMunicipalityId: to,
      threadId: messageThreadId(needId, from, to),
      authorMemberId: phone.member.id,
      body: `Message ${this.counter} from ${phone.role}`,
    });
    this.ledger.created('messages', await this.save(phone, 'messages', message), phone.role);
    return true;
  }

  /**
   * One random action of `phone`, as its role allows. `settledNeeds` are needs of A the server is
   * known to hold (created before the faults began), for phones that do not hold needs themselves.
   */
  async act(phone: Phone, settledNeeds: readonly string[]): Promise<void> {
    const r = phone.random();
    const { A1, B, C } = this.people;
    switch (phone.role) {
      case 'A1':
        if (r < 0.12) return this.createNeed(phone);
        if (r < 0.55) return void (await this.editNeed(phone as Phone & { role: 'A1' }));
        if (r < 0.7) return void (await this.receive(phone));
        return void (await this.message(phone, pick(phone.random, [B.municipalityId, C.municipalityId])!, pick(phone.random, settledNeeds)));
      case 'A2':
        if (r < 0.12) return this.createNeed(phone);
        if (r < 0.6) return void (await this.editNeed(phone as Phone & { role: 'A2' }));
        if (r < 0.7) return this.createOffer(phone);
        return void ((await this.editOffer(phone)) || (await this.createOffer(phone)));
      case 'B': {
        if (r < 0.1) return this.createOffer(phone);
        if (r < 0.35) return void ((await this.editOffer(phone)) || (await this.createOffer(phone)));
        const held = (await phone.client.store.db.needs.find({ selector: { municipalityId: A1.municipalityId } }).exec()).map((doc) => doc.id);
        if (r < 0.65) return void (await this.createPledge(phone, held));
        return void ((await this.dispatch(phone)) || (await this.createPledge(phone, held)));
      }
      case 'C':
        if (r < 0.1) return this.createOffer(phone);
        if (r < 0.4) return void ((await this.editOffer(phone)) || (await this.createOffer(phone)));
        if (r < 0.6) return void (await this.createPledge(phone, settledNeeds));
        return void (await this.message(phone, A1.municipalityId, pick(phone.random, settledNeeds)));
    }
  }
}

/** Runs `actions` actions on every phone at once, each phone pausing up to `pauseMs` between them. */
export async function runPhones(phones: readonly Phone[], workload: Workload, settledNeeds: readonly string[], actions: number, pauseMs: number, between?: (done: number) => Promise<void>): Promise<void> {
  let done = 0;
  await Promise.all(
    phones.map(async (phone) => {
      for (let i = 0; i < actions; i++) {
        // Bounded: a local write that never completes is a finding, not a hung campaign.
        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`${phone.role}: action ${i} did not complete within 60 s`)), 60_000);
        });
        try {
          await Promise.race([workload.act(phone, settledNeeds), hung]);
        } finally {
          clearTimeout(timer);
        }
        done++;
        if (between) await between(done);
        await new Promise((resolve) => setTimeout(resolve, phone.random() * pauseMs));
      }
    }),
  );
}

/** The requests of one phone's collection: when the last started and got an ok answer, and how they ended. */
export type RequestActivity = { lastStart: number; lastOk: number; inFlight: number; requests: number; outcomes: Record<string, number> };

/** One thing a phone received: a pull answer or a stream event (ids and checkpoints only). */
export type TraceEntry = { at: number; phone: string; kind: 'pull' | 'stream' | 'push'; collection: string; since?: string; ids: string[]; checkpoint?: string; note?: string };

/**
 * Records what each phone received, so a campaign that finds a missing document can show how the
 * phone's checkpoint passed it. Wraps a phone's fetch (ClientOptions.wrapFetch).
 */
export class Tracer {
  readonly entries: TraceEntry[] = [];
  /** Per `phone collection`: when its last request started, and requests not answered yet. */
  readonly activity = new Map<string, RequestActivity>();

  wrap(phone: string): (inner: typeof fetch) => typeof fetch {
    return (inner) => async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      const [, collection, action] = /\/api\/sync\/([^/]+)\/?([^/]*)/.exec(url.pathname) ?? [];
      const key = `${phone} ${collection ?? url.pathname}`;
      const activity = this.activity.get(key) ?? { lastStart: 0, lastOk: 0, inFlight: 0, requests: 0, outcomes: {} };
      this.activity.set(key, activity);
      const started = Date.now();
      activity.lastStart = started;
      activity.requests++;
      activity.inFlight++;
      let response: Response;
      try {
        response = await inner(input, init);
        const outcome = response.ok ? 'ok' : `http ${response.status}`;
        activity.outcomes[outcome] = (activity.outcomes[outcome] ?? 0) + 1;
        if (response.ok) activity.lastOk = Date.now();
      } catch (error) {
        const outcome = `${(error as Error).name || 'Error'} after ${Math.round((Date.now() - started) / 500) / 2} s`;
        activity.outcomes[outcome] = (activity.outcomes[outcome] ?? 0) + 1;
        throw error;
      } finally {
        activity.inFlight--;
      }
      if (!collection || !response.ok) return response;
      if (collection === 'stream' && response.body) {
        const [mine, theirs] = response.body.tee();
        void this.readStream(phone, mine);
        return new Response(theirs, { status: response.status, headers: response.headers });
      }
      const copy = response.clone();
      copy
        .json()
        .then((body: { documents?: { id: string }[]; checkpoint?: { seq: string }; conflicts?: { id: string }[] }) => {
          if (action === 'pull') this.entries.push({ at: Date.now(), phone, kind: 'pull', collection, since: url.searchParams.get('checkpoint') ?? '', ids: (body.documents ?? []).map((doc) => doc.id), checkpoint: body.checkpoint?.seq });
          else this.entries.push({ at: Date.now(), phone, kind: 'push', collection, ids: (body.conflicts ?? []).map((doc) => doc.id), note: 'conflicts' });
        })
        .catch(() => this.entries.push({ at: Date.now(), phone, kind: action === 'pull' ? 'pull' : 'push', collection, ids: [], note: 'unreadable answer' }));
      return response;
    };
  }

  private async readStream(phone: string, body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        for (const frame of frames) {
          const data = frame.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('');
          if (!data) continue;
          const event = JSON.parse(data) as { collection: string; documents?: { id: string }[]; checkpoint?: { seq: string }; resync?: boolean };
          this.entries.push({ at: Date.now(), phone, kind: 'stream', collection: event.collection, ids: (event.documents ?? []).map((doc) => doc.id), checkpoint: event.checkpoint?.seq, note: event.resync ? 'resync' : undefined });
        }
      }
    } catch {
      // The stream was cut: the phone's own reader sees it too.
    }
  }

  /** What `phone` received of `collection`. */
  of(phone: string, collection: string): TraceEntry[] {
    return this.entries.filter((entry) => entry.phone === phone && entry.collection === collection);
  }
}

/** A collection of a phone that has writes waiting and has made no request for a while. */
export type QuietCollection = { phone: PhoneRole; collection: CollectionName; waiting: number; quietMs: number; inFlight: number; upActive: boolean | null; downActive: boolean | null; queues: string; lastError: string | null };

/**
 * The collections of `phones` with writes waiting in their outbox that started no request for
 * `quietMs` while the link was up: a phone that stopped syncing (a handler that never settles, a
 * retry that never comes). The faults make every request fail sometimes, never for that long.
 */
export function quietCollections(phones: readonly Phone[], tracer: Tracer, quietMs: number, now = Date.now()): QuietCollection[] {
  const quiet: QuietCollection[] = [];
  for (const phone of phones) {
    for (const collection of PHONE_COLLECTIONS[phone.role]) {
      const found = syncActivity(phone, collection, tracer, now);
      if (found.quietMs < quietMs || (found.waiting === 0 && !found.upActive && !found.downActive)) continue;
      quiet.push(found);
    }
  }
  return quiet;
}

/** What a phone's collection is doing: writes waiting, its last request, RxDB's own activity flags. */
export function syncActivity(phone: Phone, collection: CollectionName, tracer: Tracer, now = Date.now()): QuietCollection {
  const waiting = phone.client.store.outboxes[collection]?.size ?? 0;
  const activity = tracer.activity.get(`${phone.role} ${collection}`);
  const internal = (phone.client.engine.replications[collection] as unknown as { internalReplicationState?: RxdbInternals } | undefined)?.internalReplicationState;
  return {
    phone: phone.role,
    collection,
    waiting,
    quietMs: activity ? now - activity.lastStart : -1,
    inFlight: activity?.inFlight ?? 0,
    upActive: internal?.events.active.up.getValue() ?? null,
    downActive: internal?.events.active.down.getValue() ?? null,
    queues: internal ? queueStates(internal) : 'none',
    lastError: lastErrors.get(`${phone.role} ${collection}`) ?? null,
  };
}

/** The parts of RxDB's replication state (rxdb 17, replication-protocol) a stopped phone is diagnosed by. */
type RxdbInternals = {
  events: { active: { up: { getValue(): boolean }; down: { getValue(): boolean } } };
  streamQueue: { up: Promise<unknown>; down: Promise<unknown> };
};

/** Settled states of RxDB's up and down queues, seen by `watchQueues`: a rejected queue never runs a task again. */
const queueOutcomes = new WeakMap<Promise<unknown>, string>();

function queueStates(internal: RxdbInternals): string {
  const state = (queue: Promise<unknown>) => {
    if (!queueOutcomes.has(queue)) {
      queueOutcomes.set(queue, 'pending');
      queue.then(
        () => queueOutcomes.set(queue, 'resolved'),
        (error: unknown) => queueOutcomes.set(queue, `rejected: ${String(error)}`.slice(0, 300)),
      );
    }
    return queueOutcomes.get(queue)!;
  };
  return `up ${state(internal.streamQueue.up)}, down ${state(internal.streamQueue.down)}`;
}

/** The last replication error of each `phone collection` (RxDB's error$), for the diagnosis. */
const lastErrors = new Map<string, string>();

/** Records the replication errors of `phones` (call once after makePhones). */
export function recordReplicationErrors(phones: readonly Phone[]): void {
  for (const phone of phones) {
    for (const [collection, replication] of Object.entries(phone.client.engine.replications)) {
      replication?.error$.subscribe((error) => lastErrors.set(`${phone.role} ${collection}`, `${new Date().toISOString()} ${String((error as { parameters?: { errors?: { message?: string }[] } }).parameters?.errors?.[0]?.message ?? error)}`.slice(0, 300)));
    }
  }
}
