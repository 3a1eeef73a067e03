import { splitExtension } from '../../engine/file-name';

/** Signatures at the start of common files, each with the extension it stands for. */
const signatures: [extension: string, offset: number, bytes: string][] = [
  ['.png', 0, '89504e470d0a1a0a'],
  ['.jpg', 0, 'ffd8ff'],
  ['.gif', 0, '47494638'],
  ['.webp', 8, '57454250'],
  ['.wav', 8, '57415645'],
  ['.pdf', 0, '255044462d'],
  ['.zip', 0, '504b0304'],
  ['.gz', 0, '1f8b'],
  ['.7z', 0, '377abcaf271c'],
  ['.glb', 0, '676c5446'],
  ['.mp4', 4, '66747970'],
  ['.mp3', 0, '494433'],
  ['.ogg', 0, '4f676753'],
  ['.flac', 0, '664c6143'],
  ['.tar', 257, '7573746172'],
];

/**
 * The extension a file's first bytes show (PNG, JPEG, GLB, ZIP…), or '' when
 * they show none Ferry knows: content by CID comes without a name.
 */
export function extensionFromBytes(head: Uint8Array): string {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  for (const [extension, offset, hex] of signatures) {
    const signature = Buffer.from(hex, 'hex');
    if (bytes.subarray(offset, offset + signature.length).equals(signature)) return extension;
  }
  return looksLikeJson(bytes) ? '.json' : '';
}

function looksLikeJson(bytes: Buffer): boolean {
  const text = bytes.subarray(0, 64).toString('utf8').trimStart();
  return text.startsWith('{"') || text.startsWith('[{');
}

/** Content named only by its CID gets the extension its bytes show, so it opens with the right program. */
export function withExtension(name: string, head: Uint8Array): string {
  return splitExtension(name).extension ? name : name + extensionFromBytes(head);
}
