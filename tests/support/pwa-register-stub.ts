/** Stand-in for vite-plugin-pwa's virtual module in vitest (there is no service worker in Node). */
export function useRegisterSW() {
  return { needRefresh: [false, () => undefined], offlineReady: [false, () => undefined], updateServiceWorker: () => Promise.resolve() };
}
