/**
 * The client of the streamed pull (app/db/pull-pages.ts), fed real Responses with the server's
 * format (a JSON array, one page per line): pages are handed out in order for the checkpoint they
 * continue from, pages that arrived before a cut still are, and a plain one-page answer works too.
 */
import { describe, expect, it } from 'vitest';
import { Subject } from 'rxjs';
import { PagedPull, storedFromChanges } from '../../app/db/pull-pages';
import type { PullResponse } from '../../domain/sync-protocol';

const page = (from: number, count: number, remaining: number): PullResponse => ({
  documents: Array.from({ length: count }, (_, index) => ({ id: `need-${from + index}`, _deleted: false })),
  checkpoint: { seq: `cp-${from + count}` },
  remaining,
});

/** A streamed answer of `pages`, cut with `cutWith` after them when given (as a dropped link would). */
function streamed(pages: unknown[], cutWith?: Error): Response {
  const encoder = new TextEncoder();
  const chunks = pages.map((element, index) => encoder.encode(`${index === 0 ? '[\n' : ','}${JSON.stringify(element)}\n`));
  // One chunk per read, as bytes arrive from a socket (an errored stream drops what is still queued).
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(chunk);
      else if (cutWith) controller.error(cutWith);
      else {
        controller.enqueue(encoder.encode(']\n'));
        controller.close();
      }
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

describe('PagedPull', () => {
  it('hands out the pages of one answer in order, each for the checkpoint before it', async () => {
    const opened: string[] = [];
    const pulls = new PagedPull(async (checkpoint) => {
      await Promise.resolve();
      opened.push(checkpoint);
      return streamed([page(0, 2, 3), page(2, 2, 1), page(4, 1, 0)]);
    }, 5000);
    expect((await pulls.next('', 2)).checkpoint.seq).toBe('cp-2');
    expect((await pulls.next('cp-2', 2)).documents.map((doc) => doc.id)).toEqual(['need-2', 'need-3']);
    expect(await pulls.next('cp-4', 2)).toEqual(page(4, 1, 0));
    expect(opened).toEqual(['']);
  });

  it('asked from another checkpoint (a RESYNC), drops the open answer and asks from there', async () => {
    const opened: string[] = [];
    const pulls = new PagedPull(async (checkpoint) => {
      await Promise.resolve();
      opened.push(checkpoint);
      return streamed(checkpoint === '' ? [page(0, 2, 8), page(2, 2, 6)] : [page(7, 1, 0)]);
    }, 5000);
    await pulls.next('', 2);
    expect((await pulls.next('cp-7', 2)).checkpoint.seq).toBe('cp-8');
    expect(opened).toEqual(['', 'cp-7']);
  });

  it('a cut answer still hands out the pages that arrived whole, then fails; the retry asks from the last one', async () => {
    const opened: string[] = [];
    const pulls = new PagedPull(async (checkpoint) => {
      await Promise.resolve();
      opened.push(checkpoint);
      return checkpoint === '' ? streamed([page(0, 2, 4), page(2, 2, 2)], new TypeError('Failed to fetch (the link dropped)')) : streamed([page(4, 2, 0)]);
    }, 5000);
    await pulls.next('', 2);
    await pulls.next('cp-2', 2);
    await expect(pulls.next('cp-4', 2)).rejects.toThrow('the link dropped');
    expect((await pulls.next('cp-4', 2)).checkpoint.seq).toBe('cp-6');
    expect(opened).toEqual(['', 'cp-4']);
  });

  it('an answer that ends with the server’s error element fails after its pages', async () => {
    const pulls = new PagedPull(
      () => Promise.resolve(streamed([page(0, 2, 4), { error: { code: 'store-unavailable', message: 'The pull stopped before its end' } }])),
      5000,
    );
    await pulls.next('', 2);
    await expect(pulls.next('cp-2', 2)).rejects.toThrow('The pull stopped before its end');
  });

  it('works with a server that answers one plain page per request', async () => {
    const opened: string[] = [];
    const pulls = new PagedPull(async (checkpoint) => {
      await Promise.resolve();
      opened.push(checkpoint);
      return Response.json(checkpoint === '' ? page(0, 2, 1) : page(2, 1, 0));
    }, 5000);
    await pulls.next('', 2);
    expect((await pulls.next('cp-2', 2)).checkpoint.seq).toBe('cp-3');
    expect(opened).toEqual(['', 'cp-2']);
  });

  it('an answer that stalls fails after the timeout instead of hanging', async () => {
    const pulls = new PagedPull(
      (_checkpoint, _limit, signal) =>
        Promise.resolve(new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(`[\n${JSON.stringify(page(0, 2, 4))}\n`));
              signal.addEventListener('abort', () => controller.error(signal.reason));
            },
          }),
        )),
      200,
    );
    await pulls.next('', 2);
    await expect(pulls.next('cp-2', 2)).rejects.toThrow('stalled');
  });
});

describe('PagedPull read-ahead', () => {
  it('reads at most one page beyond the one handed out: a close costs that page, not the rest of the answer', async () => {
    const pages = Array.from({ length: 6 }, (_, index) => page(index * 2, 2, 10 - index * 2));
    const encoder = new TextEncoder();
    const chunks = pages.map((element, index) => encoder.encode(`${index === 0 ? '[\n' : ','}${JSON.stringify(element)}\n`));
    let read = 0;
    // highWaterMark 0: the source is asked for a chunk only when the reader wants one, as a socket
    // is read only when the browser has room; `read` counts the pages taken off the link.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const chunk = chunks.shift();
          if (!chunk) {
            controller.enqueue(encoder.encode(']\n'));
            controller.close();
            return;
          }
          read += 1;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    const pulls = new PagedPull(() => Promise.resolve(new Response(body)), 5000);
    await pulls.next('', 2);
    await settle();
    expect(read).toBe(2); // the page handed out and one read ahead
    await pulls.next('cp-2', 2);
    await settle();
    expect(read).toBe(3);
    pulls.stop(); // the tab closes: pages 4 to 6 never left the link
    await settle();
    expect(read).toBe(3);
  });

  it('hands out the next page only once the one before is stored, as RxDB would otherwise write the whole download in one go', async () => {
    const changes = new Subject<{ context: string }>();
    const pulls = new PagedPull(() => Promise.resolve(streamed([page(0, 2, 2), page(2, 2, 0)])), 5000, storedFromChanges(changes, 60_000));
    await pulls.next('', 2);
    let second: PullResponse | null = null;
    const asked = pulls.next('cp-2', 2).then((answer) => (second = answer));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A local write or a stream of another kind is no proof that the pull's page is stored.
    changes.next({ context: 'rx-document-save-data' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second).toBeNull();
    changes.next({ context: 'replication-downstream-needs-abc' });
    await asked;
    expect(second!.checkpoint.seq).toBe('cp-4');
  });

  it('a page whose documents wrote nothing waits at most the bounded time', async () => {
    const changes = new Subject<{ context: string }>();
    const pulls = new PagedPull(() => Promise.resolve(streamed([page(0, 2, 2), page(2, 2, 0)])), 5000, storedFromChanges(changes, 100));
    await pulls.next('', 2);
    const started = Date.now();
    expect((await pulls.next('cp-2', 2)).checkpoint.seq).toBe('cp-4');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });
});
