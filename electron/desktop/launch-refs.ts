import { resolve } from 'node:path';
import { kib, MAX_LINK_CHARS, quoted, refRefusal } from './ref-refusal';

/** The most refs one launch or link may hand the Add dialog: a batch a person can still read before confirming. */
export const MAX_LAUNCH_REFS = 1000;
/** The most list files one launch may name; each is read whole, so a few is plenty. */
export const MAX_LIST_FILES = 20;

/** What a launch or a ferry:// link asks Ferry to add, before any list file is read. */
export interface LaunchRefs {
  refs: string[];
  /** Absolute paths of .txt or .csv lists of refs, to be read (and checked) before their refs count. */
  listFiles: string[];
  /** Why each refused part was refused, in words for the person. */
  problems: string[];
}

const LIST_FILE = /\.(txt|csv)$/i;
/** Absolute or relative paths on any platform: /x, ./x, ../x, ~/x, C:\x, \\server\x. */
const PATH_LIKE = /^(\/|\.{1,2}[\\/]|~[\\/]|[a-z]:[\\/]|\\\\)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The arguments a launch was given for Ferry: without the executable and, when run by `electron .`, the app path. */
export function launchArguments(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/**
 * Sorts a launch's arguments into refs, list files and refusals. Electron's and Chromium's own switches (anything
 * starting with "-") are not Ferry's and are skipped; relative paths are read from `cwd`, the launch's folder.
 */
export function sortLaunchArguments(args: readonly string[], cwd: string): LaunchRefs {
  const sorted: LaunchRefs = { refs: [], listFiles: [], problems: [] };
  for (const arg of args) {
    if (arg === '' || arg.startsWith('-')) continue;
    if (/^ferry:/i.test(arg)) merge(sorted, parseFerryLink(arg));
    else if (PATH_LIKE.test(arg) || (LIST_FILE.test(arg) && !HAS_SCHEME.test(arg))) addPath(sorted, arg, cwd);
    else addRef(sorted, arg);
  }
  return sorted;
}

/**
 * A ferry:// link: `ferry://add?ref=…&ref=…` opens the Add dialog with those refs. Anything else (another action,
 * a broken or huge link, a ref of a form Ferry never opens) is refused with the reason.
 */
export function parseFerryLink(link: string): LaunchRefs {
  const parsed: LaunchRefs = { refs: [], listFiles: [], problems: [] };
  if (link.length > MAX_LINK_CHARS) {
    return refused(
      `A ferry:// link of ${kib(link.length)} was refused: Ferry takes links up to ${kib(MAX_LINK_CHARS)}.`,
    );
  }
  const url = parseUrl(link);
  if (url?.protocol !== 'ferry:') {
    return refused(`${quoted(link)} is not a valid ferry:// link. Copy the whole link again from where you found it.`);
  }
  const action = `${url.hostname}${url.pathname}`.replace(/^\/+|\/+$/g, '').toLowerCase();
  if (action !== 'add') {
    return refused(
      `Ferry does not know the ferry:// link action ${quoted(action)}: it takes only ferry://add?ref=… links. The page that gave it may need a newer Ferry.`,
    );
  }
  const refs = url.searchParams.getAll('ref').map((ref) => ref.trim());
  if (refs.length > MAX_LAUNCH_REFS) {
    return refused(
      `A ferry:// link with ${refs.length.toLocaleString('en-US')} refs was refused: one link may carry at most ${MAX_LAUNCH_REFS.toLocaleString('en-US')}.`,
    );
  }
  for (const ref of refs.filter(Boolean)) addRef(parsed, ref);
  if (refs.filter(Boolean).length === 0) {
    parsed.problems.push('This ferry://add link names nothing to add: it has no ref=… in it.');
  }
  return parsed;
}

function addRef(sorted: LaunchRefs, ref: string): void {
  const refusal = refRefusal(ref);
  if (refusal) sorted.problems.push(refusal);
  else if (sorted.refs.length < MAX_LAUNCH_REFS) sorted.refs.push(ref);
  else sorted.problems.push(tooMany(1));
}

function addPath(sorted: LaunchRefs, path: string, cwd: string): void {
  if (!LIST_FILE.test(path)) {
    sorted.problems.push(`${quoted(path)} was not opened: Ferry reads refs only from .txt and .csv lists.`);
  } else if (sorted.listFiles.length >= MAX_LIST_FILES) {
    sorted.problems.push(`${quoted(path)} was not read: Ferry reads at most ${MAX_LIST_FILES} lists at once.`);
  } else {
    sorted.listFiles.push(resolve(cwd, path));
  }
}

/** Adds what another part of the launch gave, keeping to the refs limit. */
export function merge(into: LaunchRefs, from: LaunchRefs): void {
  const room = MAX_LAUNCH_REFS - into.refs.length;
  into.refs.push(...from.refs.slice(0, room));
  into.listFiles.push(...from.listFiles);
  into.problems.push(...from.problems);
  if (from.refs.length > room) into.problems.push(tooMany(from.refs.length - room));
}

function tooMany(left: number): string {
  return `Ferry opens at most ${MAX_LAUNCH_REFS.toLocaleString('en-US')} refs at once and left out ${left.toLocaleString('en-US')}: add them in another batch.`;
}

function refused(problem: string): LaunchRefs {
  return { refs: [], listFiles: [], problems: [problem] };
}

function parseUrl(link: string): URL | null {
  try {
    return new URL(link);
  } catch {
    return null;
  }
}
