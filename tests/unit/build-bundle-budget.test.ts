import { describe, expect, it } from 'vitest';
import { checkBudgets, FIRST_LOAD_BUDGET_BYTES, firstLoad, SIGNED_IN_SHELL, SIGNED_OUT_BUDGET_BYTES, type BudgetChunk } from '../../scripts/vite-plugin-bundle-budget';

const chunk = (fileName: string, imports: string[] = [], isEntry = false, size = 100): BudgetChunk => ({ fileName, isEntry, imports, code: 'x'.repeat(size) + fileName });

describe('first-load JavaScript', () => {
  it('counts the entry and what it imports statically, transitively, once each', () => {
    const load = firstLoad([chunk('index.js', ['react.js', 'i18n.js'], true), chunk('react.js', ['shared.js']), chunk('i18n.js', ['shared.js']), chunk('shared.js'), chunk('NeedFormScreen.js', ['shared.js'])]);
    expect(load.chunks.map((part) => part.fileName).sort()).toEqual(['i18n.js', 'index.js', 'react.js', 'shared.js']);
    expect(load.totalGzipBytes).toBe(load.chunks.reduce((sum, part) => sum + part.gzipBytes, 0));
  });

  it('leaves out screens loaded on demand', () => {
    const load = firstLoad([chunk('index.js', [], true), chunk('lazy-screen.js', [], false, 100_000)]);
    expect(load.chunks.map((part) => part.fileName)).toEqual(['index.js']);
  });

  it('measures gzip, not raw bytes', () => {
    const load = firstLoad([chunk('index.js', [], true, 50_000)]);
    expect(load.totalGzipBytes).toBeLessThan(1_000);
  });
});

describe('signed-out and signed-in first loads (issue 11)', () => {
  const shell = (imports: string[], size = 100): BudgetChunk => ({ ...chunk('SignedInApp.js', imports, false, size), facadeModuleId: `/repo${SIGNED_IN_SHELL}` });
  const build = (shellSize = 100, databaseSize = 100) => [
    chunk('index.js', ['react.js'], true),
    chunk('react.js'),
    shell(['browser-store.js'], shellSize),
    { ...chunk('browser-store.js', ['react.js'], false, databaseSize), moduleIds: ['/repo/node_modules/rxdb/dist/esm/rx-database.js', '/repo/app/db/browser-store.ts'] },
    chunk('NeedsScreen.js', ['browser-store.js']),
  ];

  it('counts the signed-in shell and its static imports for a member only', () => {
    const report = checkBudgets(build());
    expect(report.signedOut.chunks.map((part) => part.fileName).sort()).toEqual(['index.js', 'react.js']);
    expect(report.signedIn.chunks.map((part) => part.fileName).sort()).toEqual(['SignedInApp.js', 'browser-store.js', 'index.js', 'react.js']);
    expect(report.problems).toEqual([]);
    expect(report.lines[0]).toMatch(/^signed-out first-load JS/);
    expect(report.lines[1]).toMatch(/^signed-in first-load JS/);
  });

  it('fails the signed-out budget on its own while the signed-in one still passes', () => {
    const report = checkBudgets(build(), { signedOut: 10, signedIn: 1024 * 1024 });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/^over budget: signed-out/);
  });

  it('fails the signed-in budget when the shell grows', () => {
    const report = checkBudgets(build(), { signedOut: 1024 * 1024, signedIn: 100 });
    expect(report.problems.some((problem) => problem.startsWith('over budget: signed-in'))).toBe(true);
  });

  it('refuses database code on the signed-out first screen', () => {
    const chunks = build().map((part) => (part.fileName === 'index.js' ? { ...part, imports: ['react.js', 'browser-store.js'] } : part));
    const report = checkBudgets(chunks, { signedOut: 1024 * 1024, signedIn: 1024 * 1024 });
    expect(report.problems).toEqual([expect.stringContaining('signed-out first screen loads database code: /repo/node_modules/rxdb/')]);
  });

  it('fails when the signed-in shell is no longer a chunk of its own', () => {
    const report = checkBudgets(build().filter((part) => part.fileName !== 'SignedInApp.js'));
    expect(report.problems).toEqual([expect.stringContaining(`no chunk for ${SIGNED_IN_SHELL}`)]);
  });

  it('keeps the newcomer budget at 110 KiB and the member budget at 220 KiB', () => {
    expect(SIGNED_OUT_BUDGET_BYTES).toBe(110 * 1024);
    expect(FIRST_LOAD_BUDGET_BYTES).toBe(220 * 1024);
  });
});
