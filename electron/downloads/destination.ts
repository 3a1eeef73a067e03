import { join } from 'node:path';
import { templateFolders } from '../../shared/file-name-template';
import type { Settings } from '../../shared/settings';

/**
 * The folder a new download goes to: its queue's folder (or the download
 * folder), plus the folders the name template asks for.
 */
export function destinationFor(
  settings: Settings,
  context: { provider: string; queue: string; queueDirectory?: string | null },
): string {
  return join(context.queueDirectory ?? settings.downloadDir, ...templateFolders(settings.fileNameTemplate, context));
}
