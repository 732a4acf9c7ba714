import { defineConfig } from 'vitest/config';
import { collectionValidators } from './scripts/vite-plugin-validators';

/**
 * Four projects with their own time budgets: unit (pure domain and app logic), integration (the
 * real sync server on the real embedded store), e2e (the built PWA in a real Chromium) and chaos (fault, crash and fuzz campaigns).
 *
 * Unit and integration files run two at a time even on a 2-core machine (vitest's default there is
 * one): most of a file's time is importing modules and waiting on servers, child processes and
 * timers, not CPU. Measured on 2 cores: unit 213 s → 157 s, integration ≈ 480 s → 308 s. Browser and
 * chaos files stay one at a time: each drives Chromium or a campaign that needs the CPU to itself.
 */
const TWO_AT_A_TIME = 2;
export default defineConfig({
  // Screens import their schema validators from `virtual:c4c-validators/<collection>`, as in the build.
  plugins: [collectionValidators()],
  resolve: {
    alias: { 'virtual:pwa-register/react': new URL('./tests/support/pwa-register-stub.ts', import.meta.url).pathname },
  },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 10_000, maxWorkers: TWO_AT_A_TIME } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: TWO_AT_A_TIME,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Fault, crash and fuzz campaigns (tests/chaos/support/campaign.ts): short inside `npm test`,
          // full under `npm run test:chaos` (CHAOS_SCALE=full).
          name: 'chaos',
          include: ['tests/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
