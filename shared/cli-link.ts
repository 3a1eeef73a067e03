import { z } from 'zod';

/** Where Settings linked the `ferry` command, and whether the shell will find it there. */
export const cliLinkSchema = z.object({
  linkPath: z.string(),
  launcher: z.string(),
  folder: z.string(),
  folderOnPath: z.boolean(),
});

export type CliLink = z.infer<typeof cliLinkSchema>;

/** What Settings says once the command is linked: where, and what else to do when its folder is not on PATH. */
export function cliLinkNote(link: CliLink): string {
  const linked = `Linked: ${link.linkPath} runs Ferry's command line.`;
  if (link.folderOnPath) return `${linked} Open a new terminal and type ferry --help.`;
  return `${linked} ${link.folder} is not on your PATH yet: add export PATH="${link.folder}:$PATH" to your shell's profile (~/.profile, ~/.zshrc), then open a new terminal.`;
}
