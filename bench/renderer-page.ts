import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { createRouter } from '../electron/ipc/router';
import { createServices, type Services } from '../electron/services';
import {
  collectPageErrors,
  DELIVER_FUNCTION,
  deliverInPage,
  INVOKE_BINDING,
  preloadInitScript,
} from '../test/e2e/preload-shim';
import { captureLogger } from '../test/support/capture-logger';
import { recordingDesktop } from '../test/support/recording-desktop';

export interface BenchWindow {
  page: Page;
  browser: Browser;
  /** A DevTools session on the page, for heap and DOM counts. */
  cdp: CDPSession;
  services: Services;
  /** Console errors and uncaught exceptions: a render crash would make the numbers meaningless. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface WindowSources {
  /** The built preload's source, run in the page as the e2e tests run it. */
  preload: string;
  /** The bench's probe, injected after the preload. */
  probe: string;
}

/**
 * Opens the window at `url` over the library in `profileDir`, as the e2e
 * tests do: the app's services and router behind a Playwright binding, the
 * real preload, Debian's Chromium. The scheduler is never started, so the
 * seeded downloads stay as they are and nothing touches the network; the
 * bench sends progress through the services' own event hub.
 */
export async function openBenchWindow(profileDir: string, url: string, sources: WindowSources): Promise<BenchWindow> {
  await writeFile(join(profileDir, 'settings.json'), JSON.stringify({ firstRunDone: true }));
  const services = await createServices({
    profileDir,
    downloadsDir: join(profileDir, 'Downloads'),
    version: '0.1.0-bench',
    desktop: recordingDesktop(),
    logger: captureLogger(),
  });
  const router = createRouter(services);
  const browser = await chromium.launch({
    executablePath: process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 780 } });
  const pageErrors = collectPageErrors(page);
  await page.exposeBinding(INVOKE_BINDING, (_source, channel: unknown, payload: unknown) =>
    router.invoke(channel, payload),
  );
  const stopEvents = router.onEvent(({ event, payload }) => {
    page.evaluate(deliverInPage, [DELIVER_FUNCTION, event, payload] as const).catch(() => undefined);
  });
  await page.addInitScript({ content: preloadInitScript(sources.preload) });
  await page.addInitScript({ content: sources.probe });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url);
  const close = async () => {
    stopEvents();
    await browser.close();
    await services.dispose();
  };
  return { page, browser, cdp, services, pageErrors, close };
}
