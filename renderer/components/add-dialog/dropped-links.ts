import { refsFromCsv } from '../../../shared/ref-text';
import { isLinkList } from './csv-links';
import type { DroppedFile } from './drop-notice';

export interface DroppedText {
  text: string;
  /** Files that were not lists of links. */
  skipped: DroppedFile[];
}

/**
 * What a drop carries, as text for the add dialog: links and text as they
 * came, and each .txt or .csv file's links. The DataTransfer is read at once,
 * since the browser empties it once the drop event returns.
 */
export async function readDrop(data: DataTransfer): Promise<DroppedText> {
  const files = [...data.files];
  const uriList = data.getData('text/uri-list');
  const inline = files.length > 0 ? '' : uriList ? withoutComments(uriList) : data.getData('text/plain');
  const lists = files.filter(isLinkList);
  const texts = await Promise.all(
    lists.map(async (file) => {
      const content = await file.text();
      return /\.csv$/i.test(file.name) || file.type === 'text/csv'
        ? refsFromCsv(content).join('\n')
        : withoutComments(content);
    }),
  );
  const text = [inline, ...texts]
    .flatMap((part) => part.split(/\r?\n/))
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
  const skipped = files.filter((file) => !isLinkList(file)).map(({ name, size }) => ({ name, size }));
  return { text, skipped };
}

/** Comment lines (`# …`, in text/uri-list and in lists as `ferry -i` reads them) are not links. */
function withoutComments(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n');
}
