/**
 * What every screen must hold on a 360 px phone (issue 9 quality bars): no serious or critical
 * axe-core violation, no horizontal scrolling, and tap targets of at least 44 px.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export type ScreenProblems = { axe: string[]; horizontalScroll: boolean; smallTargets: string[] };

/** Everything wrong with the screen the page shows now (empty lists when nothing is). */
export async function screenProblems(page: Page): Promise<ScreenProblems> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const axe = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
  const layout = await page.evaluate(() => {
    const tooSmall: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>('button, a.button, .bottom-nav-tab, select, input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"])');
    for (const element of targets) {
      const box = element.getBoundingClientRect();
      // Not drawn, or visually hidden (1 px, clipped) behind the label that is the real target.
      if (box.width <= 1 || box.height <= 1) continue;
      // 44 CSS px each way (WCAG 2.5.5), with half a pixel for rounding.
      if (box.height < 43.5 || box.width < 43.5) tooSmall.push(`${element.tagName.toLowerCase()}[data-testid=${element.dataset.testid ?? '?'}] ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return { horizontalScroll: document.documentElement.scrollWidth > window.innerWidth + 1, smallTargets: tooSmall };
  });
  return { axe, ...layout };
}
