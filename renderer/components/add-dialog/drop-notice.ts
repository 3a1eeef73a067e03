import type { Download } from '../../../shared/downloads';

/** A dropped file as the window sees it: no path, only its name and size. */
export interface DroppedFile {
  name: string;
  size: number;
}

const NOT_LINKS = 'Ferry adds links, not files: drop a .txt or .csv of links, or paste links.';

/**
 * What to say when a drop held files but no links: most often a finished
 * download dragged out of Ferry and back in. A file is Ferry's own when a
 * finished download has its name and size; the window never sees its path.
 */
export function notLinksNotice(files: DroppedFile[], downloads: Iterable<Download>): string {
  const finished = [...downloads].filter((download) => download.status === 'done');
  const own = files.filter((file) => finished.some((download) => isSameFile(download, file)));
  if (own.length === files.length)
    return `${quoted(own)} ${own.length > 1 ? 'are' : 'is'} already in your library. ${NOT_LINKS}`;
  return NOT_LINKS;
}

/** What to say beside the links when a drop also held files that are not lists of links. */
export function skippedNotice(files: DroppedFile[]): string {
  return `Ferry left out ${quoted(files)}: only .txt and .csv files of links can be dropped. Drop the links themselves, or a list of them.`;
}

/** Its file by name and size, or what it was unpacked into by name (a folder has no size to compare). */
function isSameFile(download: Download, file: DroppedFile): boolean {
  const name = baseName(download.path) ?? download.name;
  return (name === file.name && download.size === file.size) || baseName(download.unpackedTo) === file.name;
}

function baseName(path: string | null): string | null {
  return path ? (path.split(/[/\\]/).pop() ?? null) : null;
}

function quoted(files: DroppedFile[]): string {
  return files.map((file) => `“${file.name}”`).join(', ');
}
