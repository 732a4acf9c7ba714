/** The APIs the oldest supported browsers lack are added only where missing, and behave. */
import { describe, expect, it } from 'vitest';
import { installPolyfills } from '../../app/polyfills';

/** A browser from before 2022: no AbortSignal.timeout, Object.hasOwn or TextDecoderStream. */
function oldBrowser() {
  class OldAbortSignal {}
  const OldObject = { prototype: Object.prototype } as unknown as ObjectConstructor;
  return {
    AbortSignal: OldAbortSignal as unknown as typeof AbortSignal,
    AbortController,
    Object: OldObject,
    TransformStream,
    TextDecoder,
    DOMException,
    setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  } as Parameters<typeof installPolyfills>[0] & { TextDecoderStream?: typeof TextDecoderStream };
}

describe('installPolyfills', () => {
  it('adds nothing to a current runtime', () => {
    expect(installPolyfills()).toEqual([]);
  });

  it('adds what an old browser lacks', async () => {
    const browser = oldBrowser();
    expect(installPolyfills(browser)).toEqual(['AbortSignal.timeout', 'Object.hasOwn', 'TextDecoderStream']);

    const signal = browser.AbortSignal.timeout(5);
    expect(signal.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');

    expect(browser.Object.hasOwn({ a: 1 }, 'a')).toBe(true);
    expect(browser.Object.hasOwn(Object.create({ a: 1 }) as object, 'a')).toBe(false);

    // A multi-byte character split across chunks arrives whole.
    const bytes = new TextEncoder().encode('data: привіт\n\n');
    const Decoder = browser.TextDecoderStream!;
    const reader = new ReadableStream<BufferSource>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    })
      .pipeThrough(new Decoder())
      .getReader();
    let text = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += read.value;
    expect(text).toBe('data: привіт\n\n');
  });
});
