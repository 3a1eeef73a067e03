import { createRouter, type Router } from '../../electron/ipc/router';
import { createServices, type Services } from '../../electron/services';
import type { IpcEvent } from '../../shared/ipc/contract';
import { type CapturedLogger, captureLogger } from './capture-logger';
import { recordingDesktop } from './recording-desktop';
import { makeTempDir, type TempDir } from './temp-dir';

/** Ferry's main-process services over a fresh profile, reached through the router as the window would. */
export interface TestApp {
  profile: TempDir;
  services: Services;
  router: Router;
  desktop: ReturnType<typeof recordingDesktop>;
  logger: CapturedLogger;
  /** Every event the router emitted, in order. */
  events: IpcEvent[];
  close(): Promise<void>;
}

/** Over a fresh profile, or over `existing` as a restart would find it (closing it then leaves the profile). */
export async function openTestApp(downloadsFolder = 'dl', existing?: TempDir): Promise<TestApp> {
  const profile = existing ?? (await makeTempDir());
  const desktop = recordingDesktop();
  const logger = captureLogger();
  const services = await createServices({
    desktop,
    logger,
    profileDir: profile.path,
    downloadsDir: downloadsFolder ? `${profile.path}/${downloadsFolder}` : profile.path,
    version: '1',
  });
  const router = createRouter(services);
  const events: IpcEvent[] = [];
  router.onEvent((event) => events.push(event));
  const close = async () => {
    await services.dispose();
    if (!existing) await profile.remove();
  };
  return { profile, services, router, desktop, logger, events, close };
}
