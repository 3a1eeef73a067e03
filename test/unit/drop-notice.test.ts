import { describe, expect, it } from 'vitest';
import { notLinksNotice } from '../../renderer/components/add-dialog/drop-notice';
import { download } from './download-fixture';

describe('a drop of files that are not lists of links', () => {
  const finished = download({ id: 1, status: 'done', name: 'chair.glb', path: '/dl/chair.glb', size: 2048 });

  it('says a file Ferry downloaded is already in the library', () => {
    expect(notLinksNotice([{ name: 'chair.glb', size: 2048 }], [finished])).toBe(
      '“chair.glb” is already in your library. Ferry adds links, not files: drop a .txt or .csv of links, or paste links.',
    );
  });

  it('says Ferry adds links for any other file, even one named like a download but of another size', () => {
    const message = 'Ferry adds links, not files: drop a .txt or .csv of links, or paste links.';
    expect(notLinksNotice([{ name: 'chair.glb', size: 5 }], [finished])).toBe(message);
    expect(notLinksNotice([{ name: 'scene.blend', size: 2048 }], [finished])).toBe(message);
    const running = { ...finished, status: 'downloading' as const };
    expect(notLinksNotice([{ name: 'chair.glb', size: 2048 }], [running])).toBe(message);
  });
});
