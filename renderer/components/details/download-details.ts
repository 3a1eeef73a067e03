import { downloadErrorTitles } from '../../../shared/download-errors';
import type { DownloadStatus } from '../../../shared/download-status';
import type { Download } from '../../../shared/downloads';
import { previewMimeFor } from '../../../shared/file-preview';
import { formatBytes } from '../../../shared/format';

/** One download as the Details panel tells it: every value already in words. */
export interface DownloadDetails {
  /** The link or ref as the library shows it: secrets were cut in the main process and never reach the window. */
  source: string;
  destination: string;
  size: string;
  /** The file's sha256, when it is known. */
  sha256: string | null;
  /** How the bytes were checked, when that says more than a hash: CIDs are verified block by block. */
  verification: string | null;
  status: string;
  /** Why it failed, in the engine's or platform's words, with its headline. */
  problem: { title: string; message: string } | null;
  /** Whether the finished file is an image or model the panel can show. */
  previewable: boolean;
}

const statusSentences: Record<DownloadStatus, string> = {
  queued: 'Waiting for its turn in the queue.',
  resolving: 'Asking the platform for the file.',
  waiting: 'Waiting for the platform.',
  downloading: 'Downloading now.',
  paused: 'Paused. Resume it to continue where it stopped.',
  verifying: 'Checking the file that arrived.',
  unpacking: 'Downloaded; unpacking the archive.',
  done: 'Finished.',
  failed: 'Failed.',
  canceled: 'Canceled. Retry it to download it again.',
};

export function downloadDetails(download: Download): DownloadDetails {
  return {
    source: download.ref,
    destination: download.unpackedTo ?? download.path ?? `${download.directory} (name not known yet)`,
    size: download.size === null ? 'Not known yet' : `${formatBytes(download.size)} (${download.size} bytes)`,
    sha256: download.sha256,
    // Only a finished CID download was checked block by block: a failed one may have stopped at a bad block.
    verification:
      download.provider === 'cid' && download.status === 'done' ? 'Verified block by block against its CID.' : null,
    status: statusSentence(download),
    problem:
      download.status === 'failed'
        ? {
            title: download.error ? downloadErrorTitles[download.error.code] : 'The download failed',
            message: download.error?.message ?? 'Ferry did not record why. Retry it to try again.',
          }
        : null,
    previewable:
      download.status === 'done' &&
      !download.unpackedTo &&
      download.path !== null &&
      previewMimeFor(download.path) !== null,
  };
}

function statusSentence(download: Download): string {
  if (download.status === 'waiting' && download.waitingFor) return `Waiting for the platform: ${download.waitingFor}.`;
  if (download.status === 'done' && download.finishedAt) {
    return `Finished ${new Date(download.finishedAt).toLocaleString()}.`;
  }
  return statusSentences[download.status];
}
