/**
 * What a failed browser test leaves behind: a screenshot of each phone in `test-results/`, the
 * phones' page and console errors, and the end of the sync server's log.
 */
import { mkdir } from 'node:fs/promises';
import type { City } from './city';
import type { RunningSyncServer } from './sync-server';

const RESULTS_DIR = 'test-results';
const SERVER_LOG_TAIL_CHARS = 4_000;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** Writes screenshots and prints what the phones and the server reported. */
export async function reportFailure(
  testName: string,
  cities: Readonly<Record<string, City | undefined>>,
  server: RunningSyncServer | undefined,
): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const lines = [`--- failure report: ${testName}`];
  for (const [label, city] of Object.entries(cities)) {
    if (!city) continue;
    const path = `${RESULTS_DIR}/failed-${slug(testName)}-${slug(label)}.png`;
    await city.page.screenshot({ path, fullPage: true }).then(
      () => lines.push(`${label}: screenshot ${path}, at ${city.page.url()}`),
      (error: unknown) => lines.push(`${label}: no screenshot (${error instanceof Error ? error.message : String(error)})`),
    );
    lines.push(...city.problems().map((problem) => `${label}: ${problem}`));
  }
  if (server) lines.push('sync server log (end):', server.output().slice(-SERVER_LOG_TAIL_CHARS));
  console.error(lines.join('\n'));
}
