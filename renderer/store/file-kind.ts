/** What kind of file a name suggests, for the icon beside it. */
export type FileKind = 'model' | 'image' | 'archive' | 'video' | 'audio' | 'document' | 'code' | 'other';

const extensions: Record<Exclude<FileKind, 'other'>, readonly string[]> = {
  model: ['glb', 'gltf', 'fbx', 'obj', 'usdz', 'usd', 'stl', 'ply', '3ds', 'blend', 'dae'],
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'heif', 'heic', 'svg', 'tif', 'tiff', 'bmp', 'exr', 'hdr'],
  archive: ['zip', 'tar', 'gz', 'tgz', '7z', 'rar', 'xz', 'bz2'],
  video: ['mp4', 'mov', 'webm', 'mkv', 'avi'],
  audio: ['mp3', 'wav', 'ogg', 'flac', 'm4a'],
  document: ['pdf', 'txt', 'md', 'doc', 'docx', 'rtf', 'csv', 'xlsx'],
  code: ['json', 'js', 'ts', 'html', 'css', 'xml', 'yaml', 'yml'],
};

export function fileKind(name: string): FileKind {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'other';
  const extension = name.slice(dot + 1).toLowerCase();
  const kind = (Object.keys(extensions) as (keyof typeof extensions)[]).find((candidate) =>
    extensions[candidate].includes(extension),
  );
  return kind ?? 'other';
}
