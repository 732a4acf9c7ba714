/**
 * The one live stream for all collections (`GET /api/sync/stream`, Server-Sent Events), read with
 * fetch so it works the same in the browser and in Node tests. It reconnects by itself with
 * back-off; every (re)connection asks each collection to pull again (RESYNC), so nothing written
 * while the stream was down is missed.
 */
import type { StreamEvent } from '../../domain/sync-protocol';

export type StreamHandlers = {
  onEvent: (event: StreamEvent) => void;
  onConnected: () => void;
  onDisconnected: (error: unknown) => void;
};

export type StreamOptions = { url: string; fetch: typeof fetch; minDelayMs?: number; maxDelayMs?: number };

/** Parses `data:` lines of SSE frames out of a text buffer; returns the frames and the rest. */
export function parseSseFrames(buffer: string): { frames: { event: string; data: string }[]; rest: string } {
  const frames: { event: string; data: string }[] = [];
  const normalized = buffer.replaceAll('\r\n', '\n');
  const parts = normalized.split('\n\n');
  const rest = parts.pop() ?? '';
  for (const part of parts) {
    let event = 'message';
    const data: string[] = [];
    for (const line of part.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) frames.push({ event, data: data.join('\n') });
  }
  return { frames, rest };
}

/** Opens the stream and keeps it open until `close()`. */
export function openSyncStream(options: StreamOptions, handlers: StreamHandlers): { close: () => void; reconnectNow: () => void } {
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let closed = false;
  let delay = minDelay;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Each connection attempt has a number; a failure of a superseded attempt schedules nothing.
  let attempt = 0;

  async function readOnce(): Promise<void> {
    controller = new AbortController();
    const response = await options.fetch(options.url, {
      headers: { accept: 'text/event-stream' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
    });
    // The status travels with the error, so the details panel can tell "signed out" from "server failed".
    if (!response.ok || !response.body) throw Object.assign(new Error(`stream answered HTTP ${response.status}`), { status: response.status });
    delay = minDelay;
    handlers.onConnected();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      const { frames, rest } = parseSseFrames(buffer);
      buffer = rest;
      for (const frame of frames) {
        if (frame.event === 'change') handlers.onEvent(JSON.parse(frame.data) as StreamEvent);
      }
    }
  }

  function schedule(ms: number): void {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const mine = ++attempt;
      readOnce().catch((error: unknown) => {
        if (closed || mine !== attempt) return;
        handlers.onDisconnected(error);
        delay = Math.min(maxDelay, delay * 2);
        schedule(delay);
      });
    }, ms);
  }

  schedule(0);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      controller?.abort();
    },
    reconnectNow() {
      if (closed) return;
      attempt++;
      controller?.abort();
      delay = minDelay;
      schedule(0);
    },
  };
}
