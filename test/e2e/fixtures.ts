import { test as base } from '@playwright/test';
import { requireBuiltApp } from '../support/built-app';
import { serveFolder } from '../support/static-server';
import { makeTempDir } from '../support/temp-dir';
import { FerryLauncher } from './ferry-launcher';

/** Each test gets its own empty profile folder and a launcher bound to it. */
export const test = base.extend<{ ferry: FerryLauncher }>({
  ferry: async ({ browser }, use) => {
    const built = requireBuiltApp();
    const profile = await makeTempDir('ferry-e2e-');
    const server = await serveFolder(built.rendererDir);
    const launcher = new FerryLauncher(browser, profile.path, server.url);
    await use(launcher);
    await launcher.closeAll();
    await server.close();
    await profile.remove();
  },
});

export { expect } from '@playwright/test';
