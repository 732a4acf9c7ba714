/**
 * Fails the build when the JavaScript a phone must download before its first screen exceeds the
 * budget, counted separately for the two kinds of first screen:
 *   - signed out (a newcomer on sign-in, registration or joining; issue 11): the entry chunk and
 *     every chunk it imports statically, transitively. None of it may be database code (RxDB,
 *     Dexie, RxJS): that is what keeps it small on a cheap phone.
 *   - signed in (a member, issue 9): the same plus the signed-in shell (`app/SignedInApp.tsx`, a
 *     chunk loaded on demand that main.tsx starts before the first render) and its static imports.
 * Screens behind `lazy()` are not counted; they arrive when opened. Prints both totals and the
 * largest parts on every build.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The signed-in first-load budget in bytes of gzip (220 KiB, issue 9). */
export const FIRST_LOAD_BUDGET_BYTES = 220 * 1024;

/** The signed-out first-load budget in bytes of gzip (110 KiB: measured 99.8 KiB, plus ~10 %). */
export const SIGNED_OUT_BUDGET_BYTES = 110 * 1024;

/** The module whose chunk is the signed-in shell (loaded on demand, counted for members only). */
export const SIGNED_IN_SHELL = '/app/SignedInApp.tsx';

/** Packages a signed-out first screen must not load: the database and what only it needs. */
export const DATABASE_PACKAGES = ['rxdb', 'dexie', 'rxjs'] as const;

/** A built chunk as far as the budget cares: its file, static imports and code. */
export type BudgetChunk = {
  fileName: string;
  isEntry: boolean;
  imports: readonly string[];
  code: string;
  /** The module a dynamic import of this chunk names (Rollup's `facadeModuleId`). */
  facadeModuleId?: string | null;
  /** The modules bundled into it (absolute ids). */
  moduleIds?: readonly string[];
};

export type FirstLoad = { totalGzipBytes: number; chunks: { fileName: string; gzipBytes: number }[] };

/**
 * The entry chunks, the chunks `alsoRoot` picks (loaded up front on purpose), and everything they
 * import statically, with gzip sizes, largest first.
 */
export function firstLoad(chunks: readonly BudgetChunk[], alsoRoot: (chunk: BudgetChunk) => boolean = () => false): FirstLoad {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const queue = chunks.filter((chunk) => chunk.isEntry || alsoRoot(chunk)).map((chunk) => chunk.fileName);
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...(byName.get(name)?.imports ?? []));
  }
  const sized = [...seen].map((fileName) => ({ fileName, gzipBytes: gzipSync(byName.get(fileName)?.code ?? '', { level: 9 }).length }));
  sized.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { totalGzipBytes: sized.reduce((sum, chunk) => sum + chunk.gzipBytes, 0), chunks: sized };
}

/** Whether the chunk is the signed-in shell. */
export function isSignedInShell(chunk: BudgetChunk): boolean {
  return chunk.facadeModuleId?.replaceAll('\\', '/').endsWith(SIGNED_IN_SHELL) ?? false;
}

/** The database modules (see DATABASE_PACKAGES) among the chunks of `load`: none is allowed signed out. */
export function databaseModulesIn(load: FirstLoad, chunks: readonly BudgetChunk[]): string[] {
  const names = new Set(load.chunks.map((chunk) => chunk.fileName));
  const pattern = new RegExp(`/node_modules/(${DATABASE_PACKAGES.join('|')})/`);
  return chunks.filter((chunk) => names.has(chunk.fileName)).flatMap((chunk) => (chunk.moduleIds ?? []).filter((id) => pattern.test(id.replaceAll('\\', '/'))));
}

export type BudgetReport = { signedOut: FirstLoad; signedIn: FirstLoad; problems: string[]; lines: string[] };

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function describe(what: string, load: FirstLoad, budgetBytes: number): string {
  const parts = load.chunks
    .slice(0, 5)
    .map((chunk) => `${chunk.fileName} ${kib(chunk.gzipBytes)}`)
    .join(', ');
  return `${what} first-load JS ${kib(load.totalGzipBytes)} gzip of ${kib(budgetBytes)} budget (${parts})`;
}

/** Both first loads of a build, checked against their budgets; `problems` is empty when it passes. */
export function checkBudgets(chunks: readonly BudgetChunk[], budgets = { signedOut: SIGNED_OUT_BUDGET_BYTES, signedIn: FIRST_LOAD_BUDGET_BYTES }): BudgetReport {
  const signedOut = firstLoad(chunks);
  const signedIn = firstLoad(chunks, isSignedInShell);
  const lines = [describe('signed-out', signedOut, budgets.signedOut), describe('signed-in', signedIn, budgets.signedIn)];
  const problems: string[] = [];
  if (!chunks.some(isSignedInShell)) problems.push(`no chunk for ${SIGNED_IN_SHELL}: it must stay a chunk of its own, loaded on demand`);
  if (signedOut.totalGzipBytes > budgets.signedOut) problems.push(`over budget: ${lines[0]!}`);
  if (signedIn.totalGzipBytes > budgets.signedIn) problems.push(`over budget: ${lines[1]!}`);
  const database = databaseModulesIn(signedOut, chunks);
  if (database.length > 0) problems.push(`the signed-out first screen loads database code: ${database.slice(0, 5).join(', ')}`);
  return { signedOut, signedIn, problems, lines };
}

/** The Vite plugin: measures after the bundle is generated and fails the build over budget. */
export function bundleBudget(budgets = { signedOut: SIGNED_OUT_BUDGET_BYTES, signedIn: FIRST_LOAD_BUDGET_BYTES }): Plugin {
  return {
    name: 'c4c-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: BudgetChunk[] = Object.values(bundle).flatMap((item) =>
        item.type === 'chunk' && item.fileName.endsWith('.js')
          ? [{ fileName: item.fileName, isEntry: item.isEntry, imports: item.imports, code: item.code, facadeModuleId: item.facadeModuleId, moduleIds: item.moduleIds }]
          : [],
      );
      // The service worker's own bundle is built separately and has no entry here worth counting.
      if (!chunks.some((chunk) => chunk.isEntry)) return;
      const report = checkBudgets(chunks, budgets);
      if (report.problems.length > 0) this.error(report.problems.join('\n'));
      for (const line of report.lines) this.info(line);
    },
  };
}
