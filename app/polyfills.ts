/**
 * The few newer APIs our code (and the sync layer) calls that the oldest supported browsers lack
 * (DESIGN.md "Devices"). The build target lowers syntax, not APIs:
 * - `AbortSignal.timeout`: Chrome 103, Safari 16; without it every sync request would throw;
 * - `Object.hasOwn`: Chrome 93, Safari 15.4 (Samsung Internet 15 is Chromium 90);
 * - `TextDecoderStream`: Firefox 105 (the live stream reads text through it); needs TransformStream
 *   (Firefox 102), without which the live stream stays off and sync falls back to pulls.
 * Each is installed only where it is missing.
 */

type Target = {
  AbortSignal: typeof AbortSignal;
  AbortController: typeof AbortController;
  Object: ObjectConstructor;
  TextDecoderStream?: unknown;
  TransformStream?: typeof TransformStream;
  TextDecoder: typeof TextDecoder;
  DOMException?: typeof DOMException;
  setTimeout: (callback: () => void, ms: number) => unknown;
};

/** Adds what `target` lacks; returns the names it added. */
export function installPolyfills(target: Target = globalThis): string[] {
  const added: string[] = [];

  if (typeof target.AbortSignal.timeout !== 'function') {
    const timeout = (ms: number): AbortSignal => {
      const controller = new target.AbortController();
      target.setTimeout(() => {
        const reason = target.DOMException ? new target.DOMException('signal timed out', 'TimeoutError') : undefined;
        controller.abort(reason);
      }, ms);
      return controller.signal;
    };
    Object.defineProperty(target.AbortSignal, 'timeout', { value: timeout, configurable: true, writable: true });
    added.push('AbortSignal.timeout');
  }

  if (typeof target.Object.hasOwn !== 'function') {
    const hasOwn = (object: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(object, key);
    Object.defineProperty(target.Object, 'hasOwn', { value: hasOwn, configurable: true, writable: true });
    added.push('Object.hasOwn');
  }

  if (typeof target.TextDecoderStream !== 'function' && typeof target.TransformStream === 'function') {
    const Transform = target.TransformStream;
    const Decoder = target.TextDecoder;
    class TextDecoderStream extends Transform<Uint8Array, string> {
      constructor(label = 'utf-8', options?: TextDecoderOptions) {
        const decoder = new Decoder(label, options);
        super({
          transform(chunk, controller) {
            const text = decoder.decode(chunk, { stream: true });
            if (text) controller.enqueue(text);
          },
          flush(controller) {
            const text = decoder.decode();
            if (text) controller.enqueue(text);
          },
        });
      }
    }
    Object.defineProperty(target, 'TextDecoderStream', { value: TextDecoderStream, configurable: true, writable: true });
    added.push('TextDecoderStream');
  }

  return added;
}
