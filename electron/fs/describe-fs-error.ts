/** A file-system error in words a person understands, for messages that also say what to do. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file stands where the folder should be';
    case 'EISDIR':
      return 'a folder stands where the file should be';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
