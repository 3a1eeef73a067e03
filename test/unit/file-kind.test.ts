import { describe, expect, it } from 'vitest';
import { fileKind } from '../../renderer/store/file-kind';

describe('fileKind', () => {
  it.each([
    ['castle.GLB', 'model'],
    ['wood.png', 'image'],
    ['pack.tar.gz', 'archive'],
    ['brief.pdf', 'document'],
    ['README', 'other'],
    ['.hidden', 'other'],
    ['weird.xyz', 'other'],
  ])('%s is %s', (name, kind) => {
    expect(fileKind(name)).toBe(kind);
  });
});
