import { describe, expect, it } from 'vitest';
import { materialLibraries, textureNames } from '../../electron/previews/obj-resources';

describe('the files an OBJ names', () => {
  it('reads every mtllib, trying a name with spaces whole and split', () => {
    expect(materialLibraries('# cube\nmtllib a.mtl\nv 0 0 0\n  mtllib my model.mtl\r\nmtllibx.mtl\n')).toEqual([
      'a.mtl',
      'my model.mtl',
      'my',
      'model.mtl',
    ]);
    expect(materialLibraries('v 0 0 0\nf 1 1 1\n')).toEqual([]);
  });

  it('reads texture names as three.js does: options taken out, any case of the keyword, each name once', () => {
    const mtl = [
      'newmtl a',
      'map_Kd -s 2 2 1 -o 0.5 0.5 0 wood grain.png',
      'MAP_KS spec.png',
      'bump -bm 0.3 bump.png',
      'disp -mm 0 1 height.png',
      'map_kd wood grain.png',
      'Kd 1 1 1',
      'map_Kd',
    ].join('\n');
    expect(textureNames(mtl)).toEqual(['wood grain.png', 'spec.png', 'bump.png', 'height.png']);
  });
});
