import type { Locator, Page } from '@playwright/test';

export type SectionName = 'Downloads' | 'Queues' | 'Accounts' | 'Settings';

/** The frame around every section: the sidebar navigation and the section heading. */
export class AppFrame {
  readonly navigation: Locator;
  readonly heading: Locator;
  readonly version: Locator;
  readonly emptyState: Locator;
  /** The polite live region that tells screen readers when downloads finish or fail. */
  readonly announcer: Locator;
  /** Warnings from the main process above the view (the library lost its latest changes), each until dismissed. */
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Sections' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.version = page.getByTestId('app-version');
    this.emptyState = page.locator('.empty-state');
    this.announcer = page.getByTestId('live-announcer');
    this.notices = page.locator('.app-notices').getByRole('alert');
  }

  navButton(section: SectionName): Locator {
    return this.navigation.getByRole('button', { name: section, exact: true });
  }

  async open(section: SectionName): Promise<void> {
    await this.navButton(section).click();
  }

  theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }

  backgroundColor(): Promise<string> {
    return this.page.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  }
}
