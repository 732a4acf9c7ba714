/**
 * The client side of a streamed pull (`pull?pages=N`, sync-server/sync/pull.ts): one request whose
 * answer is a JSON array of pages, one per line, each with its checkpoint. RxDB asks for one batch
 * at a time (`next(checkpoint)`); the pages that follow the one it asked for are already on their
 * way, so the link never waits for a round trip between batches. Guarantees:
 * - a page is handed out only for the checkpoint it continues from: RxDB asking from any other
 *   checkpoint (a RESYNC, a restart) drops the open answer and starts a new request from there;
 * - the answer is read ahead by at most ONE page: while a page waits unclaimed, the body is not read
 *   (backpressure: the browser stops reading the socket, the server waits for drain and stops
 *   reading the store), so a close or a cut throws away at most that page, the one RxDB is storing
 *   and what sits in socket buffers, never the rest of a long first sync; pages that arrived whole
 *   before a cut are still handed out, then the error;
 * - every read has a timeout (`timeoutMs` from the request, then between pages), so a stalled
 *   answer fails like a stalled request and is retried from the last checkpoint handed out;
 * - a server that answers one plain page (no streaming) works the same, one request per page;
 * - with `stored` given, a page is handed out only once the one before it is stored (or a bounded
 *   wait passed): RxDB 17.6's downstream asks for the next batch as soon as it has one and queues
 *   the writes, merging everything queued into ONE write (replication-protocol/downstream.js
 *   `persistFromMaster`); on a slow phone the download then runs far ahead of the storing, whole
 *   thousands of documents are written in one task of seconds, and the progress bar (counted per
 *   page handed out) says "done" long before the documents are there.
 */
import type { Observable } from 'rxjs';
import type { PullResponse, PullStreamError } from '../../domain/sync-protocol';

/** Resolves once the page handed out is stored (never rejects; bounded by the caller's own wait). */
export type PageStored = (page: PullResponse) => Promise<void>;

/** RxDB's downstream writes documents with this context (followed by the replication's key). */
const PULL_WRITE_CONTEXT = 'replication-downstream-';

/**
 * A `PageStored` from the fork storage's change stream: a page counts as stored at the first write
 * of the pull after it was handed out (the page before it was stored already, so that write carries
 * this one), or after `maxWaitMs` when the pull wrote nothing to the documents (every document was
 * already on the phone as sent).
 */
export function storedFromChanges(changes: Observable<{ context: string }>, maxWaitMs: number): PageStored {
  return (page) => {
    if (page.documents.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      const subscription = changes.subscribe((bulk) => {
        if (bulk.context.startsWith(PULL_WRITE_CONTEXT)) done();
      });
    });
  };
}

/** Opens a pull from `checkpoint` ('' from the beginning), for `signal`; the response is checked by the caller's rules. */
export type OpenPull = (checkpoint: string, limit: number, signal: AbortSignal) => Promise<Response>;

type Item = { page: PullResponse } | { error: unknown } | { end: true };

/** One open answer: the pages read so far and not handed out yet, and what it continues from. */
class OpenAnswer {
  private readonly items: Item[] = [];
  private waiter: (() => void) | null = null;
  /** Wakes the reader paused because a page waits unclaimed. */
  private room: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** The checkpoint the next page to hand out continues from. */
    public after: string,
    readonly limit: number,
    private readonly controller: AbortController,
    private readonly timeoutMs: number,
  ) {}

  /** Reads the answer to its end in the background, line by line. */
  pump(response: Response): void {
    const reader = response.body?.getReader();
    if (!reader) {
      this.push({ error: new Error('a pull answer without a body') });
      return;
    }
    const decoder = new TextDecoder();
    let buffered = '';
    const read = async (): Promise<void> => {
      this.arm();
      for (;;) {
        const { done, value } = await reader.read();
        this.arm();
        buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          this.line(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
        }
        if (done) break;
        // Backpressure: a page read and not claimed yet is the whole read-ahead. The stall timer
        // stops meanwhile, since RxDB storing slowly is no stalled link.
        if (this.pages() > 0) {
          clearTimeout(this.timer);
          while (this.pages() > 0 && !this.controller.signal.aborted) await new Promise<void>((resolve) => (this.room = resolve));
          if (this.controller.signal.aborted) {
            // Dropped while paused: read nothing more off the link.
            await reader.cancel().catch(() => undefined);
            return;
          }
          this.arm();
        }
      }
      this.line(buffered);
      this.push({ end: true });
    };
    read().catch((error: unknown) => this.push({ error }));
  }

  /** The next page, or the error or end that came instead. */
  async take(): Promise<Item> {
    while (this.items.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    const item = this.items.shift()!;
    this.room?.();
    this.room = null;
    return item;
  }

  close(): void {
    clearTimeout(this.timer);
    this.controller.abort();
    // A reader paused for room wakes to find the body aborted, and ends.
    this.room?.();
    this.room = null;
  }

  /** Pages read and not handed out yet. */
  private pages(): number {
    return this.items.filter((item) => 'page' in item).length;
  }

  /** One line of the array: `[`, `]`, or a page (or the error element), after a comma from the second on. */
  private line(text: string): void {
    const trimmed = text.trim().replace(/^,|,$/g, '');
    if (trimmed === '' || trimmed === '[' || trimmed === ']') return;
    const element = JSON.parse(trimmed) as PullResponse | PullStreamError;
    if ('error' in element) this.push({ error: new Error(element.error.message) });
    else this.push({ page: element });
  }

  private push(item: Item): void {
    if ('end' in item || 'error' in item) clearTimeout(this.timer);
    this.items.push(item);
    this.waiter?.();
    this.waiter = null;
  }

  /** (Re)starts the stall timer: no bytes for `timeoutMs` aborts the answer. */
  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new DOMException('The pull answer stalled', 'TimeoutError')), this.timeoutMs);
  }
}

/** Hands out a collection's pull pages one by one from as few requests as the server allows. */
export class PagedPull {
  private answer: OpenAnswer | null = null;
  /** The page handed out last is stored (see `stored`). */
  private previousStored: Promise<void> = Promise.resolve();

  constructor(
    private readonly open: OpenPull,
    private readonly timeoutMs: number,
    private readonly stored?: PageStored,
  ) {}

  /** The page of at most `limit` documents that continues from `checkpoint` ('' from the beginning). */
  async next(checkpoint: string, limit: number): Promise<PullResponse> {
    await this.previousStored;
    if (this.answer && (this.answer.after !== checkpoint || this.answer.limit !== limit)) this.stop();
    for (;;) {
      const answer = this.answer ?? (await this.start(checkpoint, limit));
      const item = await answer.take();
      if ('page' in item) {
        answer.after = item.page.checkpoint.seq;
        if (this.stored) this.previousStored = this.stored(item.page);
        return item.page;
      }
      this.stop();
      if ('error' in item) throw item.error;
      // The answer ended (its last page was handed out before): RxDB asked for more, so ask again.
    }
  }

  /** Drops the open answer (RxDB stopped, or asks from elsewhere). */
  stop(): void {
    this.answer?.close();
    this.answer = null;
  }

  private async start(checkpoint: string, limit: number): Promise<OpenAnswer> {
    const controller = new AbortController();
    const answer = new OpenAnswer(checkpoint, limit, controller, this.timeoutMs);
    const timer = setTimeout(() => controller.abort(new DOMException('The pull request timed out', 'TimeoutError')), this.timeoutMs);
    try {
      const response = await this.open(checkpoint, limit, controller.signal);
      answer.pump(response);
    } finally {
      clearTimeout(timer);
    }
    this.answer = answer;
    return answer;
  }
}
