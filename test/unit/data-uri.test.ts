import { describe, expect, it } from 'vitest';
import { decodeDataUri } from '../../electron/previews/data-uri';

describe('data: URIs in a glTF', () => {
  it('reads base64 and percent-encoded bytes, any byte value, and refuses what is not a data: URI', () => {
    expect(Array.from(decodeDataUri('data:application/octet-stream;base64,AQL/') ?? [])).toEqual([1, 2, 255]);
    expect(Array.from(decodeDataUri('data:application/octet-stream,%00A%ff%80') ?? [])).toEqual([0, 65, 255, 128]);
    expect(decodeDataUri('triangle.bin')).toBeNull();
    expect(decodeDataUri('data:no-comma')).toBeNull();
  });
});
