import { createRouter } from '../../electron/ipc/router';
import { createServices, type Services } from '../../electron/services';
import { createFerryClient, type FerryClient } from '../../renderer/ipc/client';
import { createFerryStore, type FerryStore } from '../../renderer/store/ferry-store';
import { captureLogger } from './capture-logger';
import { inProcessApi } from './in-process-api';
import { recordingDesktop } from './recording-desktop';
import { makeTempDir, type TempDir } from './temp-dir';

export interface StoreOverRouter {
  profile: TempDir;
  services: Services;
  desktop: ReturnType<typeof recordingDesktop>;
  client: FerryClient;
  store: FerryStore;
  close(): Promise<void>;
}

/** The renderer's store over the real router and services of a fresh profile, as the window has them, minus Electron. */
export async function storeOverRouter(): Promise<StoreOverRouter> {
  const profile = await makeTempDir();
  const desktop = recordingDesktop();
  const services = await createServices({
    desktop,
    profileDir: profile.path,
    downloadsDir: '/downloads',
    version: '9.9.9',
    logger: captureLogger(),
  });
  const client = createFerryClient(inProcessApi(createRouter(services)));
  const close = async () => {
    await services.dispose();
    await profile.remove();
  };
  return { profile, services, desktop, client, store: createFerryStore(client), close };
}
