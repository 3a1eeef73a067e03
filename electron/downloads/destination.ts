import { join } from 'node:path';
import { templateFolders } from '../../shared/file-name-template';
import type { Settings } from '../../shared/settings';

/** The folder a new download goes to: the download folder plus the folders the name template asks for. */
export function destinationFor(settings: Settings, context: { provider: string; queue: string }): string {
  return join(settings.downloadDir, ...templateFolders(settings.fileNameTemplate, context));
}
