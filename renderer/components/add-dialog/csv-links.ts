/** A cell that reads as a ref: a scheme followed by no spaces (https:, ipfs:, echo3d:…), or a bare CID. */
const REF_LIKE = /^([a-z][a-z0-9+.-]*:\S+|Qm[1-9A-HJ-NP-Za-km-z]{40,}|b[a-z2-7]{40,})$/i;

/** The cells of a CSV (comma, semicolon or tab separated, quotes honoured) that read as refs, in order. */
export function refsFromCsv(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap(csvCells)
    .map((cell) => cell.trim())
    .filter((cell) => REF_LIKE.test(cell));
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

/** Files whose text is a list of links: plain text or CSV. */
export function isLinkList(file: { name: string; type: string }): boolean {
  return /\.(txt|csv)$/i.test(file.name) || file.type === 'text/plain' || file.type === 'text/csv';
}
