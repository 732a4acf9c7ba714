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
 * - fan-out work is shared (a thousand streams must not cost a thousand serialisations of every
 *   change): an event's frame up to its checkpoint is serialised and encoded once per distinct filtered
 *   subset of its documents, its checkpoint
 *   computed once per reader's rights, and its anchor remembered once (`EventFrames`).
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
 * Server-Sent Events frame in pieces (written together), the first of which may be shared with
 * other subscribers (never modified).
 */
export type StreamOutput = { send(...pieces: (string | Buffer)[]): void; end(): void };

/** One `event: change` frame of the stream. */
function frame(event: StreamEvent): string {
  return `event: change\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * What the subscribers of one hub event share: the JSON of its documents per filtered subset, its
 * checkpoint per reader's rights, whether its anchor was remembered. Kept with the event (WeakMap):
 * gone when the event is.
 */
type EventFrames = { documents: Map<string, Buffer>; checkpoints: Map<string, string | null>; remembered: boolean };
const framesOf = new WeakMap<HubEvent, EventFrames>();

function sharedFrames(event: HubEvent): EventFrames {
  let frames = framesOf.get(event);
  if (!frames) {
    frames = { documents: new Map(), checkpoints: new Map(), remembered: false };
    framesOf.set(event, frames);
  }
  return frames;
}

/**
 * The frame of a stream event, as a shared head (everything up to the checkpoint, encoded once per
 * filtered subset of the event's documents) and the subscriber's own tail (its checkpoint).
 */
function eventFrame(frames: EventFrames, collection: CollectionName, all: number, documents: WireDocument[], checkpoint: string): [Buffer, string] {
  const key = documents.length === all ? '' : documents.map((doc) => doc.id).join('\n');
  let head = frames.documents.get(key);
  if (head === undefined) {
    head = Buffer.from(`event: change\ndata: {"collection":${JSON.stringify(collection)},"documents":${JSON.stringify(documents)},"checkpoint":{"seq":`);
    frames.documents.set(key, head);
  }
  return [head, `${JSON.stringify(checkpoint)}}}\n\n`];
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
    const documents = readableBy(this.actor, event.collection, event.documents, event.related);
    if (documents.length === 0) return;
    const frames = sharedFrames(event);
    let checkpoint = frames.checkpoints.get(this.rights);
    if (checkpoint === undefined) {
      checkpoint = await this.checkpointAt(event.collection, event.seq, frames);
      frames.checkpoints.set(this.rights, checkpoint);
    }
    if (this.ended) return;
    if (checkpoint === null) this.send({ collection: event.collection, resync: true });
    else this.output.send(...eventFrame(frames, event.collection, event.documents.length, documents, checkpoint));
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
