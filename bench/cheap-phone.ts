/**
 * The first sync on a cheap phone (issue 12): in Chromium with the CPU slowed 4× (CDP
 * Emulation.setCPUThrottlingRate) and the app's real IndexedDB storage, how long a partner city's
 * phone takes from "Sign in" until its needs list counts all N needs, against the time the same
 * pull pages take to download with the CPU not slowed (the network transfer alone, fetched in the
 * same page after the sync over the same link, bodies not parsed or stored). Goal: at most 2× the
 * transfer, i.e. the phone's CPU keeps up with its network. The link is a phone's (Fast 3G: 1.44
 * Mbit/s down, 675 kbit/s up, 562 ms round trip, CDP Network.emulateNetworkConditions) or, with
 * `network: 'loopback'`, none at all, where the transfer is only the server's time.
 *
 * Meanwhile the UI must stay responsive: every long task (PerformanceObserver 'longtask', main
 * thread busy for more than 50 ms) is recorded from the tap on "Sign in" until the list is complete;
 * goal: none over 200 ms while documents arrive.
 *
 * Everything is real: the built PWA (run `npm run build` first) served by the real sync server on
 * the embedded store, the needs pushed through the sync API by the municipalities that own them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SignInPage } from '../tests/e2e/pages/sign-in-page';
import { MODERATOR_ENV } from '../tests/e2e/support/accounts';
import { startSyncServer } from '../tests/e2e/support/sync-server';
import { launchChromium } from '../tests/support/chromium';
import { BROWSER_PULL } from '../app/db/browser-store';
import { seedPartnerAndNeeds } from './support/fixtures';

export type NetworkProfile = 'fast-3g' | 'loopback';

/** Chrome DevTools' "Fast 3G" preset, as the issue's measurements used it. */
const FAST_3G = { downloadKbps: 1440, uploadKbps: 675, rttMs: 562 } as const;

export type CheapPhoneResult = {
  needs: number;
  cpuSlowdown: number;
  network: NetworkProfile;
  /** "Sign in" tapped → the needs list counts every need, CPU slowed. */
  firstSyncSeconds: number;
  /** The same pull pages fetched one after another in the page, CPU not slowed, bodies not parsed. */
  networkTransferSeconds: number;
  /** Pull requests the transfer took (a server that streams answers several pages per request). */
  pullRequests: number;
  transferredKiB: number;
  /** firstSyncSeconds ÷ networkTransferSeconds (goal ≤ 2). */
  ratio: number;
  longTasks: { count: number; over200ms: number; maxMs: number; totalMs: number };
  /**
   * The long tasks that began while the sync's progress bar was shown (documents arriving and
   * being stored), without the list's final render once the round ended.
   */
  longTasksWhileArriving: { count: number; over200ms: number; maxMs: number; totalMs: number };
  goals: { ratio: number; maxLongTaskMs: number };
};

const PULL_PAGE = BROWSER_PULL.pullBatchSize;
const PAGES_PER_REQUEST = BROWSER_PULL.pullPagesPerRequest;
const SYNC_TIMEOUT_MS = 900_000;

type LongTask = { start: number; duration: number };

/** Records every long task of the page in `window.__longTasks` from the first script on. */
const RECORD_LONG_TASKS = `
  globalThis.__name = (fn) => fn;
  window.__longTasks = [];
  // The last moment the header's sync progress bar was on screen: the documents still arriving.
  window.__progressLastSeen = 0;
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="sync-progress"]')) window.__progressLastSeen = performance.now();
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

/**
 * Downloads every pull page of needs as the phone's first sync asks for them (streamed answers of up
 * to `PAGES_PER_REQUEST` pages, app/db/pull-pages.ts); seconds, requests and bytes. Only the last
 * checkpoint is read, with a regular expression: parsing is the phone's work, not the network's.
 */
async function transfer(page: Page): Promise<{ seconds: number; requests: number; bytes: number }> {
  return page.evaluate(
    async ({ limit, pages }) => {
      let checkpoint = '';
      let requests = 0;
      let bytes = 0;
      const started = performance.now();
      for (;;) {
        const query = new URLSearchParams({ limit: String(limit), pages: String(pages), ...(checkpoint ? { checkpoint } : {}) });
        const body = await (await fetch(`/api/sync/needs/pull?${query.toString()}`, { credentials: 'same-origin', cache: 'no-store' })).text();
        bytes += body.length;
        requests += 1;
        const seqs = [...body.matchAll(/"checkpoint":\{"seq":("(?:[^"\\]|\\.)*")\}/g)];
        const remainings = [...body.matchAll(/"remaining":(\d+)/g)];
        const seq = seqs.at(-1)?.[1];
        const remaining = remainings.at(-1)?.[1];
        if (!seq || remaining === undefined || Number(remaining) === 0 || requests > 1000) break;
        checkpoint = JSON.parse(seq) as string;
      }
      return { seconds: (performance.now() - started) / 1000, requests, bytes };
    },
    { limit: PULL_PAGE, pages: PAGES_PER_REQUEST },
  );
}

export async function runCheapPhoneBenchmark({
  documents,
  cpuSlowdown = 4,
  network = 'fast-3g',
  cpuProfile,
}: {
  documents: number;
  cpuSlowdown?: number;
  network?: NetworkProfile;
  /** Where to save a CPU profile of the page (CDP Profiler, `.cpuprofile`) from "Sign in" to the list complete. */
  cpuProfile?: string;
}): Promise<CheapPhoneResult> {
  const server = await startSyncServer(MODERATOR_ENV);
  const chromium = await launchChromium({ locale: 'de-DE' });
  try {
    const { partner } = await seedPartnerAndNeeds(server.url, documents);

    process.stderr.write(`cheap-phone benchmark: ${documents} needs on the server\n`);
    const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    await page.addInitScript({ content: RECORD_LONG_TASKS });
    await page.goto(server.url, { waitUntil: 'load' });
    const signIn = new SignInPage(page);
    await signIn.waitUntilShown();
    const cdp = await chromium.context.newCDPSession(page);
    if (network === 'fast-3g') {
      // The API requests go from the page (the service worker does not handle /api), so the page's emulation shapes them.
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: FAST_3G.rttMs,
        downloadThroughput: (FAST_3G.downloadKbps * 1000) / 8,
        uploadThroughput: (FAST_3G.uploadKbps * 1000) / 8,
      });
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    if (cpuProfile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const startedAt = await page.evaluate(() => performance.now());
    await signIn.signIn(partner.email, partner.password);
    await page.getByTestId('nav-needs').click();
    await page.waitForFunction(
      (expected) => Number(document.querySelector('[data-testid="needs-count"]')?.getAttribute('data-total')) >= expected,
      documents,
      { timeout: SYNC_TIMEOUT_MS, polling: 250 },
    );
    const doneAt = await page.evaluate(() => performance.now());
    if (cpuProfile) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(path.dirname(cpuProfile), { recursive: true });
      fs.writeFileSync(cpuProfile, JSON.stringify(profile));
      process.stderr.write(`cheap-phone benchmark: CPU profile saved to ${cpuProfile}\n`);
    }
    process.stderr.write(`cheap-phone benchmark: all ${documents} needs listed after ${((doneAt - startedAt) / 1000).toFixed(1)} s\n`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const recorded = await page.evaluate(() => {
      const recorder = window as unknown as { __longTasks: LongTask[]; __progressLastSeen: number };
      return { tasks: recorder.__longTasks, progressLastSeen: recorder.__progressLastSeen };
    });
    const tasks = recorded.tasks.filter((task) => task.start >= startedAt && task.start <= doneAt);
    const whileArriving = tasks.filter((task) => task.start <= recorded.progressLastSeen);
    const transferred = await transfer(page);
    const firstSyncSeconds = (doneAt - startedAt) / 1000;
    return {
      needs: documents,
      cpuSlowdown,
      network,
      firstSyncSeconds: round(firstSyncSeconds),
      networkTransferSeconds: round(transferred.seconds),
      pullRequests: transferred.requests,
      transferredKiB: Math.round(transferred.bytes / 1024),
      ratio: round(firstSyncSeconds / transferred.seconds),
      longTasks: summarize(tasks),
      longTasksWhileArriving: summarize(whileArriving),
      goals: { ratio: 2, maxLongTaskMs: 200 },
    };
  } finally {
    await chromium.close();
    await server.stop();
  }
}

function summarize(tasks: readonly LongTask[]): CheapPhoneResult['longTasks'] {
  return {
    count: tasks.length,
    over200ms: tasks.filter((task) => task.duration > 200).length,
    maxMs: Math.round(Math.max(0, ...tasks.map((task) => task.duration))),
    totalMs: Math.round(tasks.reduce((sum, task) => sum + task.duration, 0)),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
