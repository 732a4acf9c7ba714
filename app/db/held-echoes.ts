/**
 * The server's states of documents that arrived while a local write of theirs waited to be pushed.
 * RxDB's downstream skips a pulled state over a local write it has not pushed yet, and once the push
 * is through it takes the pushed state for the server's: the writer's phone kept its own copy
 * without the server-set `meta` (createdAt, serverUpdatedAt …) until the document changed again.
 * Guarantees:
 * - such a state is kept (`held`) until the write settles, then offered (`ready`) to be handed to
 *   RxDB again (replication.ts), which now takes it, since the phone's copy is what RxDB recorded
 *   as the server's state;
 * - a state is handed over only while it is what the phone holds, `meta` aside, and newer by the
 *   server's clock than the `meta` the phone holds: it never takes a document back;
 * - a later server state of the document, handed to RxDB the usual way, replaces what is kept;
 * - only documents with a write waiting, or just settled, are kept: never more than the outbox.
 */
import { sameContent, type WireDocument } from '../../domain/documents';

/** The server's clock on a state (meta.serverUpdatedAt), -1 without one. */
function serverTimeOf(doc: WireDocument): number {
  const time = (doc.meta as { serverUpdatedAt?: unknown } | undefined)?.serverUpdatedAt;
  return typeof time === 'number' ? time : -1;
}

export class HeldEchoes {
  private readonly held = new Map<string, WireDocument>();
  private readonly settled = new Map<string, WireDocument>();

  /** Takes note of server states about to be handed to RxDB: kept where a local write waits, else forgotten. */
  observe(documents: readonly WireDocument[], waiting: (id: string) => boolean): void {
    for (const doc of documents) {
      this.settled.delete(doc.id);
      if (waiting(doc.id)) this.held.set(doc.id, doc);
      else this.held.delete(doc.id);
    }
  }

  /** The writes of `ids` settled: their kept states may be handed to RxDB again. */
  settle(ids: readonly string[]): void {
    for (const id of ids) {
      const echo = this.held.get(id);
      if (!echo) continue;
      this.held.delete(id);
      this.settled.set(id, echo);
    }
  }

  /** Ids whose kept state waits to be handed to RxDB again. */
  readyIds(): string[] {
    return [...this.settled.keys()];
  }

  /**
   * The states of `ids` to hand to RxDB, judged against the phone's copies in `stored` (wire form):
   * the ones that would take a copy back, or add nothing, are forgotten; with `consume` the others are too.
   */
  ready(ids: readonly string[], stored: ReadonlyMap<string, WireDocument>, consume: boolean): WireDocument[] {
    const echoes: WireDocument[] = [];
    for (const id of ids) {
      const echo = this.settled.get(id);
      if (!echo) continue;
      const mine = stored.get(id);
      const adds = mine !== undefined && sameContent(echo, mine) && serverTimeOf(echo) > serverTimeOf(mine);
      if (adds) echoes.push(echo);
      if (!adds || consume) this.settled.delete(id);
    }
    return echoes;
  }
}
