import type { Account } from '../../shared/accounts';
import { isCredentialsRefusal } from '../../shared/credentials-refusal';
import type { Download } from '../../shared/downloads';
import type { Queue } from '../../shared/queues';
import type { Settings } from '../../shared/settings';
import type { DownloadChange } from './download-activity';
import { accountNotice, failedNotice, finishedNotice, type Notice, queueDoneNotice } from './notice-wording';

/** A group of finishes or failures closes after this long without another one... */
export const GROUP_QUIET_MS = 3000;
/** ...or this long after its first, so a steady stream of small files still says something. */
export const GROUP_MAX_MS = 10_000;

export type NoticeSettings = Pick<
  Settings,
  'downloadDir' | 'notifyOnComplete' | 'notifyOnFailure' | 'notifyOnQueueDone' | 'notifyOnAccountProblem'
>;

/** What the planner reads besides the changes: the settings, accounts and queues now, and every download after them. */
export interface NoticeContext {
  settings: NoticeSettings;
  accounts: readonly Account[];
  queues: readonly Queue[];
  downloads: readonly Download[];
}

/**
 * Turns download changes into notifications: finishes and failures grouped
 * over a few seconds, a queue whose every download is done, an account whose
 * credentials a platform refused (once, until one of its downloads works
 * again). Plain data and a clock handed in, so the grouping is tested exactly.
 */
export class NoticePlanner {
  private finished: Download[] = [];
  private failed: Download[] = [];
  private readonly queuesDone = new Map<number, Notice>();
  private readonly finishedInQueue = new Map<number, number>();
  private readonly warnedAccounts = new Set<string>();
  private groupStart: number | null = null;
  private lastAt = 0;
  private settings: NoticeSettings | null = null;

  /** Takes in changes; returns what must be said at once (account problems). The rest waits for `due`. */
  observe(changes: DownloadChange[], context: NoticeContext, now: number): Notice[] {
    this.settings = context.settings;
    const immediate: Notice[] = [];
    for (const { before, after } of changes) {
      // A download first seen already settled was added and finished within one batch of events: it counts.
      if (before?.status === after.status) continue;
      if (after.status === 'done') this.noteFinished(after, context, now);
      if (after.status === 'failed') {
        const account = refusedAccount(after, context.accounts);
        if (account) immediate.push(...this.noteRefused(account, context.settings));
        else if (context.settings.notifyOnFailure) this.hold(this.failed, after, now);
      }
    }
    return immediate;
  }

  /** When the open group should be said, or null when nothing waits. */
  nextDueAt(): number | null {
    if (this.groupStart === null) return null;
    return Math.min(this.lastAt + GROUP_QUIET_MS, this.groupStart + GROUP_MAX_MS);
  }

  /** The grouped notices whose time has come: finishes, failures, then the queues they completed. */
  due(now: number): Notice[] {
    const at = this.nextDueAt();
    if (at === null || now < at) return [];
    const notices: Notice[] = [];
    if (this.finished.length > 0 && this.settings)
      notices.push(finishedNotice(this.finished, this.settings.downloadDir));
    if (this.failed.length > 0) notices.push(failedNotice(this.failed));
    notices.push(...this.queuesDone.values());
    this.finished = [];
    this.failed = [];
    this.queuesDone.clear();
    this.groupStart = null;
    return notices;
  }

  private noteFinished(download: Download, context: NoticeContext, now: number): void {
    const account = signingAccount(download, context.accounts);
    if (account) this.warnedAccounts.delete(account.id);
    if (context.settings.notifyOnComplete) this.hold(this.finished, download, now);
    const count = (this.finishedInQueue.get(download.queueId) ?? 0) + 1;
    this.finishedInQueue.set(download.queueId, count);
    const queue = context.queues.find((candidate) => candidate.id === download.queueId);
    if (!queue || !queueIsDone(queue.id, context.downloads)) return;
    this.finishedInQueue.delete(queue.id);
    // One file finishing its queue is said by its own notice already.
    if (!context.settings.notifyOnQueueDone || count < 2) return;
    this.queuesDone.set(queue.id, queueDoneNotice(queue, count));
    this.touch(now);
  }

  private noteRefused(account: Account, settings: NoticeSettings): Notice[] {
    if (this.warnedAccounts.has(account.id)) return [];
    this.warnedAccounts.add(account.id);
    return settings.notifyOnAccountProblem ? [accountNotice(account)] : [];
  }

  private hold(group: Download[], download: Download, now: number): void {
    group.push(download);
    this.touch(now);
  }

  private touch(now: number): void {
    this.groupStart ??= now;
    this.lastAt = now;
  }
}

/** Every download of the queue is done, or was canceled: nothing is left to fetch or to look at. */
function queueIsDone(queueId: number, downloads: readonly Download[]): boolean {
  return downloads.every(
    (download) => download.queueId !== queueId || download.status === 'done' || download.status === 'canceled',
  );
}

/** A download naming no account was signed by its platform's default one, as the Accounts view reads it too. */
function signingAccount(download: Download, accounts: readonly Account[]): Account | undefined {
  if (download.accountId !== null) return accounts.find((account) => account.id === download.accountId);
  return accounts.find((account) => account.isDefault && account.provider === download.provider);
}

function refusedAccount(download: Download, accounts: readonly Account[]): Account | undefined {
  if (!download.error || !isCredentialsRefusal(download.error.message)) return undefined;
  return signingAccount(download, accounts);
}
