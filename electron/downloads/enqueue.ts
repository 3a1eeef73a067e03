import { join } from 'node:path';
import type { Download } from '../../shared/downloads';
import { FerryError } from '../../shared/errors';
import { platforms } from '../../shared/platforms';
import { DEFAULT_QUEUE_ID, type Queue } from '../../shared/queues';
import type { Settings } from '../../shared/settings';
import type { AccountStore } from '../accounts/account-store';
import type { ProviderRegistry } from '../providers/registry';
import type { DownloadStore } from '../store/download-store';
import { destinationFor } from './destination';
import { expandRefs } from './expand-refs';

export interface EnqueueRequest {
  refs: string[];
  queueId?: number;
  /** The account to sign with; each provider's default account when null. */
  accountId: string | null;
  /** The settings' default when left out. */
  unpack?: boolean;
  /**
   * A folder that stands in for the queue's or the settings' folder (ferry -o, the Add dialog's Change folder…);
   * the file-name template's folders still go below it.
   */
  directory?: string;
  connections?: number | null;
  speedLimit?: number | null;
}

export interface EnqueueContext {
  store: DownloadStore;
  accounts: AccountStore;
  providers: ProviderRegistry;
  settings: Settings;
}

/**
 * The one way downloads enter the library, for the window and the CLI alike:
 * every ref is checked, the queue and the account must fit, entries that
 * stand for several files become one download a file, all in one transaction.
 */
export async function enqueue(context: EnqueueContext, request: EnqueueRequest): Promise<Download[]> {
  const { store, accounts, providers, settings } = context;
  const problems = request.refs.map(providers.refProblem).filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new FerryError('invalid_ref', problems.slice(0, 5).join(' '));
  const queue = queueFor(store, request.queueId ?? DEFAULT_QUEUE_ID);
  if (request.accountId) checkAccountFits(context, request.accountId, request.refs);
  const files = await expandRefs(request.refs, providers, accounts, request.accountId);
  return store.addMany(
    files.map(({ ref, folder, unpack }) => {
      const provider = providers.forRef(ref)?.id ?? 'http';
      const destination = destinationFor(settings, {
        provider,
        queue: queue.name,
        queueDirectory: request.directory ?? queue.directory,
      });
      return {
        ref,
        provider,
        queueId: queue.id,
        accountId: request.accountId,
        unpack: request.unpack ?? unpack ?? settings.unpackArchives,
        directory: join(destination, folder),
        connections: request.connections ?? null,
        speedLimit: request.speedLimit ?? null,
      };
    }),
  );
}

function queueFor(store: DownloadStore, id: number): Queue {
  const queue = store.queues().find((candidate) => candidate.id === id);
  if (!queue)
    throw new FerryError('not_found', 'That queue no longer exists. Pick another queue and add the links again.');
  return queue;
}

/** An account named with the refs must exist and belong to the platform of every ref that signs with one. */
function checkAccountFits({ accounts, providers }: EnqueueContext, accountId: string, refs: string[]): void {
  const account = accounts.get(accountId);
  if (!account) {
    throw new FerryError('not_found', 'That account no longer exists. Pick another account and try again.');
  }
  const misfit = refs.find((ref) => {
    const provider = providers.forRef(ref);
    return provider && platforms[provider.id].account !== 'none' && provider.id !== account.provider;
  });
  if (misfit) throw new FerryError('invalid_ref', misfitMessage(account, misfit));
}

export function misfitMessage(account: { label: string; provider: string }, ref: string): string {
  return `"${account.label}" is a ${account.provider} account, so it cannot sign "${ref.slice(0, 200)}". Pick an account of that platform.`;
}
