import { basename } from 'node:path';
import type { AddRequest } from '../../shared/add-request';
import { type LaunchRefs, merge, parseFerryLink, sortLaunchArguments } from './launch-refs';
import { readRefList } from './ref-list-file';
import { refRefusal } from './ref-refusal';

/** How many refusals a message names before it only counts the rest. */
const NAMED_PROBLEMS = 3;

/** What a launch's arguments ask for (refs, links, lists); null when they ask for nothing, as a plain start does. */
export async function addRequestFromArguments(args: readonly string[], cwd: string): Promise<AddRequest | null> {
  const sorted = sortLaunchArguments(args, cwd);
  for (const path of sorted.listFiles) merge(sorted, await refsOfList(path));
  if (sorted.refs.length === 0 && sorted.problems.length === 0) return null;
  return addRequest(sorted);
}

/** What a ferry:// link asks for, or why it was refused. */
export function addRequestFromLink(link: string): AddRequest {
  return addRequest(parseFerryLink(link));
}

async function refsOfList(path: string): Promise<LaunchRefs> {
  const list = await readRefList(path);
  if ('problem' in list) return { refs: [], listFiles: [], problems: [list.problem] };
  const refs = list.refs.filter((ref) => refRefusal(ref) === null);
  const left = list.refs.length - refs.length;
  const problems =
    left > 0
      ? [`${left} ${left === 1 ? 'line' : 'lines'} of ${basename(path)} left out: ${firstRefusal(list.refs)}`]
      : [];
  return { refs, listFiles: [], problems };
}

function firstRefusal(refs: string[]): string {
  for (const ref of refs) {
    const refusal = refRefusal(ref);
    if (refusal) return refusal;
  }
  return '';
}

function addRequest({ refs, problems }: LaunchRefs): AddRequest {
  return { text: refs.join('\n'), problem: summary([...new Set(problems)]) };
}

function summary(problems: string[]): string | null {
  if (problems.length === 0) return null;
  const named = problems.slice(0, NAMED_PROBLEMS).join(' ');
  const more = problems.length - NAMED_PROBLEMS;
  return more > 0 ? `${named} ${more} more ${more === 1 ? 'was' : 'were'} refused too.` : named;
}
