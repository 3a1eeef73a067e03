/** Files whose text is a list of links: plain text or CSV. */
export function isLinkList(file: { name: string; type: string }): boolean {
  return /\.(txt|csv)$/i.test(file.name) || file.type === 'text/plain' || file.type === 'text/csv';
}
