/**
 * The browser campaign of issue 13: in a real Chromium with a persistent profile (IndexedDB
 * outlives the tab, as on a phone), against the built PWA and the real sync server on the real
 * embedded store, the tab is closed — `page.close()`, or the whole browser SIGKILLed — at a moment
 * drawn from the seed:
 * - in the middle of a push (needs written offline, the chosen push request held before it leaves
 *   or after the server wrote): reopened, every need is on the server exactly once, in one revision;
 * - in the middle of a first sync (after the first or second page of the streamed pull arrived, on
 *   loopback or at a phone's download speed): reopened, every need arrives and is listed, and the
 *   checkpoint resumes: the server sends again at most what had arrived before the close (the report
 *   counts the closes over one and over two batches, and the most sent again by one close);
 * - with the need form open and dirty: what was saved before survives and is sent once, the browser's
 *   beforeunload question is asked on a tab close, and the draft comes back (need-draft.ts) whenever
 *   the phone had written it when the tab went away.
 *
 * Short inside `npm test` (one close per scenario), full under `npm run test:chaos`.
 * Replay: CHAOS_SEED=<seed> [CHAOS_SCALE=full] npx vitest run --project chaos browser-tabs
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Need } from '../../domain/schemas/need';
import { Browser } from '../integration/support/browser';
import { AppShell } from '../e2e/pages/app-shell';
import { NeedsPage } from '../e2e/pages/needs-page';
import { SignInPage } from '../e2e/pages/sign-in-page';
import { verifiedMunicipality, type Account } from '../e2e/support/accounts';
import { byScale, chaosSeed, saveReport, seededRandom } from './support/campaign';
import { openPhone, type CloseKind, type Phone } from './support/browser-phone';
import { judgeArrival, startCampaignServer, type CampaignServer } from './support/browser-server';
import {
  changesFileOf,
  discardRestoredDraft,
  importOnPhone,
  needDraftState,
  needsFor,
  sleep,
  typeNeed,
  waitForNeedsListed,
  waitUntilSent,
} from './support/browser-steps';
import { BrowserWire, type PushHoldStage } from './support/browser-wire';

const seed = chaosSeed();
/** The app's batch sizes (startSync's defaults). */
const PUSH_BATCH = 200;
const PULL_BATCH = 200;
const CLOSES = byScale({ short: 1, full: 12 });
const FIRST_SYNC_NEEDS = byScale({ short: 400, full: 1000 });

type ScenarioReport = {
  closes: number;
  byKind: Record<CloseKind, number>;
  written: number;
  onServer: number;
  duplicates: number;
  lost: number;
  rewritten: number;
  redownloaded: number;
  signInsAfterClose: number;
  moments: Record<string, unknown>[];
  [more: string]: unknown;
};

const emptyReport = (): ScenarioReport => ({
  closes: 0,
  byKind: { tab: 0, kill: 0 },
  written: 0,
  onServer: 0,
  duplicates: 0,
  lost: 0,
  rewritten: 0,
  redownloaded: 0,
  signInsAfterClose: 0,
  moments: [],
});

/** Milliseconds since `start` at each named step, for the report (where a round spends its time). */
function stopwatch() {
  const start = Date.now();
  const marks: Record<string, number> = {};
  return {
    mark: (name: string) => {
      marks[name] = Date.now() - start;
    },
    marks,
  };
}

const reports: Record<'push' | 'firstSync' | 'form', ScenarioReport> = { push: emptyReport(), firstSync: emptyReport(), form: emptyReport() };
const findings: string[] = [];

/** Each scenario draws from its own generator, so one scenario's draws replay whatever the others did. */
const randomFor = (scenario: number) => seededRandom(seed * 3 + scenario);
const pick = <T,>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
/** Alternates the two ways to close from round to round, starting where the seed says. */
const closeKindOf = (round: number, start: number): CloseKind => ((round + start) % 2 === 0 ? 'tab' : 'kill');

describe('closing the tab (browser campaign)', () => {
  let server: CampaignServer;
  let writer: Account;
  let reader: Account;
  let files: string;
  /** Every need the writer's phone saved: id → title. */
  const written = new Map<string, string>();
  /** The writer's phone, shared by the push and the form scenarios (one launch and sign-in, not two). */
  let writerPhone: Phone | null = null;
  const writerWire = new BrowserWire('needs');
  async function writerReady(): Promise<Phone> {
    if (writerPhone) return writerPhone;
    const phone = await openPhone(server.url, { onPage: (page) => writerWire.attach(page) });
    writerPhone = phone;
    await new SignInPage(phone.page()).signIn(writer.email, writer.password);
    await phone.waitForServiceWorkerControl();
    return phone;
  }

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'c4c-chaos-browser-files-'));
    server = await startCampaignServer();
    // The reader's municipality also posts the needs of the first sync (from Node): a fresh phone has none of them.
    [writer, reader] = await Promise.all([
      verifiedMunicipality(server.url, { nameUk: 'Самбір', nameLatin: 'Sambir', country: 'UA', adm1: 'UA46' }),
      verifiedMunicipality(server.url, { nameUk: 'Стрий', nameLatin: 'Stryi', country: 'UA', adm1: 'UA46' }),
    ]);
  });

  afterAll(async () => {
    saveReport('browser-tabs', { seed, ...reports, findings });
    await writerPhone?.dispose();
    await server?.stop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  /** Reads the store and adds what it says about the writer's needs to `report`; fails on any loss or duplicate. */
  async function judgeWriter(report: ScenarioReport): Promise<void> {
    const municipalityId = writer.profile.municipality!.id;
    const mine = (await server.stored('needs')).filter((doc) => doc.municipalityId === municipalityId);
    const arrival = judgeArrival(written, mine, (doc) => String(doc.title));
    report.written = written.size;
    report.onServer = arrival.onServer;
    report.lost = arrival.lost.length;
    report.duplicates = arrival.duplicates.length;
    report.rewritten = arrival.rewritten.length;
    expect(arrival.lost, `needs written on the phone and missing on the server (seed ${seed})`).toEqual([]);
    expect(arrival.duplicates, `needs on the server twice or under another id (seed ${seed})`).toEqual([]);
    expect(arrival.rewritten, `needs stored in more than one revision (seed ${seed})`).toEqual([]);
  }

  it('in the middle of a push: every need written offline reaches the server exactly once', async () => {
    const random = randomFor(0);
    const report = reports.push;
    const wire = writerWire;
    const phone = await writerReady();
    const firstKind = Math.floor(random() * 2);
    for (let round = 0; round < CLOSES; round++) {
      const count = byScale({ short: 20, full: 30 + Math.floor(random() * 331) }); // up to two push batches
      const stage: PushHoldStage = pick(random, ['request', 'response'] as const);
      const batches = Math.ceil((count + 1) / PUSH_BATCH);
      const nth = 1 + Math.floor(random() * batches);
      const extraMs = Math.floor(random() * 300);
      const kind = closeKindOf(round, firstKind);

      const clock = stopwatch();
      await phone.setOffline(true);
      await new AppShell(phone.page()).waitForOnline(false);
      const needs = needsFor(writer, `Генератор ${seed}-${round}`, count);
      const imported = await importOnPhone(phone, await changesFileOf(files, writer, needs, `push-${round}`), server.url);
      expect(imported).toBe(count);
      for (const need of needs) written.set(need.id, need.title);
      await phone.goto('/needs');
      const typedTitle = `Набрано вручну ${seed}-${round}`;
      written.set(await typeNeed(phone, { title: typedTitle, description: 'Під час закриття вкладки.' }), typedTitle);
      clock.mark('written');

      const held = wire.holdPush(stage, nth);
      await phone.setOffline(false);
      await withDeadline(held, 30_000, `push ${nth} was never sent`);
      clock.mark('held');
      await sleep(extraMs);
      await phone.close(kind);
      clock.mark('closed');
      report.closes += 1;
      report.byKind[kind] += 1;

      await phone.reopen('/needs');
      clock.mark('reopened');
      const signIns = await waitUntilSent(phone, writer);
      report.signInsAfterClose += signIns;
      clock.mark('sent');
      report.moments.push({ kind, push: `${nth}/${batches}`, heldAt: stage, extraMs, needs: count + 1, signIns, ms: clock.marks });
      await judgeWriter(report);
    }
    report.pushRequests = wire.counts.pushRequests;
    report.pushedRows = wire.counts.pushedRows;
    report.pushAnswers = { ...wire.counts.pushAnswers };
    report.wireProblems = [...wire.problems];
  });

  it('with the need form open: what was saved survives and is sent once', async () => {
    const random = randomFor(1);
    const report = reports.form;
    let draftsRestored = 0;
    let beforeUnloadPrompts = 0;
    const phone = await writerReady();
    await waitUntilSent(phone, writer);
    const firstKind = Math.floor(random() * 2);
    for (let round = 0; round < CLOSES; round++) {
      const offline = random() < 0.5;
      const saved = 1 + Math.floor(random() * 2);
      const kind = closeKindOf(round, firstKind);
      const extraMs = Math.floor(random() * 300);
      if (offline) {
        await phone.setOffline(true);
        await new AppShell(phone.page()).waitForOnline(false);
      }
      await phone.goto('/needs');
      for (let index = 0; index < saved; index++) {
        const title = `Збережено ${seed}-${round}-${index + 1}`;
        written.set(await typeNeed(phone, { title, description: 'Збережено перед закриттям.' }), title);
      }
      const draftTitle = `Чернетка ${seed}-${round}`;
      const form = await new NeedsPage(phone.page()).openNewNeedForm();
      // Every earlier draft was saved, discarded or never written: the form opens empty.
      expect(await form.value('title')).toBe('');
      await form.fill({ title: draftTitle, description: 'Не збережено: вкладку закрито.' });
      await sleep(extraMs);
      const keptAtClose = await needDraftState(phone.page());
      if (kind === 'tab') {
        // The browser's own "leave site?" question is there (useUnsavedForm); the user leaves anyway.
        const page = phone.page();
        const prompted = new Promise<boolean>((resolve) => {
          page.once('dialog', (dialog) => {
            resolve(dialog.type() === 'beforeunload');
            void dialog.accept();
          });
          setTimeout(() => resolve(false), 5_000);
        });
        await page.close({ runBeforeUnload: true });
        if (await prompted) beforeUnloadPrompts += 1;
        if (!page.isClosed()) await page.waitForEvent('close', { timeout: 5_000 });
      } else {
        await phone.close('kill');
      }
      report.closes += 1;
      report.byKind[kind] += 1;

      await phone.reopen('/needs');
      if (offline) await phone.setOffline(false);
      const reopened = await new NeedsPage(phone.page()).openNewNeedForm();
      const restored = (await reopened.value('title')) === draftTitle;
      report.moments.push({ kind, form: 'new need, dirty', offline, savedBefore: saved, extraMs, draftAtClose: keptAtClose, restored });
      // What the phone had written to disk when the tab went away comes back; the last instant of typing may not.
      if (keptAtClose === 'saved') expect(restored, `the draft was kept on the phone but not restored (seed ${seed})`).toBe(true);
      if (restored) {
        draftsRestored += 1;
        // A draft written in full comes back in full; one still pending may lack the last field typed.
        if (keptAtClose === 'saved') expect(await reopened.value('description')).toBe('Не збережено: вкладку закрито.');
        await discardRestoredDraft(phone.page());
        expect(await reopened.value('title')).toBe('');
      }
      await phone.goto('/needs');
      report.signInsAfterClose += await waitUntilSent(phone, writer);
      await judgeWriter(report);
      expect([...written.values()]).not.toContain(draftTitle);
    }
    report.draftsRestored = draftsRestored;
    report.beforeUnloadPrompts = beforeUnloadPrompts;
  });

  it('in the middle of a first sync: every need arrives and is listed, the checkpoint resumes from what the phone kept', async () => {
    const random = randomFor(2);
    const report = reports.firstSync;
    const posting = new Browser(() => server.url);
    expect((await posting.login(reader.email, reader.password)).status).toBe(200);
    const already = (await server.stored('needs')).length;
    for (let start = 0; start < FIRST_SYNC_NEEDS - already; start += PULL_BATCH) {
      const rows = needsFor(reader, `Пакет ${seed}-${start}`, Math.min(PULL_BATCH, FIRST_SYNC_NEEDS - already - start)).map((need: Need) => ({
        newDocumentState: { ...need, _deleted: false },
      }));
      const pushed = await posting.request<{ refused: unknown[] }>('POST', '/api/sync/needs/push', rows);
      expect(pushed.status).toBe(200);
      expect(pushed.body.refused).toEqual([]);
    }
    const onServer = new Set((await server.stored('needs')).map((doc) => doc._id));
    report.written = onServer.size;
    const firstKind = Math.floor(random() * 2);
    for (let round = 0; round < CLOSES; round++) {
      const wire = new BrowserWire('needs');
      wire.pullDelayMs = 100 + Math.floor(random() * 300);
      // Loopback (every page in the browser at once: what the app's read-ahead bound leaves to buffers)
      // or a phone's link (pages one by one: 6 KB gzip'd each, 100–400 ms apart).
      wire.downloadBytesPerSecond = pick(random, [0, 16_000, 32_000, 64_000] as const);
      // The short run closes after the first answer, so 400 needs (two batches) are enough for it.
      const afterDraw = 1 + Math.floor(random() * 2);
      const after = byScale({ short: 1, full: afterDraw });
      const extraMs = Math.floor(random() * (wire.pullDelayMs + 200));
      const kind = closeKindOf(round, firstKind);
      const phone = await openPhone(server.url, { onPage: (page) => wire.attach(page) });
      try {
        await new SignInPage(phone.page()).signIn(reader.email, reader.password);
        await withDeadline(wire.waitForPullPages(after), 60_000, `pull page ${after} never came`);
        await sleep(extraMs);
        await phone.close(kind);
        // Read once the tab is gone: pages that came while it was closing had arrived too.
        const before = wire.counts.pulledDocuments;
        report.closes += 1;
        report.byKind[kind] += 1;
        report.moments.push({ kind, afterPullPage: after, extraMs, pullDelayMs: wire.pullDelayMs, downloadBytesPerSecond: wire.downloadBytesPerSecond, receivedBeforeClose: before, pagesBeforeClose: wire.counts.pullPages });

        await phone.reopen('/needs');
        const listed = await waitForNeedsListed(phone, reader, onServer.size);
        report.signInsAfterClose += await waitUntilSent(phone, reader);
        const missing = [...onServer].filter((id) => !wire.pulledIds.has(id));
        const again = wire.redownloaded();
        report.redownloaded += again;
        report.lost += missing.length;
        report.onServer = onServer.size;
        report.maxRedownloadedPerClose = Math.max(Number(report.maxRedownloadedPerClose ?? 0), again);
        expect(missing, `needs the phone never received (seed ${seed})`).toEqual([]);
        expect(listed, `needs listed on the phone (seed ${seed})`).toBe(onServer.size);
        report.moments.at(-1)!.redownloaded = again;
        // RxDB asks for the next batch as soon as it has one, queueing its storage (replication-protocol/
        // downstream.js: masterChangesSince, then persistFromMaster not awaited), so pages it holds unstored
        // are sent again after a close; pull-pages.ts reads at most one page beyond what RxDB claimed. But
        // the browser reads the socket into its own buffers whether the app reads or not (a first sync of
        // 1,000 needs is ~66 KB gzip'd, far below them): when the link outpaces the phone's storing (here
        // at 64 KB/s), a close loses what sat in those buffers (full seed 1699944036: 1,000 arrived,
        // 200 stored, 800 sent again, with and without the stale-state check of replication.ts, on a
        // quiet machine). What holds at every speed is that the checkpoint
        // never restarts before what the phone kept: at most what had arrived is sent again. A killed
        // browser may also lose IndexedDB writes it had committed (Chromium's relaxed durability).
        if (again > PULL_BATCH) report.closesOverOneBatch = Number(report.closesOverOneBatch ?? 0) + 1;
        if (again > 2 * PULL_BATCH) report.closesOverTwoBatches = Number(report.closesOverTwoBatches ?? 0) + 1;
        expect(again, `documents sent again after a close (seed ${seed})`).toBeLessThanOrEqual(before);
        if (wire.problems.length > 0) findings.push(...wire.problems);
      } finally {
        await phone.dispose();
      }
    }
  });
});

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s (seed ${seed})`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
