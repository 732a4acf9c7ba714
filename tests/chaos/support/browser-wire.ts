/**
 * The phone's side of the network for the browser campaign, at the network layer (CDP `Fetch`
 * domain on each page): it only delays and counts, it never answers for the server.
 *
 * - pull answers of one collection pass through after `pullDelayMs`; their pages are counted (pages,
 *   documents, each id) as the bytes come off the link (`Network.streamResourceContent`, then each
 *   `Network.dataReceived` carries its data): a streamed answer (`pull?pages=N`, one page per line)
 *   is counted page by page as each line arrives whole, so `waitForPullPages(n)` resolves the moment
 *   page n is in the browser, whether or not the app has read it yet; a plain one-page answer counts
 *   as one page;
 * - push bodies are read gzip'd or plain (app/db/gzip-body.ts);
 * - one chosen push request can be held before it leaves (`'request'`: the server never sees it) or
 *   after the server answered (`'response'`: the server wrote, the phone has not heard): `pushHeld`
 *   resolves at that instant, so a close lands in the middle of the push every time;
 * - the push requests answered are counted, with the rows they carried.
 *
 * Counts add up over every page attached (a tab, its successor after a close, a relaunched browser).
 */
import { gunzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';

export type PushHoldStage = 'request' | 'response';

type PausedEvent = {
  requestId: string;
  /** The Network domain's id: the same at the request and the response stage. */
  networkId?: string;
  request: { url: string; method: string };
  responseStatusCode?: number;
  responseErrorReason?: string;
};

export type WireCounts = {
  /** Pull requests answered (a streamed one carries many pages). */
  pullAnswers: number;
  /** Pull pages that arrived whole. */
  pullPages: number;
  pulledDocuments: number;
  /** Push requests answered (held or cut ones are not), and the rows they carried. */
  pushRequests: number;
  pushedRows: number;
  /** Push answers by HTTP status (a 401 after a killed browser lost its session cookie, …). */
  pushAnswers: Record<string, number>;
};

/** A body as sent: gzip'd ones (they start with gzip's magic bytes) inflated. */
function bodyText(body: Buffer): string {
  return (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString('utf8');
}

/** One pull answer being read off the link: the text of its unfinished line. */
type Incoming = { buffered: string; decoder: TextDecoder };

function closedTarget(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /closed|detached|Target|Session|Invalid InterceptionId|No such/i.test(message);
}

export class BrowserWire {
  readonly counts: WireCounts = { pullAnswers: 0, pullPages: 0, pulledDocuments: 0, pushRequests: 0, pushedRows: 0, pushAnswers: {} };
  /** How often each document id came in a pull answer. */
  readonly pulledIds = new Map<string, number>();
  /** Each pull page's number of documents, in the order they arrived. */
  readonly pullBatches: number[] = [];
  pullDelayMs = 0;
  /**
   * The phone's download speed in bytes/s (0: loopback speed), Chromium's own throttling of the
   * tab's link. A first sync's pages are ~6 KB gzip'd: unthrottled, all of them sit in the browser
   * long before the app stores them; at phone speeds they come one by one, as on a real link.
   */
  downloadBytesPerSecond = 0;
  /** Errors of the interception itself (not of closed targets), for the report. */
  readonly problems: string[] = [];

  private hold: { stage: PushHoldStage; nth: number; seen: number; reached: () => void } | null = null;
  private pullListeners: ((answers: number) => void)[] = [];

  constructor(private readonly collection: string) {}

  /**
   * Holds the `nth` push request (1-based) of this collection at `stage` and resolves when it is
   * held. Later pushes pass; the held one stays held until its tab or browser goes away.
   */
  holdPush(stage: PushHoldStage, nth: number): Promise<void> {
    return new Promise((resolve) => {
      this.hold = { stage, nth, seen: 0, reached: resolve };
    });
  }

  /** Resolves once `pages` pull pages with documents have arrived whole in the browser. */
  waitForPullPages(pages: number): Promise<void> {
    if (this.pullBatches.filter((size) => size > 0).length >= pages) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (count: number) => {
        if (count < pages) return;
        this.pullListeners = this.pullListeners.filter((other) => other !== listener);
        resolve();
      };
      this.pullListeners.push(listener);
    });
  }

  /** Documents that came more than once in pull answers (what a close made the server send again). */
  redownloaded(): number {
    let again = 0;
    for (const times of this.pulledIds.values()) again += times - 1;
    return again;
  }

  /** Starts intercepting `page`'s sync requests of the collection; call before the page loads the app. */
  async attach(page: Page): Promise<void> {
    const session = await page.context().newCDPSession(page);
    const pullPattern = `*/api/sync/${this.collection}/pull*`;
    const pushPattern = `*/api/sync/${this.collection}/push*`;
    // Counted when answered: a request held or cut by a close never reached the page as an answer.
    page.on('response', (response) => {
      if (!response.url().includes(`/api/sync/${this.collection}/push`)) return;
      const status = String(response.status());
      this.counts.pushAnswers[status] = (this.counts.pushAnswers[status] ?? 0) + 1;
      this.counts.pushRequests += 1;
      try {
        const body = response.request().postDataBuffer();
        const rows = JSON.parse(body ? bodyText(body) : '[]') as unknown[];
        this.counts.pushedRows += rows.length;
      } catch (error) {
        this.problems.push(`unreadable push body: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    // Pull answers are read as they arrive, in the Network domain (it only watches).
    const incoming = new Map<string, Incoming>();
    const startStreaming = async (requestId: string) => {
      if (incoming.has(requestId)) return;
      const state: Incoming = { buffered: '', decoder: new TextDecoder() };
      incoming.set(requestId, state);
      const { bufferedData } = await session.send('Network.streamResourceContent', { requestId });
      if (bufferedData) this.received(state, Buffer.from(bufferedData, 'base64'));
    };
    session.on('Network.responseReceived', (event) => {
      if (!event.response.url.includes(`/api/sync/${this.collection}/pull`) || event.response.status !== 200) return;
      this.counts.pullAnswers += 1;
      void startStreaming(event.requestId).catch((error: unknown) => {
        if (!closedTarget(error)) this.problems.push(`streaming a pull answer failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    session.on('Network.dataReceived', (event) => {
      const state = incoming.get(event.requestId);
      if (state && event.data) this.received(state, Buffer.from(event.data, 'base64'));
    });
    session.on('Network.loadingFinished', (event) => {
      const state = incoming.get(event.requestId);
      if (!state) return;
      incoming.delete(event.requestId);
      // A plain one-page answer may end without a newline.
      this.line(state.buffered + state.decoder.decode());
    });
    session.on('Network.loadingFailed', (event) => incoming.delete(event.requestId));
    await session.send('Network.enable', {});
    if (this.downloadBytesPerSecond > 0) {
      await session.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: this.downloadBytesPerSecond,
        uploadThroughput: -1,
      });
    }
    session.on('Fetch.requestPaused', (event: PausedEvent) => {
      void this.onPaused(session, event).catch((error: unknown) => {
        if (!closedTarget(error)) this.problems.push(`interception failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    await session.send('Fetch.enable', {
      patterns: [
        { urlPattern: pullPattern, requestStage: 'Response' },
        { urlPattern: pushPattern, requestStage: 'Request' },
        { urlPattern: pushPattern, requestStage: 'Response' },
      ],
    });
  }

  private async onPaused(session: CDPSession, event: PausedEvent): Promise<void> {
    const atResponse = event.responseStatusCode !== undefined || event.responseErrorReason !== undefined;
    const url = event.request.url;
    if (url.includes(`/api/sync/${this.collection}/pull`)) {
      if (!atResponse) {
        await session.send('Fetch.continueRequest', { requestId: event.requestId });
        return;
      }
      if (this.pullDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pullDelayMs));
      // Only the start of the answer waits; its pages then come as the server and the app's reading allow.
      await session.send('Fetch.continueResponse', { requestId: event.requestId });
      return;
    }
    // A push.
    const hold = this.hold;
    if (!atResponse) {
      if (hold) hold.seen += 1;
      if (hold && hold.stage === 'request' && hold.seen === hold.nth) {
        this.hold = null;
        hold.reached();
        return; // never continued: the request dies with its tab
      }
      if (hold && hold.stage === 'response' && hold.seen === hold.nth) {
        // Marks this request so its response is the one held.
        this.heldResponse = event.networkId ?? null;
      }
      await session.send('Fetch.continueRequest', { requestId: event.requestId });
      return;
    }
    if (hold && this.heldResponse !== null && this.heldResponse === event.networkId) {
      this.hold = null;
      this.heldResponse = null;
      hold.reached();
      return; // the server wrote; its answer never reaches the page
    }
    await session.send('Fetch.continueResponse', { requestId: event.requestId });
  }

  private heldResponse: string | null = null;

  /** Bytes of a pull answer off the link: counts each line that is now whole. */
  private received(state: Incoming, bytes: Buffer): void {
    state.buffered += state.decoder.decode(bytes, { stream: true });
    let newline = state.buffered.indexOf('\n');
    while (newline >= 0) {
      this.line(state.buffered.slice(0, newline));
      state.buffered = state.buffered.slice(newline + 1);
      newline = state.buffered.indexOf('\n');
    }
  }

  /** One line of a pull answer: `[`, `]`, a page (after a comma from the second on), the error element, or a plain page. */
  private line(text: string): void {
    const trimmed = text.trim().replace(/^,|,$/g, '');
    if (trimmed === '' || trimmed === '[' || trimmed === ']') return;
    let element: { documents?: { id: string }[] };
    try {
      element = JSON.parse(trimmed) as { documents?: { id: string }[] };
    } catch (error) {
      this.problems.push(`unreadable pull line: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!Array.isArray(element.documents)) return; // the server's error element
    this.counts.pullPages += 1;
    this.counts.pulledDocuments += element.documents.length;
    this.pullBatches.push(element.documents.length);
    for (const doc of element.documents) this.pulledIds.set(doc.id, (this.pulledIds.get(doc.id) ?? 0) + 1);
    const arrived = this.pullBatches.filter((size) => size > 0).length;
    for (const listener of [...this.pullListeners]) listener(arrived);
  }
}
