import { describe, expect, it } from 'vitest';
import { isLinkList } from '../../renderer/components/add-dialog/csv-links';
import { refsFromCsv } from '../../shared/ref-text';

describe('links in a dropped CSV', () => {
  it('takes the cells that read as refs, with quotes, semicolons and tabs honoured', () => {
    const csv = [
      'name,link,notes',
      'castle,"https://example.com/castle.glb",first draft: v2',
      '"tower, tall";echo3d:entry/e-1?files=all;',
      'cid\tQmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG\t12:30',
      '"say ""hi""",scenario:batch?assets=a1,not a link',
    ].join('\r\n');
    expect(refsFromCsv(csv)).toEqual([
      'https://example.com/castle.glb',
      'echo3d:entry/e-1?files=all',
      'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG',
      'scenario:batch?assets=a1',
    ]);
  });

  it('finds nothing in a sheet without refs', () => {
    expect(refsFromCsv('a,b\n1,2\nTitle: draft,12:30')).toEqual([]);
  });

  it('takes .txt and .csv files, by name or type, and nothing else', () => {
    expect(isLinkList({ name: 'links.TXT', type: '' })).toBe(true);
    expect(isLinkList({ name: 'sheet.csv', type: '' })).toBe(true);
    expect(isLinkList({ name: 'clipboard', type: 'text/plain' })).toBe(true);
    expect(isLinkList({ name: 'photo.png', type: 'image/png' })).toBe(false);
  });
});
