/**
 * Reading refs out of text: what a paste, a drop, a list file, a launch or the clipboard holds. The window and
 * the main process read it the same way, so a list gives the same refs whichever way it reaches Ferry.
 */

/** A cell that reads as a ref: a scheme followed by no spaces (https:, ipfs:, echo3d:…), or a bare CID. */
const REF_LIKE = /^([a-z][a-z0-9+.-]*:\S+|Qm[1-9A-HJ-NP-Za-km-z]{40,}|b[a-z2-7]{40,})$/i;

/** The refs of typed or pasted text: whatever stands between spaces and line breaks. */
export function splitLinks(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The cells of a CSV (comma, semicolon or tab separated, quotes honoured) that read as refs, in order. */
export function refsFromCsv(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap(csvCells)
    .map((cell) => cell.trim())
    .filter((cell) => REF_LIKE.test(cell));
}

/** The lines of a plain list, as `ferry -i` reads them: blank lines and `#` comments skipped. */
export function refsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const character = line[i];
    if (quoted && character === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (character === '"') {
      quoted = !quoted;
    } else if (!quoted && (character === ',' || character === ';' || character === '\t')) {
      cells.push(cell);
      cell = '';
    } else {
      cell += character;
    }
  }
  cells.push(cell);
  return cells;
}
