/**
 * The phone's side of the network for the browser campaign, at the network layer (CDP `Fetch`
 * domain on each page): it only delays and counts, it never answers for the server.
 *
 * - pull answers of one collection pass through after `pullDelayMs`, counted (answers, documents,
 *   each id) from the body the server really sent, before the page sees it;
 * - one chosen push request can be held before it leaves (`'request'`: the server never sees it) or
 *   after the server answered (`'response'`: the server wrote, the phone has not heard): `pushHeld`
 *   resolves at that instant, so a close lands in the middle of the push every time;
 * - the push requests answered are counted, with the rows they carried.
 *
 * Counts add up over every page attached (a tab, its successor after a close, a relaunched browser).
 */
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
  pullAnswers: number;
  pulledDocuments: number;
  /** Push requests answered (held or cut ones are not), and the rows they carried. */
  pushRequests: number;
  pushedRows: number;
  /** Push answers by HTTP status (a 401 after a killed browser lost its session cookie, …). */
  pushAnswers: Record<string, number>;
};

function closedTarget(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /closed|detached|Target|Session|Invalid InterceptionId|No such/i.test(message);
}

export class BrowserWire {
  readonly counts: WireCounts = { pullAnswers: 0, pulledDocuments: 0, pushRequests: 0, pushedRows: 0, pushAnswers: {} };
  /** How often each document id came in a pull answer. */
  readonly pulledIds = new Map<string, number>();
  /** Each pull answer's number of documents, in order. */
  readonly pullBatches: number[] = [];
  pullDelayMs = 0;
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

  /** Resolves once `answers` pull answers with documents have been passed to the page. */
  waitForPullAnswers(answers: number): Promise<void> {
    if (this.pullBatches.filter((size) => size > 0).length >= answers) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (count: number) => {
        if (count < answers) return;
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
        const rows = JSON.parse(response.request().postData() ?? '[]') as unknown[];
        this.counts.pushedRows += rows.length;
      } catch (error) {
        this.problems.push(`unreadable push body: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
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
      if (event.responseStatusCode === 200) {
        const { body, base64Encoded } = await session.send('Fetch.getResponseBody', { requestId: event.requestId });
        const text = base64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
        const documents = (JSON.parse(text) as { documents: { id: string }[] }).documents;
        // Counted before the delay: the server has sent these bytes, whatever becomes of the tab.
        this.counts.pullAnswers += 1;
        this.counts.pulledDocuments += documents.length;
        this.pullBatches.push(documents.length);
        for (const doc of documents) this.pulledIds.set(doc.id, (this.pulledIds.get(doc.id) ?? 0) + 1);
      }
      if (this.pullDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pullDelayMs));
      await session.send('Fetch.continueResponse', { requestId: event.requestId });
      const answered = this.pullBatches.filter((size) => size > 0).length;
      for (const listener of [...this.pullListeners]) listener(answered);
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
}
