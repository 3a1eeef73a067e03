import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createRouter } from '../../electron/ipc/router';
import { createServices, type Services } from '../../electron/services';
import { builtApp } from '../support/built-app';
import { type CapturedLogger, captureLogger } from '../support/capture-logger';
import { recordingDesktop } from '../support/recording-desktop';
import { collectPageErrors, DELIVER_FUNCTION, deliverInPage, INVOKE_BINDING, preloadInitScript } from './preload-shim';

export interface LaunchedFerry {
  page: Page;
  services: Services;
  logger: CapturedLogger;
  /** Console errors and uncaught exceptions: a CSP violation or a render crash lands here. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts Ferry as Electron would, minus Electron: fresh main-process services
 * over a profile folder, the router bound to a new browser context, the real
 * preload and the built renderer. Launching twice on one profile is a restart.
 */
export class FerryLauncher {
  private readonly running = new Set<() => Promise<void>>();
  /** What the app asked the desktop to open or show, across launches. */
  readonly desktop = recordingDesktop();

  constructor(
    private readonly browser: Browser,
    readonly profileDir: string,
    private readonly rendererUrl: string,
  ) {}

  /** `firstRun` starts as a person who never opened Ferry would; otherwise the welcome screen is behind them. */
  async launch(options: { firstRun?: boolean } = {}): Promise<LaunchedFerry> {
    if (!options.firstRun) await welcomed(this.profileDir);
    const logger = captureLogger();
    const services = await createServices({
      profileDir: this.profileDir,
      downloadsDir: join(this.profileDir, 'Downloads'),
      version: '0.1.0-e2e',
      desktop: this.desktop,
      logger,
    });
    services.downloads.start();
    const router = createRouter(services);
    const context = await this.browser.newContext();
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);

    await page.exposeBinding(INVOKE_BINDING, (_source, channel: unknown, payload: unknown) =>
      router.invoke(channel, payload),
    );
    const stopEvents = router.onEvent(({ event, payload }) => {
      // A page that is closing misses the event, as a closing Electron window would.
      page.evaluate(deliverInPage, [DELIVER_FUNCTION, event, payload] as const).catch(() => undefined);
    });
    await page.addInitScript({ content: preloadInitScript(await readFile(builtApp.preload, 'utf8')) });
    await page.goto(this.rendererUrl);

    const close = async () => {
      this.running.delete(close);
      stopEvents();
      await context.close();
      await services.dispose();
    };
    this.running.add(close);
    return { page, services, logger, pageErrors, close };
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.running].map((close) => close()));
  }
}

/** Marks the welcome screen as done unless the profile already has settings (a restart keeps what the test saved). */
async function welcomed(profileDir: string): Promise<void> {
  try {
    await writeFile(join(profileDir, 'settings.json'), JSON.stringify({ firstRunDone: true }), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
