/**
 * One subscriber of the live stream (`GET /api/sync/stream`): what the changes hub hands out,
 * filtered for the subscriber's actor. Guarantees:
 * - default deny: a document is sent only when `mayRead` allows it to the actor as the server
 *   holds them now; an event that filters down to nothing is not sent at all;
 * - events leave in the order the hub handed them out, one at a time;
 * - when a change to the subscriber's own member document or own municipality document passes,
 *   the actor is read again from the store: a member who is removed or gone gets no further event
 *   (the stream ends); an actor whose rights changed (e.g. verified) gets `{ collection, resync }`
 *   for every collection before anything filtered under the new rights, so the client pulls again
 *   and, its checkpoint naming the old rights, from the beginning (checkpoints.ts);
 * - if the actor cannot be read again, the stream ends rather than go on with stale rights;
 * - an event's checkpoint has the pull's format (checkpoints.ts: rights, database identity, the
 *   last change of the batch, sequence), so a pull continues from it or starts over exactly as
 *   from a pull's checkpoint; when the identity cannot be read the event becomes a RESYNC;
 * - fan-out work is shared per reader class (a thousand streams must not cost a thousand
 *   filterings and serialisations of every change): readers whose rights are the same (rightsKey)
 *   get the same documents and the same checkpoint, so an event's whole frame is computed once per
 *   rights (filter, checkpoint, JSON and its bytes) and each of their streams costs one socket
 *   write of a shared Buffer (`EventFrames`); the JSON of the documents is shared further between
 *   classes that filter down to the same subset, and the anchor is remembered once per event.
 */
import { COLLECTION_NAMES, type CollectionName } from '../../domain/collections';
import type { WireDocument } from '../../domain/documents';
import type { Actor } from '../../domain/permissions';
import type { StreamEvent } from '../../domain/sync-protocol';
import { memberContext } from '../auth/session';
import type { Logger } from '../logger';
import type { Couch } from '../store/couch';
import type { HubEvent } from './changes-hub';
import { checkpointFor, parseCheckpoint, rightsKey } from './checkpoints';
import { feedGuardOf } from './feed-guard';
import { readableBy } from './related';

/**
 * Where a subscriber's events go: the HTTP response, in routes/sync.ts. `send` takes one whole
 * Server-Sent Events frame, which may be shared with other subscribers (never modified).
 */
export type StreamOutput = { send(frame: string | Buffer): void; end(): void };

/** One `event: change` frame of the stream. */
function frame(event: StreamEvent): string {
  return `event: change\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * What one reader class (one rightsKey) gets of an event: the whole frame, a request to pull
 * again (the database identity could not be read), or nothing (everything was filtered out).
 */
type ClassFrame = Buffer | 'resync' | null;

/**
 * What the subscribers of one hub event share: the frame per reader class (as a promise, so the
 * class's first subscriber computes it and the others, arriving while it waits for the database
 * identity, wait for the same one), the JSON of its documents per filtered subset, whether its
 * anchor was remembered. Kept with the event (WeakMap): gone when the event is.
 */
type EventFrames = { classes: Map<string, Promise<ClassFrame>>; documents: Map<string, string>; remembered: boolean };
const framesOf = new WeakMap<HubEvent, EventFrames>();

function sharedFrames(event: HubEvent): EventFrames {
  let frames = framesOf.get(event);
  if (!frames) {
    frames = { classes: new Map(), documents: new Map(), remembered: false };
    framesOf.set(event, frames);
  }
  return frames;
}

/** The frame of a stream event: its documents' JSON (shared per filtered subset) and the class's checkpoint. */
function eventFrame(frames: EventFrames, collection: CollectionName, all: number, documents: WireDocument[], checkpoint: string): Buffer {
  const key = documents.length === all ? '' : documents.map((doc) => doc.id).join('\n');
  let json = frames.documents.get(key);
  if (json === undefined) {
    json = JSON.stringify(documents);
    frames.documents.set(key, json);
  }
  return Buffer.from(`event: change\ndata: {"collection":${JSON.stringify(collection)},"documents":${json},"checkpoint":{"seq":${JSON.stringify(checkpoint)}}}\n\n`);
}

export class StreamSubscriber {
  private queue: Promise<void> = Promise.resolve();
  private ended = false;
  /** rightsKey(actor), kept while the actor is (it changes only with the actor's rights). */
  private rights: string;

  constructor(
    private actor: Actor,
    private readonly couch: Couch,
    private readonly output: StreamOutput,
    private readonly logger: Logger,
  ) {
    this.rights = rightsKey(actor);
  }

  private send(event: StreamEvent): void {
    this.output.send(frame(event));
  }

  /** Takes the hub's next event; it is sent after the ones before it. */
  readonly receive = (event: HubEvent): void => {
    this.queue = this.queue
      .then(() => this.deliver(event))
      .catch((error: unknown) => {
        this.logger.warn({ err: error, memberId: this.actor.memberId }, 'ending a live stream: its actor could not be read again');
        this.close();
      });
  };

  /** Stops sending (the client went away, or the stream was ended here). */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.output.end();
  }

  private async deliver(event: HubEvent): Promise<void> {
    if (this.ended) return;
    if ('resync' in event) {
      this.send(event);
      return;
    }
    if (this.concernsActor(event)) {
      const context = await memberContext(this.couch, this.actor.memberId);
      if (this.ended) return;
      if (!context || context.actor.memberStatus === 'removed') {
        this.close();
        return;
      }
      if (rightsKey(context.actor) !== this.rights) {
        this.actor = context.actor;
        this.rights = rightsKey(context.actor);
        for (const collection of COLLECTION_NAMES) this.send({ collection, resync: true });
      }
    }
    const frames = sharedFrames(event);
    let shared = frames.classes.get(this.rights);
    if (shared === undefined) {
      shared = this.classFrame(event, frames);
      frames.classes.set(this.rights, shared);
    }
    const ready = await shared;
    if (this.ended || ready === null) return;
    if (ready === 'resync') this.send({ collection: event.collection, resync: true });
    else this.output.send(ready);
  }

  /** The event's frame for every reader with this subscriber's rights (see EventFrames). */
  private async classFrame(event: Extract<HubEvent, { documents: unknown }>, frames: EventFrames): Promise<ClassFrame> {
    const documents = readableBy(this.actor, event.collection, event.documents, event.related);
    if (documents.length === 0) return null;
    const checkpoint = await this.checkpointAt(event.collection, event.seq, frames);
    return checkpoint === null ? 'resync' : eventFrame(frames, event.collection, event.documents.length, documents, checkpoint);
  }

  /**
   * The checkpoint for the hub's feed position, in the pull's format; null when the database's
   * identity cannot be read (the client then pulls instead of trusting an event it cannot resume from).
   */
  private async checkpointAt(collection: CollectionName, position: string, frames: EventFrames): Promise<string | null> {
    const guard = feedGuardOf(this.couch);
    let identity: string;
    try {
      identity = await guard.identity(collection);
    } catch (error) {
      this.logger.warn({ collection, err: error }, 'could not read the database identity for a stream checkpoint; asking the client to pull');
      return null;
    }
    const checkpoint = checkpointFor(this.actor, identity, position);
    // The anchor came from the store's own feed: a pull continuing from it need not ask again
    // (the same anchor for every subscriber of the event: remembered once).
    if (!frames.remembered) {
      frames.remembered = true;
      guard.remember(collection, identity, parseCheckpoint(this.actor, checkpoint)?.anchor ?? null);
    }
    return checkpoint;
  }

  /** Whether the event carries the actor's own member or municipality document. */
  private concernsActor(event: Extract<HubEvent, { documents: unknown }>): boolean {
    const ownId = event.collection === 'members' ? this.actor.memberId : event.collection === 'municipalities' ? this.actor.municipalityId : null;
    return ownId !== null && event.documents.some((doc) => doc.id === ownId);
  }
}
