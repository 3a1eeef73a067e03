import { describe, expect, it } from 'vitest';
import { chooseFileName, sanitizeFileName } from '../../electron/engine/file-name';

/** The name a URL without an extension gets from a Content-Type. */
function nameFor(contentType: string | undefined): string {
  return chooseFileName({ url: 'https://example.com/files/asset', contentType });
}

describe('chooseFileName: an extension from the Content-Type', () => {
  it.each([
    ['application/pdf', 'asset.pdf'],
    ['application/zip', 'asset.zip'],
    ['application/x-tar', 'asset.tar'],
    ['application/gzip', 'asset.gz'],
    ['application/json', 'asset.json'],
    ['image/png', 'asset.png'],
    ['image/jpeg', 'asset.jpg'],
    ['image/gif', 'asset.gif'],
    ['image/webp', 'asset.webp'],
    ['image/svg+xml', 'asset.svg'],
    ['model/gltf-binary', 'asset.glb'],
    ['model/gltf+json', 'asset.gltf'],
    ['model/obj', 'asset.obj'],
    ['model/stl', 'asset.stl'],
    ['video/mp4', 'asset.mp4'],
    ['video/webm', 'asset.webm'],
    ['audio/mpeg', 'asset.mp3'],
    ['audio/wav', 'asset.wav'],
    ['text/plain', 'asset.txt'],
    ['text/html', 'asset.html'],
    ['text/csv', 'asset.csv'],
  ])('%s -> %s (the types Ferry always named)', (contentType, expected) => {
    expect(nameFor(contentType)).toBe(expected);
  });

  it.each([
    ['model/vnd.usdz+zip', 'asset.usdz'],
    ['model/3mf', 'asset.3mf'],
    ['model/vnd.collada+xml', 'asset.dae'],
    ['image/avif', 'asset.avif'],
    ['image/ktx2', 'asset.ktx2'],
    ['image/vnd.adobe.photoshop', 'asset.psd'],
    ['application/x-7z-compressed', 'asset.7z'],
    ['application/x-blender', 'asset.blend'],
    ['text/markdown', 'asset.md'],
  ])('%s -> %s (types only mime-types knows)', (contentType, expected) => {
    expect(nameFor(contentType)).toBe(expected);
  });

  it.each([
    ['audio/ogg', 'asset.ogg'],
    ['video/quicktime', 'asset.mov'],
  ])("%s -> %s (Ferry's preference over mime-types' first pick)", (contentType, expected) => {
    expect(nameFor(contentType)).toBe(expected);
  });

  it('reads the type whatever its case and parameters', () => {
    expect(nameFor('Image/JPEG; charset=binary')).toBe('asset.jpg');
    expect(nameFor(' text/html ;charset=utf-8')).toBe('asset.html');
  });

  it('adds nothing for application/octet-stream, unknown types or none', () => {
    expect(nameFor('application/octet-stream')).toBe('asset');
    expect(nameFor('application/x-ferry-unknown')).toBe('asset');
    expect(nameFor('constructor')).toBe('asset');
    expect(nameFor('')).toBe('asset');
    expect(nameFor(undefined)).toBe('asset');
  });

  it('keeps an extension the name already has', () => {
    const name = chooseFileName({ url: 'https://example.com/scene.usdz', contentType: 'model/gltf-binary' });
    expect(name).toBe('scene.usdz');
  });
});

describe('sanitizeFileName: names a hostile server sends', () => {
  it.each([
    ['photo\u202Egnp.exe', 'photognp.exe'],
    ['a\u202Ab\u202Bc\u202Cd\u202De.txt', 'abcde.txt'],
    ['\u2066isolated\u2067\u2068\u2069.txt', 'isolated.txt'],
    ['left\u200Eright\u200Farabic\u061C.txt', 'leftrightarabic.txt'],
    ['zero\u200Bwidth\u200C\u200D\u2060\uFEFF.txt', 'zerowidth.txt'],
    ['soft\u00ADhyphen\u{E0041}tag.txt', 'softhyphentag.txt'],
  ])('strips Unicode format characters: %j -> %s', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('leaves nothing of a name made only of format characters, so the fallback name is used', () => {
    expect(sanitizeFileName('\u202E\u200B\u2066')).toBe('');
    expect(
      chooseFileName({ contentDisposition: 'attachment; filename="\u202E\u200B"', url: 'https://a.example/' }),
    ).toBe('download');
  });

  it.each([
    ['.bashrc', '_.bashrc'],
    ['.ssh', '_.ssh'],
    ['..hidden', '_..hidden'],
    ['\u200B.profile', '_.profile'],
    [' .config', '_.config'],
  ])('prefixes a leading-dot name so it does not land hidden: %j -> %s', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('prefixes a leading-dot name from every source of a download name', () => {
    expect(chooseFileName({ contentDisposition: 'attachment; filename=".bashrc"', url: 'https://a.example/x' })).toBe(
      '_.bashrc',
    );
    expect(chooseFileName({ suggestedName: '.env', url: 'https://a.example/' })).toBe('_.env');
    expect(chooseFileName({ url: 'https://a.example/dir/.htaccess' })).toBe('_.htaccess');
    expect(chooseFileName({ url: 'https://a.example/%E2%80%AEgnp.exe' })).toBe('gnp.exe');
  });
});
