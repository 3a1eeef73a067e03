import {
  File,
  FileArchive,
  FileAudio,
  FileBox,
  FileCode,
  FileImage,
  FileText,
  FileVideo,
  type LucideIcon,
} from 'lucide-react';
import { type FileKind, fileKind } from '../../store/file-kind';

const icons: Record<FileKind, LucideIcon> = {
  model: FileBox,
  image: FileImage,
  archive: FileArchive,
  video: FileVideo,
  audio: FileAudio,
  document: FileText,
  code: FileCode,
  other: File,
};

/** The icon of the kind of file a name suggests; decoration only, the name says the same. */
export function FileTypeIcon({ name }: { name: string }) {
  const Icon = icons[fileKind(name)];
  return <Icon className="file-type-icon" size={20} aria-hidden="true" />;
}
