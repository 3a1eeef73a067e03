import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download } from '../../shared/downloads';
import { removePart } from '../engine/resume-state';
import type { DownloadStore } from '../store/download-store';

/** Where a provider that fetches content itself (the CID store, gateways) works before the result has its name. */
export function fetchStaging(directory: string, id: number): string {
  return join(directory, `.ferry-fetch-${id}`);
}

/**
 * What an unfinished download leaves on disk while nothing runs it: the
 * engine's part file, or a provider's staging folder after a crash. Canceling
 * or removing the download deletes them, never the finished file.
 */
export async function removeLeftovers(download: Download, store: DownloadStore): Promise<void> {
  await removePart(download.directory, store.resume.of(download.id));
  await rm(fetchStaging(download.directory, download.id), { recursive: true, force: true });
}
