/**
 * A live-stream listener for route tests: opens GET /api/sync/stream (anonymously or with a
 * member's session cookie) and records every event until it is closed or the server ends it.
 */
import type { StreamEvent } from '../../../domain/sync-protocol';
import type { TestMember } from './accounts';

export type StreamRecorder = {
  status: number;
  /** The error body when the server refused to open the stream. */
  body: unknown;
  events: StreamEvent[];
  /** True once the server ended the stream (or it broke). */
  ended: boolean;
  /** Ids of the documents received, per collection. */
  ids(collection: string): Set<string>;
  /** Collections the server asked to pull again. */
  resyncs(): Set<string>;
  close(): void;
};

/** Parses the `event: change` frames of a chunk of SSE text; returns them and the unfinished rest. */
function frames(buffer: string): { events: StreamEvent[]; rest: string } {
  const parts = buffer.split('\n\n');
  const rest = parts.pop() ?? '';
  const events = parts.flatMap((part) => {
    const lines = part.split('\n');
    const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice('data: '.length));
    return lines.includes('event: change') && data.length > 0 ? [JSON.parse(data.join('\n')) as StreamEvent] : [];
  });
  return { events, rest };
}

export async function openStream(server: { url: string }, member: TestMember | null): Promise<StreamRecorder> {
  const controller = new AbortController();
  const cookie = member?.browser.cookieHeader;
  const response = await fetch(`${server.url}/api/sync/stream`, { signal: controller.signal, headers: cookie ? { cookie } : {} });
  const recorder: StreamRecorder = {
    status: response.status,
    body: null,
    events: [],
    ended: false,
    ids: (collection) =>
      new Set(recorder.events.flatMap((event) => ('documents' in event && event.collection === collection ? event.documents.map((doc) => doc.id) : []))),
    resyncs: () => new Set(recorder.events.flatMap((event) => ('resync' in event ? [event.collection] : []))),
    close: () => controller.abort(),
  };
  if (!response.ok || !response.body) {
    recorder.body = await response.json();
    recorder.ended = true;
    return recorder;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = frames(buffer + value);
        buffer = parsed.rest;
        recorder.events.push(...parsed.events);
      }
    } catch (error) {
      // Closed by the test (abort) or cut by the server: either way the stream is over.
      if (!controller.signal.aborted) recorder.body = error;
    } finally {
      recorder.ended = true;
    }
  })();
  return recorder;
}
