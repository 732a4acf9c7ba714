/**
 * Acting on rendered forms in jsdom the way a user does: React listens to `input`/`change`
 * events, and reads a controlled input's value through the native setter.
 */
import { act } from 'react';
import { settle } from './render-with-store';

/** Types `value` into an input, text area or select (replacing what was there). */
export function fill(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const prototype = Object.getPrototypeOf(element) as object;
  act(() => {
    // React tracks the value it last set; only the prototype's setter makes the change visible to it.
    if (!Reflect.set(prototype, 'value', value, element)) throw new Error(`could not set the value of ${element.tagName}`);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

/** Clicks an element and lets the promises it started (a fetch, a state update) settle. */
export async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.click();
    await settle();
  });
}

/** The element with `data-testid` inside `container`, or null. */
export function byTestId<T extends HTMLElement = HTMLElement>(container: ParentNode, id: string): T | null {
  return container.querySelector<T>(`[data-testid="${id}"]`);
}

/** The form control named `name` inside `container` (throws when there is none: a broken test). */
export function control<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement = HTMLInputElement>(container: ParentNode, name: string): T {
  const found = container.querySelector<T>(`[name="${name}"]`);
  if (!found) throw new Error(`no control named ${name}`);
  return found;
}

/**
 * Polls `find` until it answers something truthy (an element, `true`) and answers that; lets React
 * render between tries. Fails after `timeoutMs` with the page's text, to show what was there instead.
 */
export async function waitFor<T>(container: HTMLElement, find: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`not found within ${timeoutMs} ms; page: ${container.textContent}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}
