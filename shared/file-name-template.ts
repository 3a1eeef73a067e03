/**
 * Where a download lands below the download folder: `{provider}/{name}` puts
 * echo3D files in `echo3D/`, links in `http/`. `{name}` is always last and
 * stands for the file's own name; the parts before it become folders.
 */
export const FILE_NAME_PLACEHOLDERS = ['provider', 'queue'] as const;

export function templateProblem(template: string): string | null {
  const parts = template.split('/');
  if (parts.at(-1) !== '{name}') return 'The template must end with {name}, for example {provider}/{name}.';
  for (const part of parts.slice(0, -1)) {
    if (part.trim() === '' || part === '.' || part === '..')
      return 'Folders in the template cannot be empty, "." or "..".';
    const unknown = [...part.matchAll(/\{(\w+)\}/g)].find(
      (match) => !(FILE_NAME_PLACEHOLDERS as readonly string[]).includes(match[1] ?? ''),
    );
    if (unknown) return `{${unknown[1]}} is not a placeholder Ferry knows; use {provider} or {queue}.`;
    if (/[\\:*?"<>|]/.test(part.replace(/\{\w+\}/g, ''))) return 'Folder names cannot contain \\ : * ? " < > |.';
  }
  return null;
}

/** The folders a template asks for, with placeholders filled in and made safe as folder names. */
export function templateFolders(
  template: string,
  values: Record<(typeof FILE_NAME_PLACEHOLDERS)[number], string>,
): string[] {
  return template
    .split('/')
    .slice(0, -1)
    .map((part) => part.replace(/\{(\w+)\}/g, (_, key: string) => values[key as keyof typeof values] ?? ''))
    .map((part) => part.replace(/[/\\:*?"<>|]/g, '_').trim())
    .map((part) => (part === '' || part === '.' || part === '..' ? '_' : part));
}
