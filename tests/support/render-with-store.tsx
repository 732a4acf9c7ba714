/**
 * Renders app components on a real (in-memory) RxDB store in jsdom, for screen-level unit tests:
 * `const view = await renderWithStore(store, <NeedsScreen />)`, then `view.container`, `view.unmount()`.
 * Screens that need no database (sign-in, registration) render with `render(<SignInScreen />)`.
 */
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { LocalStoreProvider } from '../../app/db/LocalStoreProvider';
import type { LocalStore } from '../../app/db/local-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Lets RxDB's query emissions (asynchronous) reach React inside the current act(). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

export type RenderedView = { container: HTMLElement; unmount(): void };

export function renderWithStore(store: LocalStore, children: ReactNode): Promise<RenderedView> {
  return render(<LocalStoreProvider store={store}>{children}</LocalStoreProvider>);
}

export async function render(children: ReactNode): Promise<RenderedView> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(children);
    await settle();
  });
  return {
    container,
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
  };
}
