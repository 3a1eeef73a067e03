import { resolve } from 'node:path';
import { app } from 'electron';
import type { AddRequest } from '../../shared/add-request';
import { launchArguments } from './launch-refs';
import { addRequestFromArguments, addRequestFromLink } from './launch-request';
import type { AddRequestInbox } from './window-inbox';

/**
 * ferry:// links and launches with refs, wherever they arrive: on macOS as `open-url` and `open-file` (registered
 * here, before the app is ready, so the link or list that starts Ferry is caught), on Windows and Linux in the arguments of the first launch
 * or of a second one, which Electron hands the running Ferry as `second-instance`. Each becomes a request for the
 * Add dialog, kept in the inbox until the window listens; the window is shown so the person sees it.
 */
export function installDeepLinks(inbox: AddRequestInbox, showWindow: () => void): void {
  registerProtocol();
  const deliver = (request: AddRequest | null) => {
    if (!request) return;
    inbox.deliver(request);
    if (app.isReady()) showWindow();
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(addRequestFromLink(url));
  });
  // Finder's Open With and a drop on the dock icon hand a list of refs as an event, not as arguments.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void addRequestFromArguments([path], process.cwd()).then(deliver);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    // A second launch with nothing to add still means "show me Ferry".
    showWindow();
    void addRequestFromArguments(launchArguments(argv, isDefaultApp()), workingDirectory).then(deliver);
  });
  void addRequestFromArguments(launchArguments(process.argv, isDefaultApp()), process.cwd()).then(deliver);
}

/** Run from a checkout (`electron .`), Ferry registers Electron with its app path, or links would start bare Electron. */
function registerProtocol(): void {
  const appPath = process.argv[1];
  if (isDefaultApp() && appPath) app.setAsDefaultProtocolClient('ferry', process.execPath, [resolve(appPath)]);
  else app.setAsDefaultProtocolClient('ferry');
}

function isDefaultApp(): boolean {
  return process.defaultApp === true;
}
