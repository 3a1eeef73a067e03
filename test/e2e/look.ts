import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { LaunchedFerry } from './ferry-launcher';

/** axe's serious and critical findings on the page, or on the part `include` selects, as readable lines. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * Saves the window in the light theme, then the dark one, as
 * test-results/screenshots/<name>-<theme>.png; `alsoCheck` runs in each theme
 * once it has applied (an axe pass, say).
 */
export async function shootBothThemes(
  app: LaunchedFerry,
  name: string,
  alsoCheck?: (theme: 'light' | 'dark') => Promise<void>,
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await app.services.settings.update({ theme });
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', theme);
    await app.page.screenshot({ path: `test-results/screenshots/${name}-${theme}.png` });
    await alsoCheck?.(theme);
  }
}

/**
 * The text of every element in the window, dialogs and menus included, that is
 * cut off (an ellipsis or a clamp hides part of it) with no title on it or
 * around it to show the rest on hover.
 */
export function truncatedWithoutTitle(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clips = (style: CSSStyleDeclaration) =>
      [style.overflowX, style.overflowY].some((value) => value === 'hidden' || value === 'clip');
    const holdsText = (element: Element) =>
      Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
    return Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((element) => holdsText(element) && clips(getComputedStyle(element)))
      .filter((element) => !element.closest('.visually-hidden'))
      .filter(
        (element) => element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1,
      )
      .filter((element) => !element.closest('[title]'))
      .map((element) => element.textContent ?? '');
  });
}
